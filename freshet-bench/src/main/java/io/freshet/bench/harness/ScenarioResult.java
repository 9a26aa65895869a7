package io.freshet.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: tables to print, named figures (the numbers ratios and charts are
 * made from), parameters it ran with, and notes on what limited it.
 */
public record ScenarioResult(
    String scenario,
    String finishedAt,
    boolean quick,
    Map<String, Object> parameters,
    List<ResultTable> tables,
    Map<String, Double> figures,
    List<String> notes) {

  public ScenarioResult {
    parameters = new LinkedHashMap<>(parameters);
    tables = List.copyOf(tables);
    figures = new LinkedHashMap<>(figures);
    notes = List.copyOf(notes);
  }

  /** A figure this result recorded, or NaN. */
  public double figure(String name) {
    return figures.getOrDefault(name, Double.NaN);
  }

  /** Collects a result while a scenario runs. */
  public static final class Builder {
    private final String scenario;
    private final boolean quick;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<ResultTable> tables = new ArrayList<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public Builder(String scenario, boolean quick) {
      this.scenario = scenario;
      this.quick = quick;
    }

    public Builder parameter(String name, Object value) {
      parameters.put(name, value);
      return this;
    }

    public Builder table(ResultTable table) {
      tables.add(table);
      return this;
    }

    public Builder figure(String name, double value) {
      figures.put(name, value);
      return this;
    }

    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public ScenarioResult build() {
      return new ScenarioResult(
          scenario, java.time.Instant.now().toString(), quick, parameters, tables, figures, notes);
    }
  }
}
