package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FraudDetectorTest {
  static final Instant NOON = Instant.parse("2026-11-26T12:00:00.000Z");
  static final GeoPoint LONDON = new GeoPoint(51.5074, -0.1278);
  static final GeoPoint NEAR_LONDON = new GeoPoint(51.52, -0.10);
  static final GeoPoint NEW_YORK = new GeoPoint(40.7128, -74.0060);
  static final long NOW = NOON.plus(Duration.ofDays(60)).toEpochMilli();

  final FraudDetector detector = new FraudDetector(FraudRulesConfig.defaults());

  /** Feeds transactions in arrival order and keeps every evaluation. */
  final class Customer {
    CustomerSummary summary = FraudDetector.emptySummary();
    final InMemoryLedger ledger = new InMemoryLedger();
    final List<FraudDetector.Evaluation> evaluations = new ArrayList<>();
    int seq;
    long watermark = Long.MIN_VALUE;

    FraudDetector.Evaluation pay(Instant at, double amount, GeoPoint where) {
      seq++;
      Transaction txn =
          new Transaction(
              "evt-" + seq,
              at.toEpochMilli(),
              "tx-" + seq,
              "cust-1",
              amount,
              "EUR",
              "m-1",
              "grocery",
              "4242",
              where,
              "dev-1",
              "10.0.0.1",
              "card_present");
      FraudDetector.Evaluation e = detector.evaluate(summary, ledger, txn, NOW, watermark);
      summary = e.summary();
      evaluations.add(e);
      return e;
    }

    /** The operator's watermark when the next transactions arrive. */
    Customer atWatermark(Instant at) {
      watermark = at.toEpochMilli();
      return this;
    }

    FraudDetector.Evaluation pay(Instant at) {
      return pay(at, 50.0, NEAR_LONDON);
    }

    FraudDetector.Evaluation replay(Transaction txn) {
      FraudDetector.Evaluation e = detector.evaluate(summary, ledger, txn, NOW);
      summary = e.summary();
      return e;
    }

    /** Event times the customer's state still holds, in the summary or the ledger. */
    List<Long> retainedTimes() {
      List<Long> times = new ArrayList<>();
      for (LedgerChunk chunk : ledger.entries().values()) {
        for (long time : chunk.times()) {
          times.add(time);
        }
      }
      for (long time : summary.recentTimes()) {
        times.add(time);
      }
      return times;
    }
  }

  static List<FraudRule> fired(FraudDetector.Evaluation e) {
    return e.decision().rulesFiredList();
  }

  static List<String> alertIds(FraudDetector.Evaluation e) {
    return e.alerts().stream().map(FraudAlert::alertId).toList();
  }

  @Nested
  class Velocity {
    @Test
    void sixthTransactionWithin120SecondsFires() {
      Customer c = new Customer();
      for (int i = 0; i < 5; i++) {
        assertThat(fired(c.pay(NOON.plusSeconds(i * 20L)))).isEmpty();
      }
      FraudDetector.Evaluation sixth = c.pay(NOON.plusSeconds(100));
      assertThat(fired(sixth)).containsExactly(FraudRule.VELOCITY);
      assertThat(sixth.decision().decision()).isEqualTo(Verdict.REVIEW);
      assertThat(alertIds(sixth)).containsExactly("VELOCITY:tx-6");
      assertThat(sixth.alerts().get(0).details()).isEqualTo(AlertDetails.velocity(6));
      assertThat(sixth.alerts().get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void transactionExactly120SecondsEarlierIsOutsideTheWindow() {
      // Given five transactions, the first exactly 120 s before the sixth
      Customer c = new Customer();
      c.pay(NOON);
      for (int i = 1; i <= 4; i++) {
        c.pay(NOON.plusSeconds(100 + i));
      }
      // When the sixth arrives at NOON + 120 s, the window (t-120 s, t] excludes NOON
      FraudDetector.Evaluation sixth = c.pay(NOON.plusSeconds(120));
      // Then only five transactions count
      assertThat(fired(sixth)).isEmpty();
      // And one millisecond less makes six
      Customer d = new Customer();
      d.pay(NOON.plusMillis(1));
      for (int i = 1; i <= 4; i++) {
        d.pay(NOON.plusSeconds(100 + i));
      }
      assertThat(fired(d.pay(NOON.plusSeconds(120)))).containsExactly(FraudRule.VELOCITY);
    }

    @Test
    void laterEventTimeThatArrivedEarlierIsNotCounted() {
      Customer c = new Customer();
      for (int i = 0; i < 5; i++) {
        c.pay(NOON.plusSeconds(200 + i));
      }
      // Arrives last but happened before all of them: (t-120, t] holds only itself.
      assertThat(fired(c.pay(NOON.plusSeconds(100)))).isEmpty();
    }

    @Test
    void secondBurstWithinFiveMinutesIsDecidedButNotAlertedThirdBurstAlerts() {
      Customer c = new Customer();
      for (int i = 0; i < 6; i++) {
        c.pay(NOON.plusSeconds(i * 10L));
      }
      assertThat(alertIds(c.evaluations.get(5))).containsExactly("VELOCITY:tx-6");
      // Second burst: 7th transaction at +60 s is within 300 s of the alert at +50 s
      FraudDetector.Evaluation seventh = c.pay(NOON.plusSeconds(60));
      assertThat(fired(seventh)).containsExactly(FraudRule.VELOCITY);
      assertThat(seventh.alerts()).isEmpty();
      // Burst at +200..+250 s: still < 300 s after the alert at +50 s
      for (int i = 0; i < 6; i++) {
        FraudDetector.Evaluation e = c.pay(NOON.plusSeconds(200 + i * 10L));
        assertThat(e.alerts()).isEmpty();
      }
      // Third burst from +400 s: the 6th of it (+450 s) is 400 s after the alert
      List<String> third = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        third.addAll(alertIds(c.pay(NOON.plusSeconds(400 + i * 10L))));
      }
      assertThat(third).containsExactly("VELOCITY:tx-19");
    }

    @Test
    void suppressionEndsExactlyAt300Seconds() {
      Customer c = new Customer();
      for (int i = 0; i < 6; i++) {
        c.pay(NOON.plusSeconds(i));
      }
      assertThat(alertIds(c.evaluations.get(5))).containsExactly("VELOCITY:tx-6");
      for (int i = 0; i < 5; i++) {
        c.pay(NOON.plusSeconds(250 + i));
      }
      // t - last = 299.999 s: suppressed
      assertThat(c.pay(NOON.plusSeconds(305).minusMillis(1)).alerts()).isEmpty();
      // t - last = 300 s: not less than 300 s, so alerted
      assertThat(alertIds(c.pay(NOON.plusSeconds(305)))).containsExactly("VELOCITY:tx-13");
    }
  }

  @Nested
  class ImpossibleTravel {
    @Test
    void londonToNewYorkWithinAnHourFires() {
      Customer c = new Customer();
      c.pay(NOON, 20, LONDON);
      FraudDetector.Evaluation e = c.pay(NOON.plusSeconds(1800), 20, NEW_YORK);
      assertThat(fired(e)).containsExactly(FraudRule.IMPOSSIBLE_TRAVEL);
      AlertDetails d = e.alerts().get(0).details();
      assertThat(d.distanceKm()).isBetween(5569.0, 5572.0);
      assertThat(d.minutes()).isEqualTo(30.0);
    }

    @Test
    void exactly3600SecondsFiresButOneMillisecondMoreDoesNot() {
      Customer c = new Customer();
      c.pay(NOON, 20, LONDON);
      assertThat(fired(c.pay(NOON.plusSeconds(3600), 20, NEW_YORK)))
          .containsExactly(FraudRule.IMPOSSIBLE_TRAVEL);
      Customer d = new Customer();
      d.pay(NOON, 20, LONDON);
      assertThat(fired(d.pay(NOON.plusSeconds(3600).plusMillis(1), 20, NEW_YORK))).isEmpty();
    }

    @Test
    void comparesOnlyWithThePreviousTransaction() {
      Customer c = new Customer();
      c.pay(NOON, 20, NEW_YORK);
      c.pay(NOON.plusSeconds(10), 20, LONDON); // fires against New York
      assertThat(fired(c.pay(NOON.plusSeconds(20), 20, NEAR_LONDON))).isEmpty();
    }

    @Test
    void previousWithLaterEventTimeDoesNotCount() {
      Customer c = new Customer();
      c.pay(NOON.plusSeconds(600), 20, LONDON);
      // t - p.t is negative
      assertThat(fired(c.pay(NOON, 20, NEW_YORK))).isEmpty();
    }

    @Test
    void distanceOf500KmDoesNotFire() {
      // 500 km due north along a meridian is 500 / 6371 rad of latitude
      double lat = Math.toDegrees(499.9 / 6371.0);
      Customer c = new Customer();
      c.pay(NOON, 20, new GeoPoint(0, 0));
      assertThat(fired(c.pay(NOON.plusSeconds(60), 20, new GeoPoint(lat, 0)))).isEmpty();
      double beyond = Math.toDegrees(500.1 / 6371.0);
      assertThat(fired(c.pay(NOON.plusSeconds(120), 20, new GeoPoint(lat + beyond, 0))))
          .containsExactly(FraudRule.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void missingLocationSkipsTheRule() {
      Customer c = new Customer();
      c.pay(NOON, 20, LONDON);
      assertThat(fired(c.pay(NOON.plusSeconds(60), 20, null))).isEmpty();
      assertThat(fired(c.pay(NOON.plusSeconds(120), 20, NEW_YORK))).isEmpty();
    }
  }

  @Nested
  class AmountAnomaly {
    Customer withFivePriorsOf100() {
      Customer c = new Customer();
      for (int i = 0; i < 5; i++) {
        c.pay(NOON.plus(Duration.ofHours(i)), 100.0, NEAR_LONDON);
      }
      return c;
    }

    @Test
    void exactlyThreeTimesTheMeanDoesNotFire() {
      Customer c = withFivePriorsOf100();
      assertThat(fired(c.pay(NOON.plus(Duration.ofHours(10)), 300.00, NEAR_LONDON))).isEmpty();
    }

    @Test
    void aCentAboveThreeTimesTheMeanFires() {
      Customer c = withFivePriorsOf100();
      FraudDetector.Evaluation e = c.pay(NOON.plus(Duration.ofHours(10)), 300.01, NEAR_LONDON);
      assertThat(fired(e)).containsExactly(FraudRule.AMOUNT_ANOMALY);
      assertThat(e.alerts().get(0).details()).isEqualTo(AlertDetails.amount(300.01, 100.0));
      assertThat(e.alerts().get(0).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void decidedExactlyWhereAFloatingPointMeanIsNot() {
      // 649.38 + 997.41 + 589.16 + 618.99 + 854.06 = 3,709.00, so 3 x mean = 2,225.40 exactly;
      // summed in doubles, 3 x (sum / 5) is just below 2,225.40 and the rule would fire.
      double[] amounts = {649.38, 997.41, 589.16, 618.99, 854.06};
      double sum = 0;
      for (double amount : amounts) {
        sum += amount;
      }
      assertThat(2225.40 > 3.0 * (sum / 5)).as("the floating-point trap exists").isTrue();
      Customer c = new Customer();
      Customer d = new Customer();
      for (int i = 0; i < amounts.length; i++) {
        c.pay(NOON.plus(Duration.ofHours(i)), amounts[i], NEAR_LONDON);
        d.pay(NOON.plus(Duration.ofHours(i)), amounts[i], NEAR_LONDON);
      }
      assertThat(fired(c.pay(NOON.plus(Duration.ofHours(10)), 2225.40, NEAR_LONDON))).isEmpty();
      FraudDetector.Evaluation e = d.pay(NOON.plus(Duration.ofHours(10)), 2225.41, NEAR_LONDON);
      assertThat(fired(e)).containsExactly(FraudRule.AMOUNT_ANOMALY);
    }

    @Test
    void needsFivePriors() {
      Customer c = new Customer();
      for (int i = 0; i < 4; i++) {
        c.pay(NOON.plus(Duration.ofHours(i)), 100.0, NEAR_LONDON);
      }
      assertThat(fired(c.pay(NOON.plus(Duration.ofHours(10)), 10_000, NEAR_LONDON))).isEmpty();
    }

    @Test
    void fortyDayOldTransactionDoesNotCount() {
      // Given one transaction 40 days ago and four recent ones
      Customer c = new Customer();
      Instant today = NOON.plus(Duration.ofDays(40));
      c.pay(NOON, 100.0, NEAR_LONDON);
      for (int i = 1; i <= 4; i++) {
        c.pay(today.minus(Duration.ofHours(i)), 100.0, NEAR_LONDON);
      }
      // When a large amount arrives today, only four priors are inside [t-30d, t)
      assertThat(fired(c.pay(today, 1000.0, NEAR_LONDON))).isEmpty();
      // Then the old one has been pruned from the history
      assertThat(c.retainedTimes()).doesNotContain(NOON.toEpochMilli());
    }

    @Test
    void priorExactly30DaysEarlierCounts() {
      Customer c = new Customer();
      Instant t = NOON.plus(Duration.ofDays(30));
      c.pay(NOON, 100.0, NEAR_LONDON);
      for (int i = 1; i <= 4; i++) {
        c.pay(t.minus(Duration.ofHours(i)), 100.0, NEAR_LONDON);
      }
      assertThat(fired(c.pay(t, 300.01, NEAR_LONDON))).containsExactly(FraudRule.AMOUNT_ANOMALY);
    }
  }

  @Nested
  class DecisionsAndDuplicates {
    @Test
    void twoRulesBlockAndBothAlert() {
      Customer c = new Customer();
      for (int i = 0; i < 5; i++) {
        c.pay(NOON.plusSeconds(i), 10.0, LONDON);
      }
      FraudDetector.Evaluation e = c.pay(NOON.plusSeconds(10), 1000.0, NEW_YORK);
      assertThat(fired(e))
          .containsExactly(
              FraudRule.VELOCITY, FraudRule.IMPOSSIBLE_TRAVEL, FraudRule.AMOUNT_ANOMALY);
      assertThat(e.decision().decision()).isEqualTo(Verdict.BLOCK);
      assertThat(alertIds(e))
          .containsExactly("VELOCITY:tx-6", "IMPOSSIBLE_TRAVEL:tx-6", "AMOUNT_ANOMALY:tx-6");
    }

    @Test
    void decisionCountsSuppressedRules() {
      Customer c = new Customer();
      for (int i = 0; i < 6; i++) {
        c.pay(NOON.plusSeconds(i));
      }
      FraudDetector.Evaluation seventh = c.pay(NOON.plusSeconds(7));
      assertThat(seventh.alerts()).isEmpty();
      assertThat(seventh.decision().decision()).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void sameEventIdIsADuplicateAndChangesNothing() {
      Customer c = new Customer();
      c.pay(NOON);
      Transaction again =
          new Transaction(
              "evt-1",
              NOON.toEpochMilli(),
              "tx-1",
              "cust-1",
              50.0,
              "EUR",
              "m-1",
              "grocery",
              "4242",
              NEAR_LONDON,
              "dev-1",
              "10.0.0.1",
              "card_present");
      CustomerSummary before = c.summary;
      var ledgerBefore = c.ledger.entries();
      FraudDetector.Evaluation e = c.replay(again);
      assertThat(e.duplicate()).isTrue();
      assertThat(e.decision()).isNull();
      assertThat(e.alerts()).isEmpty();
      assertThat(e.summary()).isSameAs(before);
      assertThat(c.ledger.entries()).isEqualTo(ledgerBefore);
    }

    @Test
    void eventIdIsForgottenAfter24HoursOfEventTime() {
      Customer c = new Customer();
      c.pay(NOON);
      c.pay(NOON.plus(Duration.ofHours(24)).plusMillis(1));
      assertThat(FraudDetector.hasSeen(c.summary, "evt-1")).isFalse();
      assertThat(FraudDetector.hasSeen(c.summary, "evt-2")).isTrue();
    }

    @Test
    void theCustomerIsRetainedThirtyDaysAfterTheNewestEvent() {
      Customer c = new Customer();
      c.pay(NOON.plusSeconds(100));
      c.pay(NOON);
      assertThat(c.summary.retainedUntil())
          .isEqualTo(NOON.plusSeconds(100).plus(Duration.ofDays(30)).toEpochMilli());
    }

    @Test
    void aLateArrivalRetainsTheCustomerThirtyDaysAfterItArrived() {
      Instant arrival = NOON.plus(Duration.ofDays(40));
      Customer c = new Customer().atWatermark(arrival);
      c.pay(NOON);
      assertThat(c.summary.retainedUntil())
          .isEqualTo(arrival.plus(Duration.ofDays(30)).toEpochMilli());
    }

    @Test
    void retentionNeverShrinks() {
      Customer c = new Customer().atWatermark(NOON.plus(Duration.ofDays(40)));
      c.pay(NOON);
      long retained = c.summary.retainedUntil();
      c.atWatermark(NOON).pay(NOON.plusSeconds(1));
      assertThat(c.summary.retainedUntil()).isEqualTo(retained);
    }
  }
}
