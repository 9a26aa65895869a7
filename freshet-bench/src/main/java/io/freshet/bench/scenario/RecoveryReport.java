package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;

/** Builds the {@code recovery} scenario's figures, table and notes from one kill and restart. */
final class RecoveryReport {
  private RecoveryReport() {}

  static ScenarioResult build(String name, BenchContext context, RecoveryScenario.Run run) {
    double intervalDecisions =
        run.rateBeforeKill() * RecoveryScenario.CHECKPOINT_INTERVAL.toMillis() / 1e3;
    return new ScenarioResult.Builder(name, context.options().quick())
        .parameter("events", run.events())
        .parameter("customers", run.customers())
        .parameter("input_rate_per_s", run.inputRate())
        .parameter("resumed_from", run.resumedFrom())
        .figure(Figures.RECOVERY_SECONDS, run.recoverySeconds())
        .figure(Figures.RESTART_TO_HEALTHY_SECONDS, run.restartToHealthySeconds())
        .figure(Figures.EVENTS_REPROCESSED, run.reprocessed())
        .figure(Figures.CHECKPOINT_INTERVAL_MS, RecoveryScenario.CHECKPOINT_INTERVAL.toMillis())
        .figure("kill_to_healthy_seconds", run.killToHealthySeconds())
        .figure("committed_at_kill", run.committedAtKill())
        .figure("decisions_committed", run.committed())
        .figure("decisions_written", run.written())
        .figure("rate_before_kill_eps", run.rateBeforeKill())
        .figure("checkpoints_before_kill", run.checkpointsBeforeKill())
        .table(
            ResultTable.titled(
                    "recovery: kill -9 of freshet run, then the same data dir", "measure", "value")
                .row(
                    "transactions (customers)",
                    String.format("%,d (%,d)", run.events(), run.customers()))
                .row("input rate /s", String.format("%,.0f", run.inputRate()))
                .row(
                    "committed decisions seen at kill", String.format("%,d", run.committedAtKill()))
                .row("decisions/s before kill", String.format("%,.0f", run.rateBeforeKill()))
                .row("kill -9 until process gone (s)", String.format("%.2f", run.killSeconds()))
                .row(
                    "kill until first new committed decision (s)",
                    String.format("%.2f", run.recoverySeconds()))
                .row(
                    "restart until /api/health 200 (s)",
                    String.format("%.2f", run.restartToHealthySeconds()))
                .row(
                    "kill until /api/health 200 (s)",
                    String.format("%.2f", run.killToHealthySeconds()))
                .row("fraud job resumed from", run.resumedFrom())
                .row("decisions written (read_uncommitted)", String.format("%,d", run.written()))
                .row("decisions committed", String.format("%,d", run.committed()))
                .row("decisions reprocessed (aborted)", String.format("%,d", run.reprocessed()))
                .row(
                    "checkpoint interval (ms)",
                    Long.toString(RecoveryScenario.CHECKPOINT_INTERVAL.toMillis()))
                .row(
                    "latest checkpoint id before kill (mean spacing s)",
                    String.format(
                        "%d (%.2f)", run.checkpointsBeforeKill(), run.checkpointSpacingSeconds()))
                .build())
        .note(
            "exactly once held: every transaction has exactly one committed decision (checked by"
                + " transaction id), none of the aborted output became visible")
        .note(
            "events reprocessed = decisions written (read_uncommitted) - decisions committed:"
                + " output of the killed process's open transactions, redone after resuming from"
                + " the last completed checkpoint. The checkpoint interval bounds it only while"
                + " checkpoints complete promptly: the bound is the time since the last completed"
                + " checkpoint (plus what was in flight). Here "
                + String.format("%,d", run.reprocessed())
                + " decisions were redone; one "
                + RecoveryScenario.CHECKPOINT_INTERVAL.toMillis()
                + " ms interval at the pre-kill rate is "
                + String.format("%,.0f", intervalDecisions)
                + ", and checkpoints completed every "
                + String.format("%.2f", run.checkpointSpacingSeconds())
                + " s on average before the kill (under backpressure a barrier waits behind"
                + " buffered records)")
        .note(
            "first new committed decision: the first at an offset past the topic's end at the"
                + " kill, so decisions the killed process had already committed do not count;"
                + " the broker (in the bench JVM) stays up, only the Freshet process dies")
        .note(
            "input produced at a steady "
                + String.format("%,.0f", run.inputRate())
                + "/s (the whole input over "
                + RecoveryScenario.INPUT_SPREAD_INTERVALS
                + " checkpoint intervals) while the process runs, also during the outage")
        .build();
  }
}
