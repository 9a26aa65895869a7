package io.freshet.pipelines.plugin;

import io.freshet.pipelines.common.EventTimeWatermarks;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * What a pipeline wires its job from, so that one wiring serves {@code freshet run}, the bench,
 * tests, a cluster submission and a shadow replay: the Kafka cluster and how sources start, the
 * topic naming, where results are materialised, the watermark bounds and the settings.
 *
 * @param kafka the cluster, and where sources start reading
 * @param naming turns declared topic names, groups and transactional ids into real ones
 * @param store where serving-table results go
 * @param maxOutOfOrderness bound of the watermarks' out-of-orderness
 * @param sourceIdleness a partition silent this long stops holding back the watermark
 * @param settings the values of the pipelines' settings
 */
public record PipelineContext(
    KafkaConnection kafka,
    TopicNaming naming,
    StoreSinks store,
    Duration maxOutOfOrderness,
    Duration sourceIdleness,
    PipelineSettings settings) {

  /** The documented watermark bounds: 10 s out of orderness, 30 s idleness. */
  public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

  public static final Duration DEFAULT_SOURCE_IDLENESS = Duration.ofSeconds(30);

  public PipelineContext {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    Objects.requireNonNull(sourceIdleness, "sourceIdleness");
    Objects.requireNonNull(settings, "settings");
  }

  /** Production names, the store at {@code storeUrl}, default watermarks and settings. */
  public static PipelineContext of(KafkaConnection kafka, StoreSinks store) {
    return new PipelineContext(
        kafka,
        TopicNaming.PRODUCTION,
        store,
        DEFAULT_MAX_OUT_OF_ORDERNESS,
        DEFAULT_SOURCE_IDLENESS,
        PipelineSettings.defaults());
  }

  /** The same context under another naming. */
  public PipelineContext withNaming(TopicNaming newNaming) {
    return new PipelineContext(
        kafka, newNaming, store, maxOutOfOrderness, sourceIdleness, settings);
  }

  /** The same context with other settings. */
  public PipelineContext withSettings(PipelineSettings newSettings) {
    return new PipelineContext(
        kafka, naming, store, maxOutOfOrderness, sourceIdleness, newSettings);
  }

  /** A declared topic under its real name. */
  public <K, V> TopicDescriptor<K, V> topic(TopicDescriptor<K, V> declared) {
    return naming.resolve(declared);
  }

  /** A declared consumer group or transactional id prefix under its real name. */
  public String id(String declared) {
    return naming.id(declared);
  }

  /** The value of one of the pipeline's settings. */
  public <T> T setting(Setting<T> setting) {
    return settings.get(setting);
  }

  /** Per-partition event-time watermarks with this context's bounds. */
  public <T> WatermarkStrategy<Ingested<T>> watermarks() {
    return EventTimeWatermarks.forIngested(maxOutOfOrderness, sourceIdleness);
  }
}
