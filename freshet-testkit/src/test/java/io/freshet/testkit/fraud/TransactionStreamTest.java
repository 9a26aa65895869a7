package io.freshet.testkit.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionStreamTest {
  private static final long SEED = 7L;

  private static TransactionStream stream(long events, int customers) {
    return TransactionScenarioGenerator.withSeed(SEED).customers(customers).stream(events);
  }

  @Test
  void oneSeedGivesTheSameBytesEveryTime() {
    // Given one seed, When the stream is generated twice
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    stream(2_000, 100).forEach(r -> first.add(r.valueAsString()));
    stream(2_000, 100).forEach(r -> second.add(r.valueAsString()));

    // Then both are identical, and another seed differs
    assertThat(second).isEqualTo(first);
    List<String> other = new ArrayList<>();
    TransactionScenarioGenerator.withSeed(SEED + 1).customers(100).stream(2_000)
        .forEach(r -> other.add(r.valueAsString()));
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void recordsAreValidInEventTimeOrderWithPositionalIds() {
    // Given a stream of 5,000 transactions over 250 customers
    TransactionStream stream = stream(5_000, 250);

    // When it is read
    List<GeneratedRecord> records = new ArrayList<>();
    stream.forEach(records::add);

    // Then every record is a first delivery with id t<position>, keyed by customer, in order
    assertThat(records).hasSize(5_000);
    Set<String> customers = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      GeneratedRecord r = records.get(i);
      assertThat(r.kind()).isEqualTo(GeneratedRecord.Kind.VALID);
      assertThat(r.transactionId()).isEqualTo("t" + i);
      assertThat(TransactionStream.sequenceOf(r.transactionId())).isEqualTo(i);
      assertThat(r.key()).isEqualTo(r.customerId()).startsWith("c");
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("\n");
      if (i > 0) {
        assertThat(r.eventTime()).isAfterOrEqualTo(records.get(i - 1).eventTime());
      }
      customers.add(r.customerId());
    }
    assertThat(customers).hasSizeLessThanOrEqualTo(250).hasSizeGreaterThan(200);
  }

  @Test
  void theReferenceFindsEveryRuleAtWorkAndDecidesEveryTransaction() {
    // Given a stream with planted bursts, travel and outsized amounts
    TransactionStream stream = stream(20_000, 1_000);

    // When the reference streams over it
    List<FraudReference.Outcome> outcomes = new ArrayList<>();
    FraudReference.Counts counts = FraudReference.stream(stream.values(), outcomes::add);

    // Then every transaction is decided once, and each rule alerts somewhere
    assertThat(counts.validUnique()).isEqualTo(20_000);
    assertThat(counts.duplicates()).isZero();
    assertThat(counts.malformed()).isZero();
    assertThat(outcomes).hasSize(20_000);
    Set<String> rules = new HashSet<>();
    outcomes.forEach(o -> o.alerts().forEach(a -> rules.add(a.substring(0, a.indexOf(':')))));
    assertThat(rules)
        .containsExactlyInAnyOrder(
            FraudReference.VELOCITY,
            FraudReference.IMPOSSIBLE_TRAVEL,
            FraudReference.AMOUNT_ANOMALY);
  }

  @Test
  void streamingAndListReferencesAgree() {
    // Given a seeded scenario with duplicates and malformed records
    Scenario scenario =
        TransactionScenarioGenerator.withSeed(SEED)
            .customers(300)
            .plantsPerPattern(3)
            .duplicates(10)
            .malformedPerKind(1)
            .generate();

    // When both entry points compute it
    ReferenceResult listed = FraudReference.compute(scenario);
    Set<String> streamedAlerts = new HashSet<>();
    List<byte[]> values = new ArrayList<>();
    scenario.records().forEach(r -> values.add(r.value()));
    FraudReference.Counts counts =
        FraudReference.stream(values.iterator(), o -> streamedAlerts.addAll(o.alerts()));

    // Then they agree
    assertThat(streamedAlerts).isEqualTo(listed.expectedAlerts());
    assertThat(counts.malformed()).isEqualTo(listed.malformed());
    assertThat(counts.duplicates()).isEqualTo(listed.duplicates());
  }

  @Test
  void handWrittenTimestampParsingAgreesWithTheFormatter() {
    // Given timestamps in the common form and others
    // Then the fast path and the formatter agree, and both reject an impossible date
    assertThat(FraudReference.parseTimestamp("2026-11-26T12:00:00.000Z"))
        .isEqualTo(Instants.T0.toEpochMilli());
    assertThat(FraudReference.parseTimestamp(Instants.iso(Instants.t0PlusMillis(119_999))))
        .isEqualTo(Instants.t0PlusMillis(119_999).toEpochMilli());
    assertThat(FraudReference.parseTimestamp("2026-11-26T13:00:00.000+01:00"))
        .isEqualTo(Instants.T0.toEpochMilli());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FraudReference.parseTimestamp("2026-02-30T12:00:00.000Z"))
        .isInstanceOf(java.time.DateTimeException.class);
  }

  @Test
  void builderBytesEqualTheBuiltText() {
    // Given envelopes with and without geo, When written both ways, Then the bytes are equal
    TransactionEnvelopeBuilder withGeo = TransactionEnvelopeBuilder.transaction().amount(12.5);
    TransactionEnvelopeBuilder noGeo =
        TransactionEnvelopeBuilder.transaction("t-\u00e9", "c\"1", Instants.T0).noGeo();
    assertThat(new String(withGeo.bytes(), StandardCharsets.UTF_8)).isEqualTo(withGeo.build());
    assertThat(new String(noGeo.bytes(), StandardCharsets.UTF_8)).isEqualTo(noGeo.build());
  }
}
