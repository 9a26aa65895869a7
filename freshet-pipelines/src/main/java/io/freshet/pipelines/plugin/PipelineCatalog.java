package io.freshet.pipelines.plugin;

import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.serving.ServingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The registered pipelines, or a selection of them, and everything they declare merged: topics,
 * serving tables and settings that two pipelines share appear once.
 */
public final class PipelineCatalog {
  private final List<FreshetPipeline> pipelines;

  private PipelineCatalog(List<FreshetPipeline> pipelines) {
    this.pipelines = List.copyOf(pipelines);
    Map<String, FreshetPipeline> names = new LinkedHashMap<>();
    for (FreshetPipeline p : this.pipelines) {
      for (String name : names(p)) {
        FreshetPipeline other = names.put(name, p);
        if (other != null) {
          throw new IllegalStateException(
              "two pipelines are called '" + name + "': " + other.name() + " and " + p.name());
        }
      }
    }
    // Fail at start-up, not at the first query, when two pipelines disagree on a shared name.
    merged(FreshetPipeline::topics, TopicDescriptor::name, "topic");
    merged(FreshetPipeline::tables, ServingTable::name, "serving table");
    merged(FreshetPipeline::settings, Setting::name, "setting");
  }

  /** The pipelines registered through {@link ServiceLoader}, in registration order. */
  public static PipelineCatalog discovered() {
    List<FreshetPipeline> found = new ArrayList<>();
    ServiceLoader.load(FreshetPipeline.class, FreshetPipeline.class.getClassLoader())
        .forEach(found::add);
    return new PipelineCatalog(found);
  }

  /** Exactly these pipelines. */
  public static PipelineCatalog of(List<? extends FreshetPipeline> pipelines) {
    return new PipelineCatalog(List.copyOf(pipelines));
  }

  /** Exactly these pipelines. */
  public static PipelineCatalog of(FreshetPipeline... pipelines) {
    return of(List.of(pipelines));
  }

  /** The pipelines, in order. */
  public List<FreshetPipeline> pipelines() {
    return pipelines;
  }

  /** The pipelines' names, in order. */
  public List<String> names() {
    return pipelines.stream().map(FreshetPipeline::name).toList();
  }

  /**
   * The pipelines named (by name or alias), in catalog order; all of them when {@code names} is
   * empty.
   *
   * @throws IllegalArgumentException naming the unknown ones and the known ones
   */
  public PipelineCatalog select(Collection<String> names) {
    if (names.isEmpty()) {
      return this;
    }
    List<String> unknown = names.stream().filter(n -> byName(n).isEmpty()).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--pipelines: unknown pipeline(s) "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(
                  ", ", pipelines.stream().map(p -> String.join("|", names(p))).toList()));
    }
    return new PipelineCatalog(
        pipelines.stream()
            .filter(p -> names.stream().anyMatch(n -> names(p).contains(n)))
            .toList());
  }

  /** The pipeline with this name or alias. */
  public Optional<FreshetPipeline> byName(String name) {
    return pipelines.stream().filter(p -> names(p).contains(name)).findFirst();
  }

  /** Every topic, declared names, each once, in creation order. */
  public List<TopicDescriptor<?, ?>> topics() {
    return merged(FreshetPipeline::topics, TopicDescriptor::name, "topic");
  }

  /** Every topic under {@code naming}. */
  public List<TopicDescriptor<?, ?>> topics(TopicNaming naming) {
    return topics().stream().<TopicDescriptor<?, ?>>map(naming::resolve).toList();
  }

  /** The dead-letter topics under {@code naming}. */
  public List<TopicDescriptor<?, ?>> deadLetterTopics(TopicNaming naming) {
    return topics(naming).stream().filter(t -> t.role() == TopicRole.DEAD_LETTER).toList();
  }

  /** Every serving table, each once. */
  public List<ServingTable<?>> tables() {
    return merged(FreshetPipeline::tables, ServingTable::name, "serving table");
  }

  /** Every setting, each once, in declaration order. */
  public List<Setting<?>> settings() {
    return merged(FreshetPipeline::settings, Setting::name, "setting");
  }

  /** Each pipeline's declared latency SLA. */
  public Map<String, Duration> latencySlas() {
    Map<String, Duration> slas = new LinkedHashMap<>();
    pipelines.forEach(p -> slas.put(p.name(), p.latencySla()));
    return slas;
  }

  private static List<String> names(FreshetPipeline p) {
    List<String> all = new ArrayList<>();
    all.add(p.name());
    all.addAll(p.aliases());
    return all;
  }

  private <T> List<T> merged(
      Function<FreshetPipeline, List<? extends T>> declared,
      Function<T, String> name,
      String what) {
    Map<String, T> byName = new LinkedHashMap<>();
    for (FreshetPipeline p : pipelines) {
      for (T item : declared.apply(p)) {
        T earlier = byName.putIfAbsent(name.apply(item), item);
        if (earlier != null && !earlier.equals(item)) {
          throw new IllegalStateException(
              p.name()
                  + " declares "
                  + what
                  + " '"
                  + name.apply(item)
                  + "' differently from another pipeline; share one declaration");
        }
      }
    }
    return List.copyOf(byName.values());
  }
}
