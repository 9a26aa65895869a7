package io.freshet.core.iot;

/**
 * A known-good baseline for one sensor type, from the compacted {@code equipment-baselines} topic:
 * devices without history start from it instead of warming up.
 */
public record EquipmentBaseline(SensorType sensorType, double mean, double stddev) {}
