package io.freshet.testkit.windows;

/**
 * A reference {@code late-events} record: an event beyond its window's allowed lateness.
 *
 * @param pipeline the (sub-)pipeline it was too late for
 * @param eventId the event's id
 * @param key the window key, e.g. {@code device|TEMPERATURE}
 * @param eventTime the event's time, epoch millis
 * @param windowStart start of the window it missed
 * @param windowEnd end (exclusive) of that window as the late-event record states it
 * @param watermark the watermark it met
 */
public record ExpectedLateEvent(
    String pipeline,
    String eventId,
    String key,
    long eventTime,
    long windowStart,
    long windowEnd,
    long watermark) {}
