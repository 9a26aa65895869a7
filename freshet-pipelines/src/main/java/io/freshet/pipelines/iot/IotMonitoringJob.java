package io.freshet.pipelines.iot;

import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.Arrival;
import io.freshet.pipelines.common.DeadLetterSplitFunction;
import io.freshet.pipelines.common.DeadLetterSplitFunction.DeadLetters;
import io.freshet.pipelines.common.Ingested;
import io.freshet.pipelines.common.LateEventFunction;
import io.freshet.pipelines.topic.TopicNaming;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * Wires the IoT monitoring pipeline: per-reading threshold alerts, 5-second statistics, a 1-minute
 * sliding standard deviation built from the 5-second panes, baseline anomalies, late events and
 * dead letters.
 */
public final class IotMonitoringJob {
  /** The pipeline's name in dead letters, late events, metrics and the Flink job name. */
  public static final String NAME = "iot-monitoring";

  public static final Duration PANE = Duration.ofSeconds(5);
  public static final Duration STDDEV_WINDOW = Duration.ofMinutes(1);

  private static final OutputTag<Arrival<SensorReading>> TOO_LATE =
      new OutputTag<>(
          "too-late-readings", TypeInformation.of(new TypeHint<Arrival<SensorReading>>() {}));

  private final IotJobIo io;
  private final IotSettings settings;
  private final TopicNaming naming;

  /** The job with production topic names in its metrics. */
  public IotMonitoringJob(IotJobIo io, IotSettings settings) {
    this(io, settings, TopicNaming.PRODUCTION);
  }

  /** The job reporting metrics under the topic names of {@code naming}. */
  public IotMonitoringJob(IotJobIo io, IotSettings settings, TopicNaming naming) {
    this.io = io;
    this.settings = settings;
    this.naming = naming;
  }

  /** Adds the pipeline's operators to {@code env}. */
  public void wireInto(StreamExecutionEnvironment env) {
    DataStream<Ingested<SensorReading>> ingested =
        env.fromSource(io.readings(), io.watermarks(), "sensor-readings-source")
            .uid("sensor-readings-source");

    SingleOutputStreamOperator<Arrival<SensorReading>> readings =
        ingested
            .process(new DeadLetterSplitFunction<SensorReading>())
            .returns(TypeInformation.of(new TypeHint<Arrival<SensorReading>>() {}))
            .uid("validate-sensor-readings")
            .name("validate-sensor-readings");
    readings
        .getSideOutput(DeadLetters.TAG)
        .sinkTo(io.deadLetters())
        .uid("sensor-dead-letters-sink")
        .name("sensor-dead-letters-sink");

    readings
        .process(
            new ThresholdAlertFunction(settings.thresholds(), naming.name(IotTopics.SENSOR_ALERTS)))
        .uid("sensor-thresholds")
        .name("sensor-thresholds")
        .sinkTo(io.alerts())
        .uid("sensor-alerts-sink")
        .name("sensor-alerts-sink");

    SingleOutputStreamOperator<PaneStats> panes =
        readings
            .keyBy(
                a -> IotKeys.of(a.event().deviceId(), a.event().sensorType()),
                TypeInformation.of(String.class))
            .window(TumblingEventTimeWindows.of(PANE))
            .allowedLateness(settings.allowedLateness())
            .sideOutputLateData(TOO_LATE)
            .aggregate(new RunningStatsAggregator(), new PaneWindowFunction())
            .uid("sensor-panes-5s")
            .name("sensor-panes-5s");

    SingleOutputStreamOperator<SensorStats5s> stats =
        panes.map(PaneStats::toStats).uid("sensor-stats-5s").name("sensor-stats-5s");
    stats.sinkTo(io.stats()).uid("sensor-stats-sink").name("sensor-stats-sink");
    stats.sinkTo(io.statsStore()).uid("sensor-stats-store-sink").name("sensor-stats-store-sink");

    SingleOutputStreamOperator<SensorStddev1m> stddev =
        panes
            .keyBy(PaneStats::key, TypeInformation.of(String.class))
            .process(new SlidingStddevFunction(STDDEV_WINDOW, PANE, settings.allowedLateness()))
            .uid("sensor-stddev-1m")
            .name("sensor-stddev-1m");
    stddev.sinkTo(io.stddev()).uid("sensor-stddev-sink").name("sensor-stddev-sink");
    stddev
        .sinkTo(io.stddevStore())
        .uid("sensor-stddev-store-sink")
        .name("sensor-stddev-store-sink");

    BroadcastStream<EquipmentBaseline> equipment =
        env.fromSource(
                io.equipmentBaselines(),
                WatermarkStrategy.noWatermarks(),
                "equipment-baselines-source")
            .uid("equipment-baselines-source")
            .setParallelism(1)
            .broadcast(AnomalyFunction.EQUIPMENT);
    SingleOutputStreamOperator<SensorAnomaly> anomalies =
        panes
            .keyBy(PaneStats::key, TypeInformation.of(String.class))
            .connect(equipment)
            .process(new AnomalyFunction(settings.anomalies()))
            .uid("sensor-anomalies")
            .name("sensor-anomalies");
    anomalies.sinkTo(io.anomalies()).uid("sensor-anomalies-sink").name("sensor-anomalies-sink");
    anomalies
        .sinkTo(io.anomalyStore())
        .uid("sensor-anomalies-store-sink")
        .name("sensor-anomalies-store-sink");

    panes
        .getSideOutput(TOO_LATE)
        .process(new LateEventFunction<>(NAME, new LateReadings()))
        .returns(LateEvent.class)
        .uid("sensor-late-events")
        .name("sensor-late-events")
        .sinkTo(io.lateEvents())
        .uid("sensor-late-events-sink")
        .name("sensor-late-events-sink");
  }

  /** Describes a reading too late for its 5-second pane. */
  static final class LateReadings implements LateEventFunction.Describer<SensorReading> {
    private static final long serialVersionUID = 1L;

    @Override
    public String eventId(SensorReading r) {
      return r.eventId();
    }

    @Override
    public String key(SensorReading r) {
      return IotKeys.of(r.deviceId(), r.sensorType());
    }

    @Override
    public long eventTime(SensorReading r) {
      return r.eventTime();
    }

    @Override
    public long windowStart(SensorReading r) {
      return r.eventTime() - Math.floorMod(r.eventTime(), PANE.toMillis());
    }

    @Override
    public long windowEnd(SensorReading r) {
      return windowStart(r) + PANE.toMillis();
    }
  }
}
