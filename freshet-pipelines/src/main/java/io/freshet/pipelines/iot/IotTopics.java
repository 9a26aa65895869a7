package io.freshet.pipelines.iot;

import io.freshet.core.deadletter.DeadLetter;
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
import io.freshet.pipelines.topic.Codecs;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.pipelines.topic.Topics;
import java.time.Duration;
import java.util.Map;

/** The IoT-monitoring pipeline's topics, under their declared names. */
public final class IotTopics {
  private IotTopics() {}

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
      Topics.deadLettersFor(SENSOR_READINGS);

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
      Topics.output("sensor-stats-5s", new SensorStats5sCodec());

  public static final TopicDescriptor<String, SensorStddev1m> SENSOR_STDDEV_1M =
      Topics.output("sensor-stddev-1m", new SensorStddev1mCodec());

  public static final TopicDescriptor<String, SensorAnomaly> SENSOR_ANOMALIES =
      Topics.output("sensor-anomalies", new SensorAnomalyCodec());

  public static final TopicDescriptor<String, SensorAlert> SENSOR_ALERTS =
      Topics.output("sensor-alerts", new SensorAlertCodec());
}
