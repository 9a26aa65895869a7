package io.freshet.runtime.deadletter;

import java.util.List;

/** What a replay did: the dead letters it sent, in dead-letter order, and those it skipped. */
public record ReplayReport(List<ReplayedRecord> sent, List<ReplaySkip> skipped) {
  public ReplayReport {
    sent = List.copyOf(sent);
    skipped = List.copyOf(skipped);
  }
}
