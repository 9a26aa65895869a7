package io.freshet.testkit.fraud;

import static io.freshet.testkit.fraud.FraudReference.AMOUNT_ANOMALY;
import static io.freshet.testkit.fraud.FraudReference.IMPOSSIBLE_TRAVEL;
import static io.freshet.testkit.fraud.FraudReference.VELOCITY;
import static io.freshet.testkit.fraud.Instants.T0;
import static io.freshet.testkit.fraud.Instants.t0PlusMillis;
import static io.freshet.testkit.fraud.Instants.t0PlusSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.Verdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FraudReferenceTest {
  private static final String C = "cust-1";

  /** Hand-made input: one customer's envelopes in arrival order. */
  private final List<byte[]> input = new ArrayList<>();

  private TransactionEnvelopeBuilder txn(String id, Instant at) {
    return TransactionEnvelopeBuilder.transaction(id, C, at).amount(50.0);
  }

  private void send(TransactionEnvelopeBuilder b) {
    input.add(b.bytes());
  }

  /** Sends {@code count} transactions {@code prefix1..prefixN} every {@code stepMillis}. */
  private void burst(String prefix, long startMillis, long stepMillis, int count) {
    for (int i = 1; i <= count; i++) {
      send(txn(prefix + i, t0PlusMillis(startMillis + (i - 1) * stepMillis)));
    }
  }

  private ReferenceResult run() {
    return FraudReference.computeValues(input);
  }

  @Test
  void ruleNamesAndVerdictsMatchTheCoreEnums() {
    assertThat(List.of(VELOCITY, IMPOSSIBLE_TRAVEL, AMOUNT_ANOMALY))
        .containsExactlyElementsOf(Arrays.stream(FraudRule.values()).map(Enum::name).toList());
    assertThat(List.of("APPROVE", "REVIEW", "BLOCK"))
        .containsExactlyElementsOf(Arrays.stream(Verdict.values()).map(Enum::name).toList());
  }

  @Test
  void sevenTransactionBurstAlertsOnTheSixthAndSuppressesTheSeventh() {
    burst("b", 0, 15_000, 7);

    ReferenceResult r = run();

    assertThat(r.expectedAlerts()).containsExactly("VELOCITY:b6");
    assertThat(r.suppressedAlerts()).containsExactly("VELOCITY:b7");
    for (int i = 1; i <= 5; i++) {
      assertThat(r.expectedDecisions()).containsEntry("b" + i, "APPROVE");
    }
    // The decision counts rules that fired, before dedup.
    assertThat(r.expectedDecisions()).containsEntry("b6", "REVIEW").containsEntry("b7", "REVIEW");
    assertThat(r.validUnique()).isEqualTo(7);
  }

  @Test
  void secondBurstWithinFiveMinutesIsSuppressedAndThirdAfterAlerts() {
    burst("a", 0, 15_000, 7); // a6 alerts at 75 s
    burst("b", 220_000, 10_000, 7); // b6 fires at 270 s: 195 s after a6, suppressed
    burst("c", 700_000, 10_000, 7); // c6 fires at 750 s: > 5 min after everything

    ReferenceResult r = run();

    assertThat(r.alertsFor(VELOCITY)).containsExactly("VELOCITY:a6", "VELOCITY:c6");
    assertThat(r.suppressedAlerts())
        .containsExactlyInAnyOrder("VELOCITY:a7", "VELOCITY:b6", "VELOCITY:b7", "VELOCITY:c7");
  }

  @Test
  void suppressionCountsFromTheLastEmittedAlertNotTheLastFiring() {
    burst("a", 0, 10_000, 6); // alert at 50 s
    burst("b", 200_000, 10_000, 6); // fires at 250 s, suppressed
    burst("c", 380_000, 10_000, 6); // fires at 430 s: 380 s after the emitted one

    assertThat(run().expectedAlerts()).containsExactly("VELOCITY:a6", "VELOCITY:c6");
  }

  @Test
  void suppressionEdgeIsExclusiveAt300Seconds() {
    burst("a", 0, 10_000, 6);
    burst("b", 300_000, 10_000, 6); // b6 exactly 300 s after a6
    assertThat(run().expectedAlerts()).containsExactly("VELOCITY:a6", "VELOCITY:b6");

    input.clear();
    burst("a", 0, 10_000, 6);
    burst("b", 299_999, 10_000, 6); // b6 299.999 s after a6
    ReferenceResult r = run();
    assertThat(r.expectedAlerts()).containsExactly("VELOCITY:a6");
    assertThat(r.suppressedAlerts()).containsExactly("VELOCITY:b6");
  }

  @Test
  void transactionExactly120SecondsOlderIsOutsideTheVelocityWindow() {
    burst("x", 0, 24_000, 6); // x1 at 0 s, x6 at 120 s: window (0, 120] holds 5
    ReferenceResult r = run();
    assertThat(r.expectedAlerts()).isEmpty();
    assertThat(r.expectedDecisions()).containsEntry("x6", "APPROVE");

    input.clear();
    burst("x", 0, 24_000, 5);
    send(txn("x6", t0PlusMillis(119_999)));
    assertThat(run().expectedAlerts()).containsExactly("VELOCITY:x6");
  }

  @Test
  void impossibleTravelIsInclusiveAt3600Seconds() {
    send(txn("p", T0).at(40.7128, -74.006)); // New York
    send(txn("q", t0PlusSeconds(3600)).at(51.5074, -0.1278)); // London, ~5570 km
    ReferenceResult r = run();
    assertThat(r.expectedAlerts()).containsExactly("IMPOSSIBLE_TRAVEL:q");
    assertThat(r.expectedDecisions()).containsEntry("q", "REVIEW");

    input.clear();
    send(txn("p", T0).at(40.7128, -74.006));
    send(txn("q", t0PlusMillis(3_600_001)).at(51.5074, -0.1278));
    assertThat(run().expectedAlerts()).isEmpty();
  }

  @Test
  void travelNeedsGeoOnBothAndAPreviousTransactionNotLaterInEventTime() {
    send(txn("p", T0).noGeo());
    send(txn("q", t0PlusSeconds(600)).at(51.5074, -0.1278));
    assertThat(run().expectedAlerts()).isEmpty();

    input.clear();
    // Arrives first but happened later: t - p.t is negative, so no travel alert.
    send(txn("late", t0PlusSeconds(600)).at(40.7128, -74.006));
    send(txn("early", T0).at(51.5074, -0.1278));
    assertThat(run().expectedAlerts()).isEmpty();

    input.clear();
    send(txn("p", T0).at(40.7128, -74.006));
    send(txn("q", t0PlusSeconds(600)).at(42.3601, -71.0589)); // Boston, ~306 km
    assertThat(run().expectedAlerts()).isEmpty();
  }

  @Test
  void amountRuleIsStrictlyAboveThreeTimesTheMean() {
    priors(5);
    send(txn("x", T0).amount(new BigDecimal("300.00")));
    ReferenceResult r = run();
    assertThat(r.expectedAlerts()).isEmpty();
    assertThat(r.expectedDecisions()).containsEntry("x", "APPROVE");

    input.clear();
    priors(5);
    send(txn("x", T0).amount(new BigDecimal("300.01")));
    assertThat(run().expectedAlerts()).containsExactly("AMOUNT_ANOMALY:x");
  }

  @Test
  void amountRuleIsExactWhereAFloatingPointMeanIsNot() {
    // 649.38 + 997.41 + 589.16 + 618.99 + 854.06 = 3,709.00 exactly: 3 x mean = 2,225.40. Summed
    // in doubles, 3 x (sum / 5) comes out just below 2,225.40, which would fire.
    String[] amounts = {"649.38", "997.41", "589.16", "618.99", "854.06"};
    for (int k = 0; k < amounts.length; k++) {
      send(txn("p" + k, T0.minus(Duration.ofHours(5 - k))).amount(new BigDecimal(amounts[k])));
    }
    send(txn("x", T0).amount(new BigDecimal("2225.40")));
    assertThat(run().expectedAlerts()).isEmpty();

    input.clear();
    for (int k = 0; k < amounts.length; k++) {
      send(txn("p" + k, T0.minus(Duration.ofHours(5 - k))).amount(new BigDecimal(amounts[k])));
    }
    send(txn("x", T0).amount(new BigDecimal("2225.41")));
    assertThat(run().expectedAlerts()).containsExactly("AMOUNT_ANOMALY:x");
  }

  @Test
  void amountRuleNeedsFivePriorsWithinThirtyDays() {
    priors(4);
    send(txn("x", T0).amount(1000.0));
    assertThat(run().expectedAlerts()).isEmpty();

    input.clear();
    send(txn("old", Instants.T0_MINUS_40_DAYS).amount(100.0));
    priors(4);
    send(txn("x", T0).amount(1000.0));
    assertThat(run().expectedAlerts()).as("40-day-old prior must not count").isEmpty();

    input.clear();
    send(txn("edge", Instants.T0_MINUS_30_DAYS).amount(100.0));
    priors(4);
    send(txn("x", T0).amount(1000.0));
    assertThat(run().expectedAlerts())
        .as("a prior exactly 30 days old is inside [t - 30 d, t)")
        .containsExactly("AMOUNT_ANOMALY:x");
  }

  @Test
  void amountRuleIgnoresPriorsAtTheSameInstant() {
    priors(4);
    send(txn("same", T0).amount(100.0)); // [t - 30 d, t) excludes t itself
    send(txn("x", T0).amount(1000.0));
    assertThat(run().alertsFor(AMOUNT_ANOMALY)).isEmpty();
  }

  /** Five (or n) 100.00 transactions one hour apart, ending an hour before T0, at home. */
  private void priors(int n) {
    for (int k = n; k >= 1; k--) {
      send(txn("prior" + k, T0.minus(Duration.ofHours(k))).amount(100.0));
    }
  }

  @Test
  void twoRulesOnOneTransactionBlock() {
    priors(5);
    // 30 min after the last prior (New York), in London, ten times the mean.
    send(txn("x", T0.minus(Duration.ofMinutes(30))).amount(1000.0).at(51.5074, -0.1278));
    ReferenceResult r = run();
    assertThat(r.expectedAlerts())
        .containsExactlyInAnyOrder("AMOUNT_ANOMALY:x", "IMPOSSIBLE_TRAVEL:x");
    assertThat(r.expectedDecisions()).containsEntry("x", "BLOCK");
    assertThat(r.decisionCount("BLOCK")).isEqualTo(1);
  }

  @Test
  void duplicateDeliveriesAreSkippedEntirely() {
    burst("b", 0, 10_000, 5);
    send(txn("b5", t0PlusSeconds(40))); // re-delivery of b5: same event_id
    send(txn("b5", t0PlusSeconds(40)));

    ReferenceResult r = run();

    assertThat(r.expectedAlerts()).as("duplicates must not count toward velocity").isEmpty();
    assertThat(r.validUnique()).isEqualTo(5);
    assertThat(r.duplicates()).isEqualTo(2);

    send(txn("b6", t0PlusSeconds(50)));
    assertThat(run().expectedAlerts()).containsExactly("VELOCITY:b6");
  }

  @Test
  void sameEventIdForAnotherCustomerIsNotADuplicate() {
    send(txn("t1", T0).eventId("e-1"));
    send(txn("t2", T0).eventId("e-1").customer("cust-2"));
    ReferenceResult r = run();
    assertThat(r.validUnique()).isEqualTo(2);
    assertThat(r.duplicates()).isZero();
  }

  @Test
  void malformedRecordsAreCountedAndDoNotCountAsTransactions() {
    burst("b", 0, 10_000, 5);
    send(txn("bad1", t0PlusSeconds(45)).with("payload.amount", "\"abc\""));
    send(txn("bad2", t0PlusSeconds(45)).with("payload.geo_location.lat", "95"));
    send(txn("bad3", t0PlusSeconds(45)).schemaVersion("3.0"));
    send(txn("bad4", t0PlusSeconds(45)).timestamp("yesterday"));
    send(txn("bad5", t0PlusSeconds(45)).eventType("transaction.settled"));
    input.add(new byte[0]);
    input.add(null);
    input.add("[1,2]".getBytes(StandardCharsets.UTF_8));
    input.add("{\"event_id\":".getBytes(StandardCharsets.UTF_8));

    ReferenceResult r = run();

    assertThat(r.malformed()).isEqualTo(9);
    assertThat(r.validUnique()).isEqualTo(5);
    assertThat(r.expectedAlerts()).isEmpty();
    assertThat(r.expectedDecisions()).doesNotContainKeys("bad1", "bad2", "bad3", "bad4", "bad5");
  }

  @Test
  void minorSchemaVersionsAndMissingGeoAreValid() {
    send(txn("a", T0).schemaVersion("2.7"));
    send(txn("b", T0).noGeo());
    assertThat(run().validUnique()).isEqualTo(2);
  }

  @Test
  void customersAreIndependent() {
    for (int i = 1; i <= 6; i++) {
      // Six in 50 s, alternating between two customers: three each, no alert.
      String customer = i % 2 == 0 ? "cust-2" : C;
      send(txn("t" + i, t0PlusSeconds(i * 10L)).customer(customer));
    }
    assertThat(run().expectedAlerts()).isEmpty();
  }
}
