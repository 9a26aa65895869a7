package io.freshet.runtime.cluster;

/**
 * The Kafka cluster as its Admin API sees it.
 *
 * @param brokersSeen live (registered, unfenced) brokers
 * @param brokersExpected brokers in the layout
 * @param partitions partitions of every topic, internal ones included
 * @param underReplicated partitions with fewer in-sync replicas than replicas
 * @param offline partitions without a leader, which take neither reads nor writes
 */
public record KafkaHealth(
    int brokersSeen, int brokersExpected, int partitions, int underReplicated, int offline) {

  /** Every broker is live and every partition fully replicated with a leader. */
  public boolean healthy() {
    return brokersSeen == brokersExpected && underReplicated == 0 && offline == 0;
  }
}
