package io.freshet.bench.scenario;

/**
 * An output topic of a job run.
 *
 * @param expected the exact committed record count, or -1 when any count is fine (alerts)
 * @param onePerKey every key must have exactly one record here: the proof it reached state
 */
record StateOutput(String topic, long expected, boolean onePerKey) {}
