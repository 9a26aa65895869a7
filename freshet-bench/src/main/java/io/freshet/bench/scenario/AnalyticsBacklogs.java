package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.clickstream.ClickstreamTopics;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
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

  /** A reading backlog loaded into a private topic. */
  record SensorBacklog(TopicDescriptor<String, SensorReading> topic, BacklogLoader.Loaded loaded) {}

  /** A click backlog loaded into a private topic. */
  record ClickBacklog(TopicDescriptor<String, ClickEvent> topic, BacklogLoader.Loaded loaded) {}

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
   * The readings loaded into a private copy of {@link Topics#SENSOR_READINGS}, once per run:
   * scenarios asking for the same seed and size share it.
   */
  static SensorBacklog loadOnce(BenchContext context, long seed, SensorGenerator sensors) {
    String name = "sensor-readings-" + seed + "-" + sensors.events() + "-" + sensors.devices();
    return context.backlog(
        name,
        () -> {
          TopicDescriptor<String, SensorReading> topic;
          try {
            topic = context.kafka().createTopic(IotTopics.SENSOR_READINGS, name);
          } catch (Exception e) {
            throw new IllegalStateException("cannot create the sensor backlog topic " + name, e);
          }
          return new SensorBacklog(
              topic, context.loader().load(topic.name(), records(sensors), sensors.events()));
        });
  }

  /**
   * The clicks loaded into a private copy of {@link Topics#CLICKSTREAM_EVENTS}, once per run:
   * scenarios asking for the same seed and size share it.
   */
  static ClickBacklog loadOnce(BenchContext context, long seed, ClickGenerator clicks) {
    String name = "clicks-" + seed + "-" + clicks.events() + "-" + clicks.users();
    return context.backlog(
        name,
        () -> {
          TopicDescriptor<String, ClickEvent> topic;
          try {
            topic = context.kafka().createTopic(ClickstreamTopics.CLICKSTREAM_EVENTS, name);
          } catch (Exception e) {
            throw new IllegalStateException("cannot create the click backlog topic " + name, e);
          }
          return new ClickBacklog(
              topic, context.loader().load(topic.name(), records(clicks), clicks.events()));
        });
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
