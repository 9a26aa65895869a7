package io.freshet.core.sizing;

import static io.freshet.core.sizing.Units.bytes;
import static io.freshet.core.sizing.Units.ceil;
import static io.freshet.core.sizing.Units.count;
import static io.freshet.core.sizing.Units.factor;
import static io.freshet.core.sizing.Units.gigabits;
import static io.freshet.core.sizing.Units.gigabytes;
import static io.freshet.core.sizing.Units.megabytes;
import static io.freshet.core.sizing.Units.percent;
import static io.freshet.core.sizing.Units.price;
import static io.freshet.core.sizing.Units.rate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out a {@link CapacityPlan}: Kafka brokers, storage and network, Flink slots, TaskManagers
 * and memory, and what a month of it costs, writing down the arithmetic of every figure.
 */
public final class CapacityPlanner {
  /** The month providers bill by. */
  public static final double HOURS_PER_MONTH = 730;

  static final double SECONDS_PER_DAY = 86_400;
  static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

  private CapacityPlanner() {}

  /** The plan with the default assumptions and the shipped price table. */
  public static CapacityPlan plan(SizingRequest request) {
    return plan(request, SizingAssumptions.DEFAULTS, PriceTable.defaults());
  }

  /** The plan for {@code r} on the assumptions {@code a}, costed with {@code prices}. */
  public static CapacityPlan plan(SizingRequest r, SizingAssumptions a, PriceTable prices) {
    List<Figure> figures = new ArrayList<>();
    List<SizingWarning> warnings = new ArrayList<>();
    int rf = r.replicationFactor();

    if (rf == 1) {
      warnings.add(
          new SizingWarning(
              "replication_factor_one",
              "replication factor 1 keeps one copy of each partition: a lost broker loses its"
                  + " data; use 3"));
    }

    double ingress = (double) r.eventsPerSecond() * r.eventBytes();
    figures.add(
        new Figure(
            Measure.INGRESS,
            ingress,
            rate(ingress),
            count(r.eventsPerSecond())
                + " events/s × "
                + count(r.eventBytes())
                + " B = "
                + rate(ingress)
                + " in"));

    double written = ingress * rf;
    figures.add(
        new Figure(
            Measure.WRITTEN,
            written,
            rate(written),
            rate(ingress) + " × replication " + rf + " = " + rate(written) + " written"));

    long forThroughput = ceil(written / a.brokerWriteBytesPerSecond());
    figures.add(
        new Figure(
            Measure.BROKERS_FOR_THROUGHPUT,
            forThroughput,
            count(forThroughput),
            "ceil("
                + rate(written)
                + " ÷ "
                + rate(a.brokerWriteBytesPerSecond())
                + " per broker) = "
                + forThroughput));

    long withHeadroom = ceil(forThroughput * (1 + a.brokerHeadroom()));
    long brokers = Math.max(withHeadroom, rf);
    String brokersArithmetic =
        "ceil("
            + forThroughput
            + " × "
            + factor(1 + a.brokerHeadroom())
            + ") = "
            + withHeadroom
            + " (+"
            + percent(a.brokerHeadroom())
            + " headroom)";
    if (brokers > withHeadroom) {
      brokersArithmetic += ", raised to the replication factor " + rf;
      warnings.add(
          new SizingWarning(
              "brokers_below_replication",
              "the throughput needs "
                  + withHeadroom
                  + " broker(s) with headroom, fewer than the replication factor "
                  + rf
                  + ": the plan has "
                  + rf
                  + ", one per replica"));
    }
    figures.add(new Figure(Measure.BROKERS, brokers, count(brokers), brokersArithmetic));

    // Slots come before partitions: the partitions follow the parallelism.
    long neededSlots = ceil(r.eventsPerSecond() / a.eventsPerSlot());
    long slots = Math.max(neededSlots, r.parallelism().orElse(0));
    String slotsArithmetic =
        "ceil("
            + count(r.eventsPerSecond())
            + " events/s ÷ "
            + count(a.eventsPerSlot())
            + " events/s per slot) = "
            + neededSlots;
    if (r.parallelism().isPresent()) {
      int asked = r.parallelism().getAsInt();
      if (asked > neededSlots) {
        slotsArithmetic += "; parallelism " + asked + " asked for";
      } else if (asked < neededSlots) {
        slotsArithmetic += " (parallelism " + asked + " asked for is too few)";
        warnings.add(
            new SizingWarning(
                "parallelism_below_need",
                "parallelism "
                    + asked
                    + " is fewer than the "
                    + neededSlots
                    + " slots "
                    + count(r.eventsPerSecond())
                    + " events/s need at "
                    + count(a.eventsPerSlot())
                    + " events/s per slot: the job would fall behind; the plan uses "
                    + neededSlots));
      }
    }

    long partitions;
    String partitionsArithmetic;
    if (r.partitions().isPresent()) {
      partitions = r.partitions().getAsInt();
      partitionsArithmetic = partitions + " given";
      if (partitions < slots) {
        warnings.add(
            new SizingWarning(
                "partitions_below_parallelism",
                partitions
                    + " partitions are fewer than the parallelism "
                    + slots
                    + ": "
                    + (slots - partitions)
                    + " source subtasks would read nothing; use at least "
                    + slots
                    + " partitions"));
      }
      if (partitions < brokers) {
        warnings.add(
            new SizingWarning(
                "partitions_below_brokers",
                partitions
                    + " partitions are fewer than the "
                    + brokers
                    + " brokers: "
                    + (brokers - partitions)
                    + " brokers would lead no partition and take no produce traffic"));
      }
    } else {
      partitions = Math.max(slots, brokers);
      partitionsArithmetic =
          "max(parallelism "
              + slots
              + ", brokers "
              + brokers
              + ") = "
              + partitions
              + ": a partition for every source subtask and every broker";
    }
    figures.add(
        new Figure(Measure.PARTITIONS, partitions, count(partitions), partitionsArithmetic));

    double retained = ingress * SECONDS_PER_DAY * r.retentionDays() * rf;
    figures.add(
        new Figure(
            Measure.RETAINED,
            retained,
            bytes(retained),
            rate(ingress)
                + " × 86,400 s × "
                + r.retentionDays()
                + " days × replication "
                + rf
                + " = "
                + bytes(retained)));

    double disk = retained * (1 + a.storageOverhead());
    figures.add(
        new Figure(
            Measure.DISK,
            disk,
            bytes(disk),
            bytes(retained)
                + " × "
                + factor(1 + a.storageOverhead())
                + " (+"
                + percent(a.storageOverhead())
                + " for indexes, segments awaiting deletion and free space) = "
                + bytes(disk)));

    double diskPerBroker = disk / brokers;
    figures.add(
        new Figure(
            Measure.DISK_PER_BROKER,
            diskPerBroker,
            bytes(diskPerBroker),
            bytes(disk) + " ÷ " + brokers + " brokers = " + bytes(diskPerBroker)));
    if (diskPerBroker > a.maxDiskBytesPerBroker() * (1 + 1e-9)) {
      long forStorage = ceil(disk / a.maxDiskBytesPerBroker());
      warnings.add(
          new SizingWarning(
              "disk_per_broker",
              "each broker would hold "
                  + bytes(diskPerBroker)
                  + ", more than "
                  + bytes(a.maxDiskBytesPerBroker())
                  + " (re-replicating a lost broker at "
                  + rate(a.brokerWriteBytesPerSecond())
                  + " takes "
                  + Units.hours(a.maxDiskBytesPerBroker() / a.brokerWriteBytesPerSecond())
                  + " per "
                  + bytes(a.maxDiskBytesPerBroker())
                  + "): ceil("
                  + bytes(disk)
                  + " ÷ "
                  + bytes(a.maxDiskBytesPerBroker())
                  + ") = "
                  + forStorage
                  + " brokers hold it, or tiered storage for older segments, or a shorter"
                  + " retention"));
    }

    double replication = ingress * (rf - 1);
    figures.add(
        new Figure(
            Measure.REPLICATION_TRAFFIC,
            replication,
            rate(replication),
            rate(ingress)
                + " × (replication "
                + rf
                + " − 1) = "
                + rate(replication)
                + " from leaders to followers"));

    double consumers = ingress * r.consumerGroups();
    figures.add(
        new Figure(
            Measure.CONSUMER_TRAFFIC,
            consumers,
            rate(consumers),
            rate(ingress)
                + " × "
                + r.consumerGroups()
                + (r.consumerGroups() == 1 ? " consumer group" : " consumer groups")
                + " = "
                + rate(consumers)));

    double brokerIn = (ingress + replication) / brokers;
    figures.add(
        new Figure(
            Measure.BROKER_IN,
            brokerIn,
            rate(brokerIn),
            "("
                + megabytes(ingress)
                + " + "
                + megabytes(replication)
                + ") MB/s ÷ "
                + brokers
                + " brokers = "
                + rate(brokerIn)
                + " ("
                + gigabits(brokerIn)
                + ")"));
    double brokerOut = (replication + consumers) / brokers;
    figures.add(
        new Figure(
            Measure.BROKER_OUT,
            brokerOut,
            rate(brokerOut),
            "("
                + megabytes(replication)
                + " + "
                + megabytes(consumers)
                + ") MB/s ÷ "
                + brokers
                + " brokers = "
                + rate(brokerOut)
                + " ("
                + gigabits(brokerOut)
                + ")"));

    figures.add(new Figure(Measure.SLOTS, slots, count(slots), slotsArithmetic));
    long taskManagers = ceil((double) slots / a.slotsPerTaskManager());
    figures.add(
        new Figure(
            Measure.TASK_MANAGERS,
            taskManagers,
            count(taskManagers),
            "ceil("
                + slots
                + " slots ÷ "
                + a.slotsPerTaskManager()
                + " per TaskManager) = "
                + taskManagers
                + ", and "
                + a.jobManagers()
                + " JobManager"));

    if (r.stateful()) {
      double state = r.keys() * a.stateBytesPerKey();
      figures.add(
          new Figure(
              Measure.KEYED_STATE,
              state,
              bytes(state),
              count(r.keys())
                  + " keys × "
                  + count(a.stateBytesPerKey())
                  + " B per key = "
                  + bytes(state)));
      double share = state / taskManagers;
      double managed = Math.max(share, a.minManagedMemoryBytes());
      figures.add(
          new Figure(
              Measure.MANAGED_MEMORY,
              managed,
              bytes(managed),
              "max("
                  + bytes(state)
                  + " ÷ "
                  + taskManagers
                  + " TaskManagers, "
                  + bytes(a.minManagedMemoryBytes())
                  + " at least) = "
                  + bytes(managed)
                  + ", so that RocksDB's cache holds the whole state"));
      double room = a.taskManagerMemoryBytes() * a.managedMemoryFraction();
      if (managed > room * (1 + 1e-9)) {
        warnings.add(
            new SizingWarning(
                "state_beyond_managed_memory",
                "each TaskManager would need "
                    + bytes(managed)
                    + " of managed memory, more than the "
                    + bytes(room)
                    + " Flink manages of a "
                    + bytes(a.taskManagerMemoryBytes())
                    + " TaskManager ("
                    + percent(a.managedMemoryFraction())
                    + "): ceil("
                    + bytes(state)
                    + " ÷ "
                    + bytes(room)
                    + ") = "
                    + ceil(state / room)
                    + " TaskManagers, or larger ones; a cache smaller than the state slowed the"
                    + " fraud job to 47 % (docs/benchmarks.md)"));
      }
    }

    CostEstimate selfManaged = selfManaged(a, prices, brokers, disk, replication, taskManagers);
    CostEstimate managedCost = managed(r, prices, partitions, ingress, consumers, slots);
    return new CapacityPlan(r, a, prices, figures, selfManaged, managedCost, warnings);
  }

