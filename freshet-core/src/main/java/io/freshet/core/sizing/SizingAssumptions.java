package io.freshet.core.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of thumb a capacity plan rests on, with {@link #DEFAULTS} the one place their values
 * and sources are kept.
 *
 * @param brokerWriteBytesPerSecond what one broker writes to its disks, leader and follower
 *     replicas together, before it counts as full
 * @param brokerHeadroom the fraction of brokers added on top of the throughput's need, for a lost
 *     broker, rebalancing and catching up after an outage
 * @param storageOverhead the fraction of disk added on top of the retained bytes, for index files,
 *     segments past retention not yet deleted (Kafka deletes whole segments) and free space
 * @param maxDiskBytesPerBroker above this, re-replicating one lost broker takes too long
 * @param eventsPerSlot what one Flink task slot processes, events per second
 * @param slotsPerTaskManager task slots of one TaskManager, one per vCPU of its VM
 * @param taskManagerMemoryBytes memory of one TaskManager's VM
 * @param managedMemoryFraction the share of a TaskManager's memory Flink manages (RocksDB's cache
 *     and write buffers)
 * @param minManagedMemoryBytes the managed memory a stateful TaskManager gets at least
 * @param stateBytesPerKey keyed state of one key, serialized
 * @param kraftControllers the KRaft controller quorum beside the brokers
 * @param jobManagers Flink JobManagers beside the TaskManagers
 */
