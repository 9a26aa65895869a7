package io.freshet.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.freshet.bench.harness.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Scenario results as JSON files, one per scenario, in {@code bench-results/}. */
public final class ResultFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultFiles() {}

  /** Writes {@code <dir>/<scenario>.json} and returns its path. */
  public static Path write(Path dir, ScenarioResult result) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(result.scenario() + ".json");
    JSON.writeValue(file.toFile(), result);
    return file;
  }

  /** Every result in {@code dir} by scenario name; empty when the directory does not exist. */
  public static Map<String, ScenarioResult> readAll(Path dir) throws IOException {
    Map<String, ScenarioResult> results = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return results;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> !f.getFileName().toString().equals("jmh.json"))
          .sorted()
          .forEach(
              f -> {
                try {
                  ScenarioResult r = JSON.readValue(f.toFile(), ScenarioResult.class);
                  results.put(r.scenario(), r);
                } catch (IOException e) {
                  throw new UncheckedIOException("unreadable benchmark result " + f, e);
                }
              });
    }
    return results;
  }
}
