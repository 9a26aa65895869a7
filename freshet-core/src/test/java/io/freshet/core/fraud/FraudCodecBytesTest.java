package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming writers produce exactly the bytes of the tree-model writer they replaced. */
class FraudCodecBytesTest {
  static final double[] SPECIAL_DOUBLES = {
    0.0,
    -0.0,
    1.0,
    0.1,
    1869.27,
    0.1667,
    1e-300,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    1e21,
    123456789.123,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY
  };

  static final String[] SPECIAL_TEXT = {
    "",
    "txn-1",
    "a\"b\\c",
    "tab\tnew\nline\u0001\u001f",
    "caf\u00e9 \u20ac \ud83d\ude00",
    "/</script>",
    // Longer than the generator's buffer, so the document is written out in several parts.
    "long-\u00e9".repeat(3_000)
  };

  @Test
  void alertsAreByteForByteTheSame() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      FraudAlert alert = randomAlert(random);
      assertThat(new String(new FraudAlertCodec().encode(alert), StandardCharsets.UTF_8))
          .isEqualTo(new String(TreeFraudJson.alert(alert), StandardCharsets.UTF_8));
      assertThat(new FraudAlertCodec().encode(alert)).isEqualTo(TreeFraudJson.alert(alert));
    }
  }

  @Test
  void decisionsAreByteForByteTheSame() {
    Random random = new Random(43);
    for (int i = 0; i < 20_000; i++) {
      TransactionDecision decision = randomDecision(random);
      assertThat(
              new String(new TransactionDecisionCodec().encode(decision), StandardCharsets.UTF_8))
          .isEqualTo(new String(TreeFraudJson.decision(decision), StandardCharsets.UTF_8));
      assertThat(new TransactionDecisionCodec().encode(decision))
          .isEqualTo(TreeFraudJson.decision(decision));
    }
  }

  private static FraudAlert randomAlert(Random random) {
    FraudRule rule = FraudRule.values()[random.nextInt(FraudRule.values().length)];
    AlertDetails details = random.nextInt(10) == 0 ? null : randomDetails(random);
    return new FraudAlert(
        text(random),
        rule,
        random.nextInt(10) == 0 ? Severity.MEDIUM : rule.severity(),
        text(random),
        text(random),
        millis(random),
        millis(random),
        details);
  }

  private static AlertDetails randomDetails(Random random) {
    return new AlertDetails(
        random.nextBoolean() ? null : random.nextInt() >> random.nextInt(32),
        maybeDouble(random),
        maybeDouble(random),
        maybeDouble(random),
        maybeDouble(random));
  }

  private static TransactionDecision randomDecision(Random random) {
    List<RuleHit> hits = new ArrayList<>();
    for (FraudRule rule : FraudRule.values()) {
      if (random.nextBoolean()) {
        hits.add(new RuleHit(rule, randomDetails(random)));
      }
    }
    return new TransactionDecision(
        text(random),
        random.nextBoolean() ? text(random) : null,
        text(random),
        Verdict.forRulesFired(hits.size()),
        hits.toArray(RuleHit[]::new),
        millis(random),
        millis(random));
  }

  private static Double maybeDouble(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
      case 2 -> Math.round(random.nextDouble() * 1_000_000) / 100.0;
      default -> Double.longBitsToDouble(random.nextLong());
    };
  }

  private static String text(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> SPECIAL_TEXT[random.nextInt(SPECIAL_TEXT.length)];
      default -> "id-" + Long.toHexString(random.nextLong());
    };
  }

  private static long millis(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> random.nextLong() >> random.nextInt(20);
      default -> 1_767_225_600_000L + (random.nextLong() >> 30);
    };
  }
}
