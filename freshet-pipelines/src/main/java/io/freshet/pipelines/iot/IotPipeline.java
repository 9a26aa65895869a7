package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.DemoStream;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.pipelines.topic.Topics;
import io.freshet.serving.ServingTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The IoT-monitoring plug-in: threshold alerts, 5 s stats, 1 min stddev and anomalies. */
public final class IotPipeline implements FreshetPipeline {
  @Override
  public String name() {
    return IotMonitoringJob.NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("iot");
  }

  @Override
  public String description() {
    return "sensor thresholds, 5 s statistics, 1 min standard deviation and anomalies";
  }

  @Override
  public List<TopicDescriptor<?, ?>> topics() {
    return List.of(
        IotTopics.SENSOR_READINGS,
        IotTopics.SENSOR_READINGS_DLQ,
        IotTopics.EQUIPMENT_BASELINES,
        IotTopics.SENSOR_STATS_5S,
        IotTopics.SENSOR_STDDEV_1M,
        IotTopics.SENSOR_ANOMALIES,
        IotTopics.SENSOR_ALERTS,
        Topics.LATE_EVENTS);
  }

  @Override
  public List<ServingTable<?>> tables() {
    return List.of(
        IotTables.SENSOR_STATS_5S, IotTables.SENSOR_STDDEV_1M, IotTables.SENSOR_ANOMALIES);
  }

  @Override
  public List<Setting<?>> settings() {
    return IotPipelineSettings.ALL;
  }

  @Override
  public Duration latencySla() {
    return Duration.ofSeconds(3);
  }

  @Override
  public void wire(StreamExecutionEnvironment env, PipelineContext context) {
    new IotMonitoringJob(
            IotKafkaIo.create(context),
            IotPipelineSettings.of(context.settings()),
            context.naming())
        .wireInto(env);
  }

  /** Per device and sensor: 5 s means against the baseline band, anomalies, threshold alerts. */
  @Override
  public List<IngestStream<?>> ingestStreams() {
    return List.of(
        new IngestStream<>(
            IotTopics.SENSOR_READINGS, SensorReading::eventId, SensorReading::deviceId));
  }

  @Override
  public Optional<String> consumerGroup() {
    return Optional.of(IotKafkaIo.GROUP_ID);
  }

  @Override
  public Optional<DashboardPage> dashboard() {
    return Optional.of(
        new DashboardPage(
            "IoT",
            "iot.js",
            List.of(
                IotTopics.SENSOR_STATS_5S,
                IotTopics.SENSOR_STDDEV_1M,
                IotTopics.SENSOR_ANOMALIES,
                IotTopics.SENSOR_ALERTS)));
  }

  @Override
  public List<DemoStream> demo(TopicNaming naming, long seed) {
    String topic = naming.name(IotTopics.SENSOR_READINGS);
    return List.of(new DemoStream("sensors", topic, new SensorDemo(topic, seed)));
  }
}
