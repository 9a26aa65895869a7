package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.pipelines.clickstream.ClickstreamPipeline;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.iot.IotPipeline;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.testkit.clickstream.Click;
import io.freshet.testkit.clickstream.ClickEnvelopes;
import io.freshet.testkit.clickstream.ClickGenerator;
import io.freshet.testkit.iot.Reading;
import io.freshet.testkit.iot.SensorEnvelopes;
import io.freshet.testkit.iot.SensorGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Function;

/** Loads the testkit's seeded sensor and click streams into private bench topics, once per run. */
final class AnalyticsBacklogs {
  private static final String SOURCE = "freshet-bench";

  private AnalyticsBacklogs() {}

  /**
   * A reading backlog loaded into the input topic of a private naming, whose (empty) equipment
   * baselines topic exists too.
   */
  record SensorBacklog(TopicNaming naming, BacklogLoader.Loaded loaded) {}

  /** A click backlog loaded into the input topic of a private naming. */
  record ClickBacklog(TopicNaming naming, BacklogLoader.Loaded loaded) {}

  /** The readings as Kafka records: key the device id, value the envelope. */
  static Iterator<BenchRecord> records(SensorGenerator sensors) {
    return map(
        sensors.readings(),
        (Reading r) ->
            new BenchRecord(
                r.deviceId().getBytes(StandardCharsets.UTF_8), SensorEnvelopes.encode(r, SOURCE)));
  }

  /** The clicks as Kafka records: key the user id, value the envelope. */
  static Iterator<BenchRecord> records(ClickGenerator clicks) {
    return map(
        clicks.clicks(),
        (Click c) ->
            new BenchRecord(
                c.userId().getBytes(StandardCharsets.UTF_8), ClickEnvelopes.encode(c, SOURCE)));
  }

  /**
   * The readings loaded into {@link IotTopics#SENSOR_READINGS} of a private naming, once per run:
   * scenarios asking for the same seed and size share it.
   */
  static SensorBacklog loadOnce(BenchContext context, long seed, SensorGenerator sensors) {
    String name = "sensor-readings-" + seed + "-" + sensors.events() + "-" + sensors.devices();
    return context.backlog(
        name,
        () -> {
          TopicNaming naming = context.kafka().naming(name);
          return new SensorBacklog(
              naming,
              load(
                  context,
                  new IotPipeline(),
                  naming,
                  IotTopics.SENSOR_READINGS,
                  records(sensors),
                  sensors.events()));
        });
  }

  /**
   * The clicks loaded into {@link ClickstreamTopics#CLICKSTREAM_EVENTS} of a private naming, once
   * per run: scenarios asking for the same seed and size share it.
   */
  static ClickBacklog loadOnce(BenchContext context, long seed, ClickGenerator clicks) {
    String name = "clicks-" + seed + "-" + clicks.events() + "-" + clicks.users();
    return context.backlog(
        name,
        () -> {
          TopicNaming naming = context.kafka().naming(name);
          return new ClickBacklog(
              naming,
              load(
                  context,
                  new ClickstreamPipeline(),
                  naming,
                  ClickstreamTopics.CLICKSTREAM_EVENTS,
                  records(clicks),
                  clicks.events()));
        });
  }

  /** Creates every topic {@code pipeline} reads under {@code naming} and loads {@code input}. */
  private static BacklogLoader.Loaded load(
      BenchContext context,
      FreshetPipeline pipeline,
      TopicNaming naming,
      TopicDescriptor<?, ?> input,
      Iterator<BenchRecord> records,
      long count) {
    try {
      BenchPipeline.catchUp(pipeline, context.kafka(), naming).createInputs(context.kafka());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the input topics under " + naming, e);
    }
    return context.loader().load(naming.name(input), records, count);
  }

  private static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }
}
