package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.DemoStream;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.IngestStream;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.plugin.WindowSettings;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.pipelines.topic.Topics;
import io.freshet.serving.ServingTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The clickstream plug-in: revenue per minute and sessions, revised by late clicks. */
public final class ClickstreamPipeline implements FreshetPipeline {
  @Override
  public String name() {
    return ClickstreamJob.NAME;
  }

  @Override
  public String description() {
    return "revenue per minute by country and category, sessions with a 30 min gap";
  }

  @Override
  public List<TopicDescriptor<?, ?>> topics() {
    return List.of(
        ClickstreamTopics.CLICKSTREAM_EVENTS,
        ClickstreamTopics.CLICKSTREAM_EVENTS_DLQ,
        ClickstreamTopics.REVENUE_PER_MINUTE,
        ClickstreamTopics.SESSIONS,
        Topics.LATE_EVENTS);
  }

  @Override
  public List<ServingTable<?>> tables() {
    return List.of(ClickstreamTables.REALTIME_REVENUE, ClickstreamTables.SESSIONS);
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(WindowSettings.ALLOWED_LATENESS);
  }

  @Override
  public Duration latencySla() {
    return Duration.ofSeconds(60);
  }

  @Override
  public void wire(StreamExecutionEnvironment env, PipelineContext context) {
    new ClickstreamJob(
            ClickstreamKafkaIo.create(context), context.setting(WindowSettings.ALLOWED_LATENESS))
        .wireInto(env);
  }

  /** Revenue per minute by country and category; sessions and conversion. */
  @Override
  public List<IngestStream<?>> ingestStreams() {
    return List.of(
        new IngestStream<>(
            ClickstreamTopics.CLICKSTREAM_EVENTS, ClickEvent::eventId, ClickEvent::userId));
  }

  @Override
  public Optional<String> consumerGroup() {
    return Optional.of(ClickstreamKafkaIo.GROUP_ID);
  }

  @Override
  public Optional<DashboardPage> dashboard() {
    return Optional.of(
        new DashboardPage(
            "Revenue & sessions",
            "clickstream.js",
            List.of(ClickstreamTopics.REVENUE_PER_MINUTE, ClickstreamTopics.SESSIONS)));
  }

  @Override
  public List<DemoStream> demo(TopicNaming naming, long seed) {
    String topic = naming.name(ClickstreamTopics.CLICKSTREAM_EVENTS);
    return List.of(new DemoStream("clicks", topic, new ClickDemo(topic, seed)));
  }
}
