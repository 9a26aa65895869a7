package io.freshet.pipelines.plugin;

import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.serving.ServingTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One pipeline as a unit the platform runs without knowing it: its name, topics, serving tables,
 * settings, latency SLA, how it wires its Flink job and its demo traffic.
 *
 * <p>A pipeline is registered by one line naming its class in {@code
 * META-INF/services/io.freshet.pipelines.plugin.FreshetPipeline}; {@link PipelineCatalog} finds it.
 * Topic provisioning, the store schema, {@code /api/views}, health, metrics labels, the dead-letter
 * tooling, {@code status}, the banner and the options of {@code freshet run} all come from these
 * declarations.
 */
public interface FreshetPipeline {
  /**
   * The pipeline's name: the Flink job name, the {@code pipeline} label of its metrics and the
   * pipeline recorded in its dead letters. Lowercase words joined by '-'.
   */
  String name();

  /** Other names {@code --pipelines} accepts for it, e.g. {@code fraud}. */
  default List<String> aliases() {
    return List.of();
  }

  /** One line for the banner and {@code --help}. */
  String description();

  /** Every topic it reads or writes, under declared names, in creation order. */
  List<TopicDescriptor<?, ?>> topics();

  /** The serving tables its results are materialised into. */
  default List<ServingTable<?>> tables() {
    return List.of();
  }

  /** Its tunables; each becomes an option of {@code freshet run}. */
  default List<Setting<?>> settings() {
    return List.of();
  }

  /** The end-to-end latency its results are expected within, for the alert rules. */
  Duration latencySla();

  /** Adds the pipeline's sources, operators and sinks to {@code env}. */
  void wire(StreamExecutionEnvironment env, PipelineContext context);

  /** The demo traffic it offers, writing to topics under {@code naming}; none by default. */
  default List<DemoStream> demo(TopicNaming naming, long seed) {
    return List.of();
  }

  /**
   * The HTTP API it serves beside {@code /api/views} (commands, decisions), built once its job is
   * submitted; none by default.
   */
  default Optional<PipelineApi> api(ApiContext context) {
    return Optional.empty();
  }

  /**
   * The inputs producers may append to through the command API, each validated with the pipeline's
   * own codec; none by default.
   */
  default List<IngestStream<?>> ingestStreams() {
    return List.of();
  }

  /** Its page on the live dashboard; none by default (its figures still show on the overview). */
  default Optional<DashboardPage> dashboard() {
    return Optional.empty();
  }

  /**
   * The consumer group (declared name) its job reads its inputs with, so that tools outside the
   * platform, such as a lag-based autoscaler, can watch it; none by default.
   */
  default Optional<String> consumerGroup() {
    return Optional.empty();
  }

  /** Its input topics (declared names), the ones demo traffic and producers write. */
  default List<TopicDescriptor<?, ?>> inputs() {
    return topics().stream().filter(t -> t.role() == TopicRole.INPUT).toList();
  }
}
