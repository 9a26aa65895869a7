package io.freshet.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {
  /** The seed's worked example as its command line gives it: 1,024-byte events. */
  static final SizingRequest WORKED_EXAMPLE = SizingRequest.of(100_000, 1_024, 7, 3);

  @Test
  void theWorkedExampleNeedsFiveBrokers() {
    // Given the worked example / When planned with the default assumptions
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then 102.4 MB/s in, 307.2 MB/s written, 3 brokers for throughput and 5 with headroom
    assertThat(plan.value(Measure.INGRESS)).isEqualTo(102.4e6);
    assertThat(plan.figure(Measure.INGRESS).arithmetic())
        .isEqualTo("100,000 events/s × 1,024 B = 102.4 MB/s in");
    assertThat(plan.value(Measure.WRITTEN)).isEqualTo(307.2e6, within(1e-3));
    assertThat(plan.figure(Measure.WRITTEN).arithmetic())
        .isEqualTo("102.4 MB/s × replication 3 = 307.2 MB/s written");
    assertThat(plan.value(Measure.BROKERS_FOR_THROUGHPUT)).isEqualTo(3);
    assertThat(plan.figure(Measure.BROKERS_FOR_THROUGHPUT).arithmetic())
        .isEqualTo("ceil(307.2 MB/s ÷ 125.0 MB/s per broker) = 3");
    assertThat(plan.value(Measure.BROKERS)).isEqualTo(5);
    assertThat(plan.figure(Measure.BROKERS).arithmetic())
        .isEqualTo("ceil(3 × 1.5) = 5 (+50 % headroom)");
  }

  @Test
  void theWorkedExampleStoresWhatItsEventsWeigh() {
    // Given the worked example / When planned
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then 102.4 MB/s kept 7 days on 3 replicas is 185.8 TB, 223.0 TB of disk with +20 %
    assertThat(plan.value(Measure.RETAINED)).isEqualTo(185.79456e12, within(1.0));
    assertThat(plan.figure(Measure.RETAINED).arithmetic())
        .isEqualTo("102.4 MB/s × 86,400 s × 7 days × replication 3 = 185.8 TB");
    assertThat(plan.value(Measure.DISK)).isEqualTo(222.953472e12, within(1.0));
    assertThat(plan.figure(Measure.DISK).arithmetic())
        .isEqualTo(
            "185.8 TB × 1.2 (+20 % for indexes, segments awaiting deletion and free space)"
                + " = 223.0 TB");
    assertThat(plan.figure(Measure.DISK_PER_BROKER).shown()).isEqualTo("44.6 TB");
  }

  @Test
  void thousandByteEventsGiveTheSeedsRoundFigures() {
    // Given the worked example with 1,000-byte events, the 100 MB/s the seed rounded to
    CapacityPlan plan = CapacityPlanner.plan(SizingRequest.of(100_000, 1_000, 7, 3));

    // Then exactly 100 MB/s in, 300 MB/s written, 5 brokers, 181.44 TB and 217.7 TB (≈ 220)
    assertThat(plan.figure(Measure.INGRESS).shown()).isEqualTo("100.0 MB/s");
    assertThat(plan.figure(Measure.WRITTEN).shown()).isEqualTo("300.0 MB/s");
    assertThat(plan.value(Measure.BROKERS)).isEqualTo(5);
    assertThat(plan.value(Measure.RETAINED)).isEqualTo(181.44e12, within(1.0));
    assertThat(plan.value(Measure.DISK)).isEqualTo(217.728e12, within(1.0));
    assertThat(plan.figure(Measure.DISK).shown()).isEqualTo("217.7 TB");
  }

  @Test
  void theWorkedExamplesNetworkCountsReplicationAndConsumers() {
    // Given the worked example / When planned
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then 204.8 MB/s between brokers, 102.4 MB/s to the one group, 61.4 MB/s each way a broker
    assertThat(plan.value(Measure.REPLICATION_TRAFFIC)).isEqualTo(204.8e6, within(1e-3));
    assertThat(plan.figure(Measure.REPLICATION_TRAFFIC).arithmetic())
        .isEqualTo("102.4 MB/s × (replication 3 − 1) = 204.8 MB/s from leaders to followers");
    assertThat(plan.value(Measure.CONSUMER_TRAFFIC)).isEqualTo(102.4e6);
    assertThat(plan.figure(Measure.BROKER_IN).arithmetic())
        .isEqualTo("(102.4 + 204.8) MB/s ÷ 5 brokers = 61.4 MB/s (0.49 Gbit/s)");
    assertThat(plan.figure(Measure.BROKER_OUT).arithmetic())
        .isEqualTo("(204.8 + 102.4) MB/s ÷ 5 brokers = 61.4 MB/s (0.49 Gbit/s)");
  }

  @Test
  void theWorkedExampleNeedsEightTaskManagersAtTheMeasuredRatePerSlot() {
    // Given the worked example / When planned at 3,200 events/s per slot and 4 slots each
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then 32 slots, 32 partitions and 8 TaskManagers
    assertThat(plan.value(Measure.SLOTS)).isEqualTo(32);
    assertThat(plan.figure(Measure.SLOTS).arithmetic())
        .isEqualTo("ceil(100,000 events/s ÷ 3,200 events/s per slot) = 32");
    assertThat(plan.value(Measure.PARTITIONS)).isEqualTo(32);
    assertThat(plan.value(Measure.TASK_MANAGERS)).isEqualTo(8);
    assertThat(plan.figure(Measure.TASK_MANAGERS).arithmetic())
        .isEqualTo("ceil(32 slots ÷ 4 per TaskManager) = 8, and 1 JobManager");
    assertThat(plan.find(Measure.KEYED_STATE)).isEmpty();
  }

  @Test
  void aStatefulPlanSizesKeyedStateAndManagedMemory() {
    // Given the worked example with keyed state over a million keys
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE.withState(1_000_000));

    // Then 322 MB of state, and each of the 8 TaskManagers gets the 1 GB floor
    assertThat(plan.value(Measure.KEYED_STATE)).isEqualTo(322e6);
    assertThat(plan.figure(Measure.KEYED_STATE).arithmetic())
        .isEqualTo("1,000,000 keys × 322 B per key = 322.0 MB");
    assertThat(plan.value(Measure.MANAGED_MEMORY)).isEqualTo(1e9);
    assertThat(plan.figure(Measure.MANAGED_MEMORY).arithmetic())
        .isEqualTo(
            "max(322.0 MB ÷ 8 TaskManagers, 1.0 GB at least) = 1.0 GB, so that RocksDB's cache"
                + " holds the whole state");
  }

  @Test
  void theWorkedExamplesMonthlyCostIsEveryItemTimesItsPrice() {
    // Given the worked example / When planned with the shipped price table
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then each item is quantity × price, and the totals their sums
    assertThat(plan.selfManaged().lines())
        .extracting(CostLine::item, CostLine::arithmetic)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Kafka brokers", "5 VMs × 730 h × $0.384/h"),
            org.assertj.core.groups.Tuple.tuple("KRaft controllers", "3 VMs × 730 h × $0.096/h"),
            org.assertj.core.groups.Tuple.tuple("Broker disks", "222,953 GB × $0.08/GB-month"),
            org.assertj.core.groups.Tuple.tuple(
                "Cross-zone replication", "204.8 MB/s × 2,628,000 s = 538,214 GB × $0.02/GB"),
            org.assertj.core.groups.Tuple.tuple("Flink TaskManagers", "8 VMs × 730 h × $0.192/h"),
            org.assertj.core.groups.Tuple.tuple("Flink JobManager", "1 VM × 730 h × $0.192/h"));
    assertThat(amounts(plan.selfManaged()))
        .containsExactly(1_401.60, 210.24, 17_836.28, 10_764.29, 1_121.28, 140.16);
    assertThat(plan.selfManaged().total()).isEqualTo(31_473.85, within(0.01));
    assertThat(amounts(plan.managed()))
        .containsExactly(547.50, 35.04, 26_910.72, 13_455.36, 6_193.15, 2_649.90, 165.00);
    assertThat(plan.managed().total()).isEqualTo(49_956.67, within(0.01));
  }

  @Test
  void theWorkedExampleWarnsOnlyOfItsDiskPerBroker() {
    // Given the worked example / When planned
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE);

    // Then 44.6 TB per broker is more than 10 TB, and 23 brokers would hold the disk
    assertThat(plan.warnings()).extracting(SizingWarning::code).containsExactly("disk_per_broker");
    assertThat(plan.warnings().get(0).message())
        .isEqualTo(
            "each broker would hold 44.6 TB, more than 10.0 TB (re-replicating a lost broker at"
                + " 125.0 MB/s takes 22.2 h per 10.0 TB): ceil(223.0 TB ÷ 10.0 TB) = 23 brokers"
                + " hold it, or tiered storage for older segments, or a shorter retention");
  }

  @Test
  void fewerPartitionsThanTheParallelismAskedForIsWarned() {
    // Given the worked example on 16 partitions with parallelism 40 asked for
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE.withPartitions(16).withParallelism(40));

    // Then the plan keeps the 40 slots and the 16 partitions, and says 24 subtasks would idle
    assertThat(plan.value(Measure.SLOTS)).isEqualTo(40);
    assertThat(plan.value(Measure.PARTITIONS)).isEqualTo(16);
    assertThat(plan.warnings())
        .contains(
            new SizingWarning(
                "partitions_below_parallelism",
                "16 partitions are fewer than the parallelism 40: 24 source subtasks would read"
                    + " nothing; use at least 40 partitions"));
  }

  @Test
  void aParallelismBelowTheRatesNeedIsRaisedAndWarned() {
    // Given the worked example with parallelism 16 asked for, half of the 32 slots it needs
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE.withParallelism(16));

    // Then the plan has 32 slots and says why
    assertThat(plan.value(Measure.SLOTS)).isEqualTo(32);
    assertThat(plan.warnings())
        .extracting(SizingWarning::code)
        .contains("parallelism_below_need")
        .doesNotContain("partitions_below_parallelism");
  }

  @Test
  void aSmallWorkloadGetsOneBrokerPerReplica() {
    // Given 10,000 events/s of 500 B on replication factor 3: 15 MB/s written, one broker's worth
    CapacityPlan plan = CapacityPlanner.plan(SizingRequest.of(10_000, 500, 3, 3));

    // Then 1 broker, 2 with headroom, raised to 3 so that each replica has its own broker
    assertThat(plan.value(Measure.BROKERS_FOR_THROUGHPUT)).isEqualTo(1);
    assertThat(plan.value(Measure.BROKERS)).isEqualTo(3);
    assertThat(plan.figure(Measure.BROKERS).arithmetic())
        .isEqualTo("ceil(1 × 1.5) = 2 (+50 % headroom), raised to the replication factor 3");
    assertThat(plan.warnings())
        .containsExactly(
            new SizingWarning(
                "brokers_below_replication",
                "the throughput needs 2 broker(s) with headroom, fewer than the replication"
                    + " factor 3: the plan has 3, one per replica"));
  }

  @Test
  void replicationFactorOneAndPartitionsBelowBrokersAreWarned() {
    // Given 400 MB/s on one replica and 2 partitions
    CapacityPlan plan =
        CapacityPlanner.plan(SizingRequest.of(400_000, 1_000, 1, 1).withPartitions(2));

    // Then both are warned of, beside the partitions fewer than the 125 slots
    assertThat(plan.value(Measure.BROKERS)).isEqualTo(6);
    assertThat(plan.warnings())
        .extracting(SizingWarning::code)
        .containsExactly(
            "replication_factor_one", "partitions_below_parallelism", "partitions_below_brokers");
  }

  @Test
  void stateBeyondWhatFlinkManagesIsWarned() {
    // Given a billion keys of 322 B: 322 GB over 8 TaskManagers, 40.3 GB each
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE.withState(1_000_000_000));

    // Then more than the 6.4 GB Flink manages of a 16 GB TaskManager: 51 TaskManagers hold it
    assertThat(plan.figure(Measure.MANAGED_MEMORY).shown()).isEqualTo("40.3 GB");
    assertThat(plan.warnings())
        .filteredOn(w -> w.code().equals("state_beyond_managed_memory"))
        .extracting(SizingWarning::message)
        .singleElement()
        .asString()
        .startsWith(
            "each TaskManager would need 40.3 GB of managed memory, more than the 6.4 GB Flink"
                + " manages of a 16.0 GB TaskManager (40 %): ceil(322.0 GB ÷ 6.4 GB) = 51"
                + " TaskManagers");
  }

  @Test
  void aSaneWorkloadHasNoWarnings() {
    // Given 50 MB/s kept a day on 3 replicas and 16 partitions
    CapacityPlan plan =
        CapacityPlanner.plan(SizingRequest.of(50_000, 1_000, 1, 3).withPartitions(16));

    // Then 3 brokers, 16 slots, nothing to warn of
    assertThat(plan.value(Measure.BROKERS)).isEqualTo(3);
    assertThat(plan.value(Measure.SLOTS)).isEqualTo(16);
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void givenAssumptionsReplaceTheDefaultsAndSaySo() {
    // Given a faster slot / When planned
    SizingAssumptions faster = SizingAssumptions.DEFAULTS.withEventsPerSlot(25_000);
    CapacityPlan plan = CapacityPlanner.plan(WORKED_EXAMPLE, faster, PriceTable.defaults());

    // Then 4 slots on 1 TaskManager, and the source of that figure reads "given"
    assertThat(plan.value(Measure.SLOTS)).isEqualTo(4);
    assertThat(plan.value(Measure.TASK_MANAGERS)).isEqualTo(1);
    assertThat(faster.sources()).contains("Flink throughput 25,000 events/s per slot (given)");
  }

  @Test
  void aRequestOutsideItsRangeIsRefused() {
    // When a request without events or with a negative number of groups is made
    // Then it is refused with the field named
    assertThatThrownBy(() -> SizingRequest.of(0, 1_000, 7, 3))
        .hasMessage("events per second must be at least 1, was 0");
    assertThatThrownBy(() -> SizingRequest.of(1, 1_000, 7, 3).withConsumerGroups(-1))
        .hasMessage("consumer groups must be at least 0, was -1");
  }

  private static List<Double> amounts(CostEstimate estimate) {
    return estimate.lines().stream().map(l -> Math.round(l.usd() * 100) / 100.0).toList();
  }
}