  private static CostEstimate selfManaged(
      SizingAssumptions a,
      PriceTable p,
      long brokers,
      double disk,
      double replication,
      long taskManagers) {
    double replicatedPerMonth = replication * SECONDS_PER_MONTH;
    return new CostEstimate(
        "self-managed",
        List.of(
            vms("Kafka brokers", brokers, p.brokerVmPerHour()),
            vms("KRaft controllers", a.kraftControllers(), p.controllerVmPerHour()),
            new CostLine(
                "Broker disks",
                disk / Units.GB * p.diskPerGbMonth().doubleValue(),
                gigabytes(disk) + " × " + price(p.diskPerGbMonth()) + "/GB-month"),
            new CostLine(
                "Cross-zone replication",
                replicatedPerMonth / Units.GB * p.crossZonePerGb().doubleValue(),
                rate(replication)
                    + " × "
                    + count(SECONDS_PER_MONTH)
                    + " s = "
                    + gigabytes(replicatedPerMonth)
                    + " × "
                    + price(p.crossZonePerGb())
                    + "/GB"),
            vms("Flink TaskManagers", taskManagers, p.taskManagerVmPerHour()),
            vms("Flink JobManager", a.jobManagers(), p.taskManagerVmPerHour())));
  }

  private static CostEstimate managed(
      SizingRequest r,
      PriceTable p,
      long partitions,
      double ingress,
      double consumers,
      long slots) {
    double inPerMonth = ingress * SECONDS_PER_MONTH;
    double outPerMonth = consumers * SECONDS_PER_MONTH;
    // The provider replicates and bills the data once.
    double kept = ingress * SECONDS_PER_DAY * r.retentionDays();
    long units = slots + 1;
    double unitStorageGb = units * p.managedFlinkStorageGbPerUnit().doubleValue();
    return new CostEstimate(
        "managed",
        List.of(
            new CostLine(
                "Kafka cluster",
                HOURS_PER_MONTH * p.managedKafkaClusterPerHour().doubleValue(),
                count(HOURS_PER_MONTH) + " h × " + price(p.managedKafkaClusterPerHour()) + "/h"),
            new CostLine(
                "Kafka partitions",
                partitions * HOURS_PER_MONTH * p.managedKafkaPartitionPerHour().doubleValue(),
                partitions
                    + " partitions × "
                    + count(HOURS_PER_MONTH)
                    + " h × "
                    + price(p.managedKafkaPartitionPerHour())
                    + "/h"),
            new CostLine(
                "Kafka data in",
                inPerMonth / Units.GB * p.managedKafkaInPerGb().doubleValue(),
                rate(ingress)
                    + " × "
                    + count(SECONDS_PER_MONTH)
                    + " s = "
                    + gigabytes(inPerMonth)
                    + " × "
                    + price(p.managedKafkaInPerGb())
                    + "/GB"),
            new CostLine(
                "Kafka data out",
                outPerMonth / Units.GB * p.managedKafkaOutPerGb().doubleValue(),
                rate(consumers)
                    + " × "
                    + count(SECONDS_PER_MONTH)
                    + " s = "
                    + gigabytes(outPerMonth)
                    + " × "
                    + price(p.managedKafkaOutPerGb())
                    + "/GB"),
            new CostLine(
                "Kafka storage",
                kept / Units.GB * p.managedKafkaStoragePerGbMonth().doubleValue(),
                gigabytes(kept)
                    + " kept once × "
                    + price(p.managedKafkaStoragePerGbMonth())
                    + "/GB-month"),
            new CostLine(
                "Flink processing units",
                units * HOURS_PER_MONTH * p.managedFlinkUnitPerHour().doubleValue(),
                "("
                    + slots
                    + " slots + 1) × "
                    + count(HOURS_PER_MONTH)
                    + " h × "
                    + price(p.managedFlinkUnitPerHour())
                    + "/h"),
            new CostLine(
                "Flink running storage",
                unitStorageGb * p.managedFlinkStoragePerGbMonth().doubleValue(),
                units
                    + " units × "
                    + count(p.managedFlinkStorageGbPerUnit().doubleValue())
                    + " GB × "
                    + price(p.managedFlinkStoragePerGbMonth())
                    + "/GB-month")));
  }

  private static CostLine vms(String item, long machines, BigDecimal perHour) {
    return new CostLine(
        item,
        machines * HOURS_PER_MONTH * perHour.doubleValue(),
        machines
            + (machines == 1 ? " VM" : " VMs")
            + " × "
            + count(HOURS_PER_MONTH)
            + " h × "
            + price(perHour)
            + "/h");
  }
}
