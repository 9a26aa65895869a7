package io.freshet.core.sizing;

/** Each figure a capacity plan works out, with the section and label it is printed under. */
public enum Measure {
  INGRESS("Kafka", "Ingress", "ingress_bytes_per_second", "B/s"),
  WRITTEN("Kafka", "Written, all replicas", "written_bytes_per_second", "B/s"),
  BROKERS_FOR_THROUGHPUT("Kafka", "Brokers for throughput", "brokers_for_throughput", "brokers"),
  BROKERS("Kafka", "Brokers, with headroom", "brokers", "brokers"),
  PARTITIONS("Kafka", "Partitions", "partitions", "partitions"),
  RETAINED("Storage", "Retained, all replicas", "retained_bytes", "B"),
  DISK("Storage", "Disk, with overhead", "disk_bytes", "B"),
  DISK_PER_BROKER("Storage", "Disk per broker", "disk_bytes_per_broker", "B"),
  REPLICATION_TRAFFIC("Network", "Broker to broker", "replication_bytes_per_second", "B/s"),
  CONSUMER_TRAFFIC("Network", "To consumers", "consumer_bytes_per_second", "B/s"),
  BROKER_IN("Network", "In, per broker", "broker_in_bytes_per_second", "B/s"),
  BROKER_OUT("Network", "Out, per broker", "broker_out_bytes_per_second", "B/s"),
  SLOTS("Flink", "Slots (parallelism)", "slots", "slots"),
  TASK_MANAGERS("Flink", "TaskManagers", "task_managers", "TaskManagers"),
  KEYED_STATE("Memory", "Keyed state", "keyed_state_bytes", "B"),
  MANAGED_MEMORY(
      "Memory", "Managed memory per TaskManager", "managed_memory_bytes_per_task_manager", "B");

  private final String section;
  private final String label;
  private final String jsonName;
  private final String unit;

  Measure(String section, String label, String jsonName, String unit) {
    this.section = section;
    this.label = label;
    this.jsonName = jsonName;
    this.unit = unit;
  }

  /** The heading the figure is printed under: Kafka, Storage, Network, Flink or Memory. */
  public String section() {
    return section;
  }

  public String label() {
    return label;
  }

  /** The figure's field in {@code --json}; its value is in {@link #unit()}. */
  public String jsonName() {
    return jsonName;
  }

  /** Base units (bytes, bytes per second, counts), so that machines need not parse "MB/s". */
  public String unit() {
    return unit;
  }
}
