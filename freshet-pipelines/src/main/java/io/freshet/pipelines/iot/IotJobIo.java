package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorReading;
import io.freshet.pipelines.common.LateEvent;
import io.freshet.pipelines.kafka.DeadLetterRecord;
import io.freshet.pipelines.kafka.Ingested;
import io.freshet.serving.rows.SensorAnomalyRow;
import io.freshet.serving.rows.SensorStatsRow;
import io.freshet.serving.rows.SensorStddevRow;
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
    Sink<SensorStatsRow> statsStore,
    Sink<SensorStddevRow> stddevStore,
    Sink<SensorAnomalyRow> anomalyStore) {}
