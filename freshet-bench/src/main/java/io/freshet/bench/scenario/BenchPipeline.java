package io.freshet.bench.scenario;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.SourceStart;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.StoreSinks;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A pipeline's production plug-in wiring on a bench run's private topics, with the documented
 * watermark bounds and default settings; only the serving store is left out, so the figures are the
 * pipeline's and Kafka's.
 *
 * @param pipeline the registered plug-in whose {@code wire} builds the job
 * @param context its cluster, naming, discarding store, watermarks and settings
 */
record BenchPipeline(FreshetPipeline pipeline, PipelineContext context) {

  /** Reads the backlog under {@code naming} to its end, so the job ends once it caught up. */
  static BenchPipeline catchUp(FreshetPipeline pipeline, BenchKafka kafka, TopicNaming naming) {
    return new BenchPipeline(pipeline, context(kafka, SourceStart.EARLIEST_BOUNDED, naming));
  }

  /** Reads from the earliest offset without end, for paced and live runs. */
  static BenchPipeline live(FreshetPipeline pipeline, BenchKafka kafka, TopicNaming naming) {
    return new BenchPipeline(pipeline, context(kafka, SourceStart.EARLIEST, naming));
  }

  private static PipelineContext context(BenchKafka kafka, SourceStart start, TopicNaming naming) {
    return new PipelineContext(
        new KafkaConnection(kafka.bootstrapServers()).withStart(start),
        naming,
        StoreSinks.discarding(),
        PipelineContext.DEFAULT_MAX_OUT_OF_ORDERNESS,
        PipelineContext.DEFAULT_SOURCE_IDLENESS,
        PipelineSettings.defaults());
  }

  /** A declared topic under this run's name. */
  <K, V> TopicDescriptor<K, V> topic(TopicDescriptor<K, V> declared) {
    return context.topic(declared);
  }

  /** Creates the topics the pipeline reads (inputs, reference data), once per naming prefix. */
  List<String> createInputs(BenchKafka kafka) throws Exception {
    return create(kafka, false);
  }

  /** Creates the topics this run writes (outputs, dead letters) and returns their names. */
  List<String> createOutputs(BenchKafka kafka) throws Exception {
    return create(kafka, true);
  }

  private List<String> create(BenchKafka kafka, boolean written) throws Exception {
    List<String> names = new ArrayList<>();
    for (TopicDescriptor<?, ?> declared : pipeline.topics()) {
      if (declared.role().written() == written) {
        names.add(kafka.createTopic(topic(declared)).name());
      }
    }
    return names;
  }

  /** Adds the pipeline's job to {@code env}, exactly as {@code freshet run} does. */
  void wireInto(StreamExecutionEnvironment env) {
    pipeline.wire(env, context);
  }
}
