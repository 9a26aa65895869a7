package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.scaling.LoadSample;
import io.freshet.core.scaling.ScalingDecision;
import io.freshet.core.scaling.ScalingPolicy;
import io.freshet.runtime.autoscale.Autoscaler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code freshet autoscale}'s options, their checks and its output line; nothing contacted. */
class AutoscaleCommandTest {
  private static final Instant NINE_O_CLOCK = Instant.parse("2026-03-02T09:00:00Z");
  private static final String[] REQUIRED = {
    "fraud", "--jobmanager", "localhost:1", "--bootstrap-servers", "localhost:1"
  };

  private final StringWriter err = new StringWriter();

  private int execute(String... extra) {
    String[] args = prependAll(extra);
    String[] all = new String[args.length + 1];
    all[0] = "autoscale";
    System.arraycopy(args, 0, all, 1, args.length);
    return new CommandLine(new FreshetCommand())
        .setErr(new PrintWriter(err))
        .setOut(new PrintWriter(new StringWriter()))
        .execute(all);
  }

  /** The required arguments followed by {@code extra}. */
  private static String[] prependAll(String... extra) {
    String[] args = new String[REQUIRED.length + extra.length];
    System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
    System.arraycopy(extra, 0, args, REQUIRED.length, extra.length);
    return args;
  }

  @Test
  void theDefaultsAreTheSeedsPolicy() {
    // Given no policy options
    AutoscaleCommand command = new AutoscaleCommand();
    new CommandLine(command).parseArgs(REQUIRED);

    // Then the policy is the seed's for an input of 4 partitions, sampled every 10 s
    assertThat(command.policy(4)).isEqualTo(ScalingPolicy.defaults(4));
    assertThat(command.interval).isEqualTo(Duration.ofSeconds(10));
    assertThat(command.runFor).isNull();
  }

  @Test
  void optionsGiveThePolicy() {
    AutoscaleCommand command = new AutoscaleCommand();
    new CommandLine(command)
        .parseArgs(
            prependAll(
                "--lag-threshold",
                "5000",
                "--up-after",
                "30s",
                "--down-after",
                "5m",
                "--max-step",
                "2",
                "--min-parallelism",
                "2",
                "--cooldown",
                "1m",
                "--slots-per-taskmanager",
                "4",
                "--for",
                "1h"));
    assertThat(command.policy(8))
        .isEqualTo(
            new ScalingPolicy(
                5_000,
                4,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                2,
                2,
                8,
                Duration.ofMinutes(1)));
    assertThat(command.runFor).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingIsContacted() {
    assertThat(execute("--max-step", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-step must be at least 1, got 0");
    assertThat(execute("--min-parallelism", "3", "--max-parallelism", "2")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--max-parallelism (2) must be at least --min-parallelism (3)");
    assertThat(execute("--interval", "100ms")).isEqualTo(2);
    assertThat(err.toString()).contains("--interval must be at least 1s, got 100ms");
    assertThat(execute("--lag-threshold", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--lag-threshold must be at least 1, got 0");
    assertThat(execute("--up-after", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void anUnknownPipelineIsNamedWithTheKnownOnes() {
    int code =
        new CommandLine(new FreshetCommand())
            .setErr(new PrintWriter(err))
            .execute(
                "autoscale",
                "nope",
                "--jobmanager",
                "localhost:1",
                "--bootstrap-servers",
                "localhost:1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown pipeline 'nope'; known: ", "fraud-detection");
  }

  @Test
  void aRescaleLineSaysWhatWasSeenDecidedAndHowLongItTook() {
    // Given a round that scaled a job from 2 to 6 in 12.34 s
    Autoscaler.Step step =
        new Autoscaler.Step(
            "job-1",
            LoadSample.of(NINE_O_CLOCK, 50_000, 2),
            50_000,
            new ScalingDecision(2, 6, "lag per TaskManager 50,000 > 10,000 for 2 min: up to 6"),
            Optional.of(Duration.ofMillis(12_340)));

    // Then its line
    assertThat(AutoscaleCommand.line(step))
        .isEqualTo(
            "2026-03-02 09:00:00  lag 50,000  per TaskManager 50,000  parallelism 2  RESCALE 2"
                + " -> 6  lag per TaskManager 50,000 > 10,000 for 2 min: up to 6 (took 12.3 s)");
    // and a hold's
    Autoscaler.Step hold =
        new Autoscaler.Step(
            "job-1",
            LoadSample.of(NINE_O_CLOCK, 30_000, 3),
            15_000,
            ScalingDecision.hold(3, "cooldown: rescaled 1 min ago, judging again after 2 min"),
            Optional.empty());
    assertThat(AutoscaleCommand.line(hold))
        .isEqualTo(
            "2026-03-02 09:00:00  lag 30,000  per TaskManager 15,000  parallelism 3  HOLD "
                + " cooldown: rescaled 1 min ago, judging again after 2 min");
  }

  @Test
  void itHasHelp() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new FreshetCommand())
            .setOut(new PrintWriter(out))
            .execute("autoscale", "--help");
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("Usage: freshet autoscale").contains("--lag-threshold");
  }
}
