package io.freshet.bench.workload;

/** One generated input record: Kafka key and value bytes. */
public record BenchRecord(byte[] key, byte[] value) {}
