package io.freshet.pipelines.common;

/**
 * A valid event with the broker's append time of the record it came in, so results can report
 * end-to-end latency on the broker's clock.
 */
public record Arrival<T>(T event, long appendTime) {}
