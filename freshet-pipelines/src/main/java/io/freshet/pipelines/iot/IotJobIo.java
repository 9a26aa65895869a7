package io.freshet.pipelines.iot;

import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/** The source and sinks the IoT job is wired between. */
public record IotJobIo(
    Source<Ingested<SensorReading>, ?, ?> readings,
    WatermarkStrategy<Ingested<SensorReading>> watermarks,
    Source<EquipmentBaseline, ?, ?> equipmentBaselines,
    Sink<SensorStats5s> stats,
    Sink<SensorStddev1m> stddev,
    Sink<SensorAnomaly> anomalies,
    Sink<SensorAlert> alerts,
    Sink<LateEvent> lateEvents,
    Sink<DeadLetterRecord> deadLetters,
    Sink<SensorStats5s> statsStore,
    Sink<SensorStddev1m> stddevStore,
    Sink<SensorAnomaly> anomalyStore) {}
