package io.freshet.testkit.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the generator's planted expectations against the independent reference, and back. */
class GeneratedScenarioReferenceTest {
  private static Scenario scenario;
  private static ReferenceResult reference;

  @BeforeAll
  static void generate() {
    scenario =
        TransactionScenarioGenerator.withSeed(20261126L)
            .customers(3_000)
            .plantsPerPattern(8)
            .outOfOrderCustomers(15)
            .duplicates(300)
            .malformedPerKind(5)
            .generate();
    reference = FraudReference.compute(scenario);
  }

  @Test
  void everyPlantProducesWhatItWasBuiltFor() {
    assertThat(scenario.plants()).hasSize(8 * (PlantedPattern.values().length - 1) + 15);
    for (Plant p : scenario.plants()) {
      assertThat(reference.expectedAlerts()).as("%s", p).containsAll(p.mustAlert());
      for (String forbidden : p.mustNotAlert()) {
        assertThat(reference.expectedAlerts()).as("%s", p).doesNotContain(forbidden);
      }
      assertThat(reference.expectedDecisions())
          .as("%s", p)
          .containsAllEntriesOf(p.expectedDecisions());
    }
  }

  @Test
  void backgroundTrafficNeverAlerts() {
    Set<String> planted = new HashSet<>();
    scenario.plants().forEach(p -> planted.add(p.customerId()));
    for (String alert : reference.expectedAlerts()) {
      String txn = alert.substring(alert.indexOf(':') + 1);
      assertThat(planted).as(alert).contains(txn.substring(0, txn.indexOf("-t")));
    }
    // And every emitted alert is one some plant asked for.
    Set<String> asked = new HashSet<>();
    scenario.plants().forEach(p -> asked.addAll(p.mustAlert()));
    assertThat(reference.expectedAlerts()).isEqualTo(asked);
  }

  @Test
  void everyRuleIsExercised() {
    assertThat(reference.alertCount(FraudReference.VELOCITY)).isEqualTo(8 * (2 + 1 + 2 + 1 + 2));
    assertThat(reference.alertCount(FraudReference.IMPOSSIBLE_TRAVEL)).isEqualTo(8 * 3);
    assertThat(reference.alertCount(FraudReference.AMOUNT_ANOMALY)).isEqualTo(8 * 4);
    assertThat(reference.decisionCount("BLOCK")).isEqualTo(8);
    assertThat(reference.suppressedAlerts()).isNotEmpty();
  }

  @Test
  void referenceCountsAgreeWithTheGeneratorsKinds() {
    assertThat(reference.validUnique()).isEqualTo(scenario.count(Kind.VALID));
    assertThat(reference.duplicates()).isEqualTo(scenario.count(Kind.DUPLICATE));
    assertThat(reference.malformed()).isEqualTo(scenario.count(Kind.MALFORMED));
    assertThat(reference.expectedDecisions()).hasSize((int) scenario.count(Kind.VALID));
  }

  @Test
  void duplicatesAndMalformedRecordsDoNotChangeTheOutcome() {
    ReferenceResult clean = FraudReference.compute(scenario.validRecords());
    assertThat(clean.expectedAlerts()).isEqualTo(reference.expectedAlerts());
    assertThat(clean.expectedDecisions()).isEqualTo(reference.expectedDecisions());
  }

  @Test
  void interleavingAcrossCustomersDoesNotChangeTheOutcome() {
    List<GeneratedRecord> blocks = new ArrayList<>();
    for (String customer : scenario.customerIds()) {
      blocks.addAll(scenario.recordsOf(customer));
    }
    ReferenceResult r = FraudReference.compute(blocks);
    assertThat(r.expectedAlerts()).isEqualTo(reference.expectedAlerts());
    assertThat(r.expectedDecisions()).isEqualTo(reference.expectedDecisions());
  }
}
