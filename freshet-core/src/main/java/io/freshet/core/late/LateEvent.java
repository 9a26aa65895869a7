package io.freshet.core.late;

/**
 * An event too late for a window of a pipeline: the event, the window it missed and the watermark
 * when it arrived (the {@code late-events} topic).
 */
public record LateEvent(
    String pipeline,
    String eventId,
    String key,
    long eventTime,
    long windowStart,
    long windowEnd,
    long watermark) {}
