package io.freshet.bench.chaos;

import java.util.List;
import java.util.Locale;

/**
 * What the drill measured: per failure, the victim, how long its restart took, the time from the
 * kill until new output was committed, the decisions aborted and decided again, and the peak
 * consumer lag; and the exact check of the whole output.
 *
 * @param options what was run
 * @param topicPrefix the run's topics
 * @param jobId the fraud job
 * @param failures one per failure, in order
 * @param abortedAfterLastRecovery decisions aborted after the last recovery (0 when all is well)
 * @param decisions committed decisions, each exactly the reference's
 * @param alerts committed alerts, exactly the reference's set
 * @param seconds from the first record produced to the last output committed
 */
public record ChaosReport(
    ChaosScenario.Options options,
    String topicPrefix,
    String jobId,
    List<FailureResult> failures,
    long abortedAfterLastRecovery,
    long decisions,
    long alerts,
    double seconds) {

  public ChaosReport {
    failures = List.copyOf(failures);
  }

  /**
   * One failure.
   *
   * @param failure what was done
   * @param victim the process killed
   * @param why why that one
   * @param restartSeconds from the kill until the process was started again and healthy
   * @param recoverySeconds from the kill until the first new output was committed
   * @param aborted decisions written but aborted, and so decided again, around this failure
   * @param lagPeak the highest consumer lag of the job's group sampled from the kill to recovery
   */
  public record FailureResult(
      ChaosFailure failure,
      String victim,
      String why,
      double restartSeconds,
      double recoverySeconds,
      long aborted,
      long lagPeak) {

    FailureResult withAborted(long count) {
      return new FailureResult(
          failure, victim, why, restartSeconds, recoverySeconds, count, lagPeak);
    }
  }

  /** The report as a person reads it. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Chaos drill: %,d transactions over %,d customers at %.0f/s (seed %d), fraud job %s at"
                + " parallelism %d, checkpoints every %d ms, topics %s*%n",
            options.events(),
            options.customers(),
            options.rate(),
            options.seed(),
            jobId,
            options.parallelism(),
            options.checkpointInterval().toMillis(),
            topicPrefix));
    b.append(
        String.format(
            Locale.ROOT,
            "%-52s %-14s %9s %11s %9s %9s%n",
            "FAILURE",
            "VICTIM",
            "RESTART s",
            "→ OUTPUT s",
            "ABORTED",
            "LAG PEAK"));
    for (FailureResult f : failures) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-52s %-14s %9.1f %11.1f %9d %9d%n",
              f.failure().description(),
              f.victim(),
              f.restartSeconds(),
              f.recoverySeconds(),
              f.aborted(),
              f.lagPeak()));
      b.append("    ").append(f.why()).append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "Exact: %,d committed decisions and %,d alerts, equal to the reference; none lost,"
                + " none twice; %d decisions aborted after the last recovery; %.0f s in all%n",
            decisions,
            alerts,
            abortedAfterLastRecovery,
            seconds));
    return b.toString();
  }
}
