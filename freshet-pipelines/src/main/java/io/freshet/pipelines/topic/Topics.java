package io.freshet.pipelines.topic;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.RevenueRowCodec;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.SessionRowCodec;
import io.freshet.core.codec.Codec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.EquipmentBaselineCodec;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAlertCodec;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorAnomalyCodec;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStats5sCodec;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorStddev1mCodec;
import io.freshet.core.late.LateEvent;
import io.freshet.core.late.LateEventCodec;
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
      output("sensor-stats-5s", new SensorStats5sCodec());

  public static final TopicDescriptor<String, SensorStddev1m> SENSOR_STDDEV_1M =
      output("sensor-stddev-1m", new SensorStddev1mCodec());

  public static final TopicDescriptor<String, SensorAnomaly> SENSOR_ANOMALIES =
      output("sensor-anomalies", new SensorAnomalyCodec());

  public static final TopicDescriptor<String, SensorAlert> SENSOR_ALERTS =
      output("sensor-alerts", new SensorAlertCodec());

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
      output("revenue-per-minute", new RevenueRowCodec());

  public static final TopicDescriptor<String, SessionRow> SESSIONS =
      output("sessions", new SessionRowCodec());

  /** Events too late for a window, one record per event and pipeline that could not use it. */
  public static final TopicDescriptor<String, LateEvent> LATE_EVENTS =
      output("late-events", new LateEventCodec());

  private static <V> TopicDescriptor<String, V> output(String name, Codec<V> codec) {
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
