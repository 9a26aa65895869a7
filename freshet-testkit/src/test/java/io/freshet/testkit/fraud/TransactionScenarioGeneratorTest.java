package io.freshet.testkit.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionScenarioGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Scenario noisy(long seed) {
    return TransactionScenarioGenerator.withSeed(seed)
        .customers(2_000)
        .duplicates(150)
        .malformedPerKind(3)
        .generate();
  }

  @Test
  void sameSeedGivesIdenticalBytes() {
    Scenario a = noisy(42);
    Scenario b = noisy(42);

    assertThat(a.records()).isEqualTo(b.records());
    assertThat(a.plants()).isEqualTo(b.plants());
    assertThat(a.toJsonLines()).isEqualTo(b.toJsonLines());
  }

  @Test
  void differentSeedGivesDifferentScenario() {
    assertThat(noisy(42).toJsonLines()).isNotEqualTo(noisy(43).toJsonLines());
  }

  @Test
  void shufflePreservesEachCustomersOrderButMixesCustomers() {
    Scenario s = noisy(7);
    Map<String, Integer> next = new HashMap<>();
    int switches = 0;
    String previous = null;
    for (GeneratedRecord r : s.records()) {
      int expected = next.getOrDefault(r.customerId(), 0);
      assertThat(r.sequence()).as("sequence of %s", r).isEqualTo(expected);
      next.put(r.customerId(), expected + 1);
      assertThat(r.key()).isEqualTo(r.customerId());
      if (previous != null && !previous.equals(r.customerId())) {
        switches++;
      }
      previous = r.customerId();
    }
    // Concatenated per-customer blocks would switch only customers - 1 times.
    assertThat(switches).isGreaterThan(s.size() / 2);
    assertThat(s.customerIds()).hasSize(2_000);
  }

  @Test
  void countsPerKindMatchTheRequest() {
    Scenario s = noisy(11);

    assertThat(s.count(Kind.DUPLICATE)).isEqualTo(150);
    assertThat(s.count(Kind.MALFORMED)).isEqualTo(3L * MalformedKind.values().length);
    assertThat(s.malformedCounts())
        .allSatisfy((kind, n) -> assertThat(n).as("%s", kind).isEqualTo(3));
    assertThat(s.countsByKind().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(s.size());
    assertThat(s.validRecords()).hasSize((int) s.count(Kind.VALID));
    // 2,000 customers with 5-20 background transactions each, plus planted ones.
    assertThat(s.count(Kind.VALID)).isBetween(2_000L * 5, 2_000L * 20 + 1_000);
  }

  @Test
  void validRecordsAreWellFormedEnvelopesKeyedByCustomer() throws Exception {
    Scenario s = noisy(3);
    Set<String> eventIds = new HashSet<>();
    Set<String> transactionIds = new HashSet<>();
    for (GeneratedRecord r : s.validRecords()) {
      JsonNode root = MAPPER.readTree(r.value());
      assertThat(root.get("event_type").asText()).isEqualTo("transaction.initiated");
      assertThat(root.get("partition_key").asText()).isEqualTo(r.key());
      assertThat(root.at("/payload/customer_id").asText()).isEqualTo(r.customerId());
      assertThat(root.at("/payload/transaction_id").asText()).isEqualTo(r.transactionId());
      assertThat(root.get("timestamp").asText()).isEqualTo(Instants.iso(r.eventTime()));
      assertThat(root.at("/metadata/schema_version").asText()).isEqualTo("2.1");
      double amount = root.at("/payload/amount").asDouble();
      assertThat(amount).isPositive();
      assertThat(eventIds.add(r.eventId())).as("unique event_id %s", r).isTrue();
      assertThat(transactionIds.add(r.transactionId())).as("unique txn %s", r).isTrue();
    }
  }

  @Test
  void duplicatesAreByteIdenticalLaterCopiesOfTheSameCustomersRecords() {
    Scenario s = noisy(5);
    for (String customer : s.customerIds()) {
      List<GeneratedRecord> seq = s.recordsOf(customer);
      for (int i = 0; i < seq.size(); i++) {
        GeneratedRecord dup = seq.get(i);
        if (dup.kind() != Kind.DUPLICATE) {
          continue;
        }
        List<GeneratedRecord> before = seq.subList(0, i);
        assertThat(before)
            .anySatisfy(
                o -> {
                  assertThat(o.kind()).isEqualTo(Kind.VALID);
                  assertThat(o.value()).isEqualTo(dup.value());
                });
      }
    }
  }

  @Test
  void malformedRecordsCarryTheirDefect() {
    Scenario s = noisy(9);
    for (GeneratedRecord r : s.malformedRecords()) {
      String v = r.valueAsString();
      switch (r.malformedKind()) {
        case TOMBSTONE -> assertThat(r.value()).isNull();
        case EMPTY_VALUE -> assertThat(r.value()).isEmpty();
        case JSON_ARRAY -> assertThat(v).startsWith("[{");
        case AMOUNT_NAN -> assertThat(v).contains("\"amount\":NaN");
        case AMOUNT_NOT_NUMBER -> assertThat(v).contains("\"amount\":\"abc\"");
        case LAT_OUT_OF_RANGE -> assertThat(v).contains("\"lat\":95.0");
        case LON_OUT_OF_RANGE -> assertThat(v).contains("\"lon\":-190.0");
        case UNSUPPORTED_SCHEMA_VERSION -> assertThat(v).contains("\"schema_version\":\"3.0\"");
        case MISSING_EVENT_ID -> assertThat(v).doesNotContain("event_id");
        case MISSING_PAYLOAD -> assertThat(v).doesNotContain("payload\":");
        default -> assertThat(v).isNotEmpty();
      }
      assertThat(r.malformedKind().expectedErrorType()).isNotNull();
    }
  }

  @Test
  void someCustomersArriveOutOfEventTimeOrderOthersDoNot() {
    Scenario s = TransactionScenarioGenerator.withSeed(1).customers(500).generate();
    Set<String> outOfOrder = new HashSet<>();
    for (Plant p : s.plantsOf(PlantedPattern.OUT_OF_ORDER)) {
      outOfOrder.add(p.customerId());
    }
    assertThat(outOfOrder).hasSize(10);
    for (String customer : s.customerIds()) {
      List<GeneratedRecord> seq = s.recordsOf(customer);
      boolean inverted = false;
      for (int i = 1; i < seq.size(); i++) {
        inverted |= seq.get(i).eventTime().isBefore(seq.get(i - 1).eventTime());
      }
      assertThat(inverted).as(customer).isEqualTo(outOfOrder.contains(customer));
    }
  }

  @Test
  void jsonLinesSkipValuesThatCannotSitOnOneLine(@TempDir Path dir) throws Exception {
    Scenario s = noisy(13);
    String text = s.toJsonLines();
    List<String> lines = text.lines().toList();

    assertThat(lines).hasSize(s.size() - 3 - 3);
    assertThat(lines).allSatisfy(l -> assertThat(l.split("\t", 2)).hasSize(2));
    assertThat(lines.get(0)).startsWith(s.records().get(0).key() + "\t");

    Path file = dir.resolve("scenario.jsonl");
    s.writeJsonLines(file);
    assertThat(Files.readString(file)).isEqualTo(text);
  }

  @Test
  void tooManyPlantsForTheCustomersIsRejected() {
    assertThatThrownBy(() -> TransactionScenarioGenerator.withSeed(1).customers(20).generate())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
