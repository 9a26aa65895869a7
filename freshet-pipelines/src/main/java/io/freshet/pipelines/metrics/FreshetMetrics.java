package io.freshet.pipelines.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * Names of the metrics Freshet's operators register in Flink under the {@value #GROUP} group; the
 * metrics bridge exports them as {@code freshet_<name>} labelled by pipeline.
 */
public final class FreshetMetrics {
  /** The user scope that marks a Flink metric as one of Freshet's own. */
  public static final String GROUP = "freshet";

  public static final String RECORDS_IN = "records_in_total";
  public static final String DEAD_LETTERS = "dead_letters_total";
  public static final String DUPLICATES_SKIPPED = "duplicates_skipped_total";
  public static final String LATE_EVENTS = "late_events_total";
  public static final String E2E_LATENCY = "e2e_latency_seconds";
  public static final String EVENT_TIME_LATENCY = "event_time_latency_seconds";
  public static final String WATERMARK_LAG = "watermark_lag_seconds";

  private FreshetMetrics() {}

  /** The group Freshet metrics of an operator go into. */
  public static MetricGroup of(MetricGroup operatorGroup) {
    return operatorGroup.addGroup(GROUP);
  }
}
