package io.freshet.core.sizing;

/**
 * One figure of a capacity plan with the arithmetic that produced it.
 *
 * @param measure what the figure is
 * @param value the figure in the measure's base unit (bytes, bytes per second or a count)
 * @param shown the figure as printed, e.g. "102.4 MB/s"
 * @param arithmetic how it was worked out, e.g. "100,000 events/s × 1,024 B = 102.4 MB/s"
 */
public record Figure(Measure measure, double value, String shown, String arithmetic) {}
