package io.freshet.runtime.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings every Kafka node Freshet starts shares, the embedded one and a local
 * cluster's alike: declared topics only, the replication that protects acknowledged records, large
 * dead letters, and thread pools sized for a small machine.
 */
public final class BrokerDefaults {
  private BrokerDefaults() {}

  /** The settings for a cluster keeping {@code replicas} copies, {@code minInsync} in sync. */
  public static Map<String, String> shared(int replicas, int minInsync) {
    String copies = Integer.toString(replicas);
    String inSync = Integer.toString(minInsync);
    String maxBytes = Integer.toString(EmbeddedKafkaBroker.MAX_MESSAGE_BYTES);
    Map<String, String> props = new LinkedHashMap<>();
    // Topics are declared by Freshet, so a typo must fail instead of creating a stray topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("default.replication.factor", copies);
    props.put("min.insync.replicas", inSync);
    // A replica that missed writes must never become leader: that would drop acknowledged records.
    props.put("unclean.leader.election.enable", "false");
    props.put("message.max.bytes", maxBytes);
    // Kept equal to message.max.bytes so a maximal batch can always be replicated.
    props.put("replica.fetch.max.bytes", maxBytes);

    // Offsets and transaction state are as precious as the data: the same replication.
    props.put("offsets.topic.replication.factor", copies);
    props.put("transaction.state.log.replication.factor", copies);
    props.put("transaction.state.log.min.isr", inSync);
    props.put("share.coordinator.state.topic.replication.factor", copies);
    props.put("share.coordinator.state.topic.min.isr", inSync);
    // Defaults of 50 partitions cost seconds of segment creation on first use on a small box.
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("share.coordinator.state.topic.num.partitions", "4");

    // Thread pools sized for a 2-core machine rather than a dedicated broker host.
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("background.threads", "4");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("group.coordinator.threads", "1");
    props.put("share.coordinator.threads", "1");
    // The cleaner allocates its dedupe buffer up front; 128 MiB is out of proportion here.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    return props;
  }
}