public record SizingAssumptions(
    double brokerWriteBytesPerSecond,
    double brokerHeadroom,
    double storageOverhead,
    double maxDiskBytesPerBroker,
    double eventsPerSlot,
    int slotsPerTaskManager,
    double taskManagerMemoryBytes,
    double managedMemoryFraction,
    double minManagedMemoryBytes,
    double stateBytesPerKey,
    int kraftControllers,
    int jobManagers) {

  /** The documented defaults; {@link #sources()} says where each comes from. */
  public static final SizingAssumptions DEFAULTS =
      new SizingAssumptions(125e6, 0.5, 0.2, 10e12, 3_200, 4, 16e9, 0.4, 1e9, 322, 3, 1);

  public SizingAssumptions {
    positive(brokerWriteBytesPerSecond, "broker write budget");
    if (!(brokerHeadroom >= 0)) {
      throw new IllegalArgumentException("broker headroom must be >= 0, was " + brokerHeadroom);
    }
    if (!(storageOverhead >= 0)) {
      throw new IllegalArgumentException("storage overhead must be >= 0, was " + storageOverhead);
    }
    positive(maxDiskBytesPerBroker, "disk per broker");
    positive(eventsPerSlot, "events per slot");
    positive(slotsPerTaskManager, "slots per TaskManager");
    positive(taskManagerMemoryBytes, "TaskManager memory");
    if (!(managedMemoryFraction > 0 && managedMemoryFraction < 1)) {
      throw new IllegalArgumentException(
          "managed memory fraction must be in (0, 1), was " + managedMemoryFraction);
    }
    if (!(minManagedMemoryBytes >= 0)) {
      throw new IllegalArgumentException("managed memory floor must be >= 0");
    }
    positive(stateBytesPerKey, "state bytes per key");
    if (kraftControllers < 0 || jobManagers < 0) {
      throw new IllegalArgumentException("controllers and JobManagers must be >= 0");
    }
  }

  /** These assumptions with another broker write budget, in bytes per second. */
  public SizingAssumptions withBrokerWriteBytesPerSecond(double bytesPerSecond) {
    return new SizingAssumptions(
        bytesPerSecond,
        brokerHeadroom,
        storageOverhead,
        maxDiskBytesPerBroker,
        eventsPerSlot,
        slotsPerTaskManager,
        taskManagerMemoryBytes,
        managedMemoryFraction,
        minManagedMemoryBytes,
        stateBytesPerKey,
        kraftControllers,
        jobManagers);
  }

  /** These assumptions with another throughput per Flink slot, events per second. */
  public SizingAssumptions withEventsPerSlot(double events) {
    return new SizingAssumptions(
        brokerWriteBytesPerSecond,
        brokerHeadroom,
        storageOverhead,
        maxDiskBytesPerBroker,
        events,
        slotsPerTaskManager,
        taskManagerMemoryBytes,
        managedMemoryFraction,
        minManagedMemoryBytes,
        stateBytesPerKey,
        kraftControllers,
        jobManagers);
  }

  /** These assumptions with another number of slots per TaskManager. */
  public SizingAssumptions withSlotsPerTaskManager(int slots) {
    return new SizingAssumptions(
        brokerWriteBytesPerSecond,
        brokerHeadroom,
        storageOverhead,
        maxDiskBytesPerBroker,
        eventsPerSlot,
        slots,
        taskManagerMemoryBytes,
        managedMemoryFraction,
        minManagedMemoryBytes,
        stateBytesPerKey,
        kraftControllers,
        jobManagers);
  }

  /** These assumptions with another serialized state size per key, in bytes. */
  public SizingAssumptions withStateBytesPerKey(double bytes) {
    return new SizingAssumptions(
        brokerWriteBytesPerSecond,
        brokerHeadroom,
        storageOverhead,
        maxDiskBytesPerBroker,
        eventsPerSlot,
        slotsPerTaskManager,
        taskManagerMemoryBytes,
        managedMemoryFraction,
        minManagedMemoryBytes,
        bytes,
        kraftControllers,
        jobManagers);
  }

  /** One line per assumption: its value and where it comes from, or that it was given. */
  public List<String> sources() {
    SizingAssumptions d = DEFAULTS;
    List<String> lines = new ArrayList<>();
    lines.add(
        "broker write budget "
            + Units.rate(brokerWriteBytesPerSecond)
            + source(
                brokerWriteBytesPerSecond == d.brokerWriteBytesPerSecond,
                "one broker took 123 MiB/s = 129 MB/s of produce in kafka-limit (acks=all, lz4, 2"
                    + " cores; docs/benchmarks.md), rounded down to 1 Gbit/s"));
    lines.add(
        "broker headroom +"
            + Units.percent(brokerHeadroom)
            + source(
                brokerHeadroom == d.brokerHeadroom,
                "room for a lost broker, a partition reassignment and catching up after an outage"));
    lines.add(
        "storage overhead +"
            + Units.percent(storageOverhead)
            + source(
                storageOverhead == d.storageOverhead,
                "index files, whole segments past retention awaiting deletion, free-space margin"));
    lines.add(
        "disk per broker at most "
            + Units.bytes(maxDiskBytesPerBroker)
            + source(
                maxDiskBytesPerBroker == d.maxDiskBytesPerBroker,
                "re-replicating a lost broker at the write budget takes "
                    + Units.bytes(maxDiskBytesPerBroker)
                    + " ÷ "
                    + Units.rate(brokerWriteBytesPerSecond)
                    + " = "
                    + Units.hours(maxDiskBytesPerBroker / brokerWriteBytesPerSecond)));
    lines.add(
        "Flink throughput "
            + Units.count(eventsPerSlot)
            + " events/s per slot"
            + source(
                eventsPerSlot == d.eventsPerSlot,
                "the fraud job on RocksDB, 1,000,000 customers × 20 transactions: 6,400 events/s"
                    + " at parallelism 2 (docs/benchmarks.md, a lower bound: the cores were shared"
                    + " for part of the run); a stateless job is faster: give its own figure"));
    lines.add(
        "TaskManager: "
            + slotsPerTaskManager
            + " slots, "
            + Units.bytes(taskManagerMemoryBytes)
            + source(
                slotsPerTaskManager == d.slotsPerTaskManager
                    && taskManagerMemoryBytes == d.taskManagerMemoryBytes,
                "a 4 vCPU / 16 GB VM, one slot per vCPU as the benchmarks ran"));
    lines.add(
        "managed memory: "
            + Units.percent(managedMemoryFraction)
            + " of a TaskManager, at least "
            + Units.bytes(minManagedMemoryBytes)
            + source(
                managedMemoryFraction == d.managedMemoryFraction
                    && minManagedMemoryBytes == d.minManagedMemoryBytes,
                "Flink's taskmanager.memory.managed.fraction; the floor is about freshet run's"
                    + " --managed-memory 1g"));
    lines.add(
        "keyed state "
            + Units.count(stateBytesPerKey)
            + " B per key"
            + source(
                stateBytesPerKey == d.stateBytesPerKey,
                "checkpointed state per customer with ≈ 20 transactions in 30 days, RocksDB,"
                    + " 1,000,000 customers (docs/benchmarks.md)"));
    lines.add(
        kraftControllers
            + " KRaft controllers and "
            + jobManagers
            + " JobManager"
            + source(
                kraftControllers == d.kraftControllers && jobManagers == d.jobManagers,
                "the smallest quorum that survives a lost controller; one JobManager, no"
                    + " standby"));
    return lines;
  }

  private static String source(boolean isDefault, String source) {
    return isDefault ? ": " + source : " (given)";
  }

  private static void positive(double value, String name) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }
}
