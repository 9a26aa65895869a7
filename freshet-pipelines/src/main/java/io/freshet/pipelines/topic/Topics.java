package io.freshet.pipelines.topic;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.clickstream.ClickstreamJson;
import io.freshet.pipelines.clickstream.RevenueRow;
import io.freshet.pipelines.clickstream.SessionRow;
import io.freshet.pipelines.common.LateEvent;
import io.freshet.pipelines.common.LateEventCodec;
import io.freshet.pipelines.iot.EquipmentBaseline;
import io.freshet.pipelines.iot.EquipmentBaselineCodec;
import io.freshet.pipelines.iot.IotJson;
import io.freshet.pipelines.iot.SensorAlert;
import io.freshet.pipelines.iot.SensorAnomaly;
import io.freshet.pipelines.iot.SensorStats5s;
import io.freshet.pipelines.iot.SensorStddev1m;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every topic Freshet creates at start-up, with its documented defaults. */
public final class Topics {
  private Topics() {}

  /** Dead letters may hold a whole 10 MiB value, base64-encoded inside a JSON document. */
  public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = DeadLetterTopics.MAX_MESSAGE_BYTES;

  public static final TopicDescriptor<String, Transaction> TRANSACTIONS =
      new TopicDescriptor<>(
          "transactions",
          4,
          Duration.ofDays(7),
          Map.of(),
          Codecs.UTF8,
          Codecs.TRANSACTION,
          TopicRole.INPUT);

  public static final TopicDescriptor<String, FraudAlert> FRAUD_ALERTS =
      new TopicDescriptor<>(
          "fraud-alerts", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.FRAUD_ALERT);

  public static final TopicDescriptor<String, TransactionDecision> TRANSACTION_DECISIONS =
      new TopicDescriptor<>(
          "transaction-decisions", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.DECISION);

  /** One partition so that an offset alone names a dead letter. */
  public static final TopicDescriptor<String, DeadLetter> TRANSACTIONS_DLQ =
      deadLettersFor(TRANSACTIONS);

  public static final TopicDescriptor<String, SensorReading> SENSOR_READINGS =
      new TopicDescriptor<>(
          "sensor-readings",
          4,
          Duration.ofDays(7),
          Map.of(),
          Codecs.UTF8,
          Codecs.SENSOR_READING,
          TopicRole.INPUT);

  public static final TopicDescriptor<String, DeadLetter> SENSOR_READINGS_DLQ =
      deadLettersFor(SENSOR_READINGS);

  /** Known-good baselines per sensor type; compacted, so the latest per key is kept forever. */
  public static final TopicDescriptor<String, EquipmentBaseline> EQUIPMENT_BASELINES =
      new TopicDescriptor<>(
          "equipment-baselines",
          1,
          Duration.ofDays(3650),
          Map.of("cleanup.policy", "compact"),
          Codecs.UTF8,
          new EquipmentBaselineCodec(),
          TopicRole.REFERENCE);

  public static final TopicDescriptor<String, SensorStats5s> SENSOR_STATS_5S =
      output("sensor-stats-5s", IotJson.STATS);

  public static final TopicDescriptor<String, SensorStddev1m> SENSOR_STDDEV_1M =
      output("sensor-stddev-1m", IotJson.STDDEV);

  public static final TopicDescriptor<String, SensorAnomaly> SENSOR_ANOMALIES =
      output("sensor-anomalies", IotJson.ANOMALY);

  public static final TopicDescriptor<String, SensorAlert> SENSOR_ALERTS =
      output("sensor-alerts", IotJson.ALERT);

  public static final TopicDescriptor<String, ClickEvent> CLICKSTREAM_EVENTS =
      new TopicDescriptor<>(
          "clickstream-events",
          4,
          Duration.ofDays(7),
          Map.of(),
          Codecs.UTF8,
          Codecs.CLICK_EVENT,
          TopicRole.INPUT);

  public static final TopicDescriptor<String, DeadLetter> CLICKSTREAM_EVENTS_DLQ =
      deadLettersFor(CLICKSTREAM_EVENTS);

  public static final TopicDescriptor<String, RevenueRow> REVENUE_PER_MINUTE =
      output("revenue-per-minute", ClickstreamJson.REVENUE);

  public static final TopicDescriptor<String, SessionRow> SESSIONS =
      output("sessions", ClickstreamJson.SESSION);

  /** Events too late for a window, one record per event and pipeline that could not use it. */
  public static final TopicDescriptor<String, LateEvent> LATE_EVENTS =
      output("late-events", new LateEventCodec());

  private static <V> TopicDescriptor<String, V> output(String name, TopicCodec<V> codec) {
    return new TopicDescriptor<>(name, 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, codec);
  }

  /** The dead-letter topic of an input topic: {@code <topic>.dlq}, kept 30 days. */
  public static TopicDescriptor<String, DeadLetter> deadLettersFor(TopicDescriptor<?, ?> input) {
    return DeadLetterTopics.of(input);
  }

  /** All topics, in creation order. */
  public static List<TopicDescriptor<?, ?>> all() {
    return List.of(
        TRANSACTIONS,
        FRAUD_ALERTS,
        TRANSACTION_DECISIONS,
        TRANSACTIONS_DLQ,
        SENSOR_READINGS,
        SENSOR_READINGS_DLQ,
        EQUIPMENT_BASELINES,
        SENSOR_STATS_5S,
        SENSOR_STDDEV_1M,
        SENSOR_ANOMALIES,
        SENSOR_ALERTS,
        CLICKSTREAM_EVENTS,
        CLICKSTREAM_EVENTS_DLQ,
        REVENUE_PER_MINUTE,
        SESSIONS,
        LATE_EVENTS);
  }

  /** The descriptor of a topic by name, if Freshet owns it. */
  public static Optional<TopicDescriptor<?, ?>> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
