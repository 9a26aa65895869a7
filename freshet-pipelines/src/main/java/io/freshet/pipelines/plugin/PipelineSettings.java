package io.freshet.pipelines.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The values of the pipelines' settings that were given; every other setting has its default. */
public final class PipelineSettings {
  private static final PipelineSettings DEFAULTS = new PipelineSettings(Map.of());

  private final Map<Setting<?>, Object> values;

  private PipelineSettings(Map<Setting<?>, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** No setting given: every one has its default. */
  public static PipelineSettings defaults() {
    return DEFAULTS;
  }

  /** The value of {@code setting}: the one given, or its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Object value = values.get(setting);
    return value == null ? setting.defaultValue() : (T) value;
  }

  /** These settings with {@code setting} set to {@code value}. */
  public <T> PipelineSettings with(Setting<T> setting, T value) {
    Objects.requireNonNull(value, setting.name());
    Map<Setting<?>, Object> next = new LinkedHashMap<>(values);
    next.put(setting, value);
    return new PipelineSettings(next);
  }

  /** The problems of the given values among {@code declared}, each naming its option. */
  public List<String> problems(Collection<Setting<?>> declared) {
    List<String> problems = new ArrayList<>();
    for (Setting<?> setting : declared) {
      problem(setting).ifPresent(problems::add);
    }
    return problems;
  }

  private <T> java.util.Optional<String> problem(Setting<T> setting) {
    return setting.problem(get(setting));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PipelineSettings other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    Map<String, Object> byName = new LinkedHashMap<>();
    values.forEach((s, v) -> byName.put(s.name(), v));
    return "PipelineSettings" + byName;
  }
}
