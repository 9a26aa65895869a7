package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.bench.scenario.KafkaToolOutput.ConsumerSummary;
import io.freshet.bench.scenario.KafkaToolOutput.EndToEndSummary;
import io.freshet.bench.scenario.KafkaToolOutput.ProducerSummary;
import org.junit.jupiter.api.Test;

/** Stdout captured from the kafka-tools 4.1.1 jar against a local KRaft broker. */
class KafkaToolOutputTest {

  @Test
  void readsProducerPerformanceTotal() {
    String stdout =
        """
        Reading payloads from: /tmp/wt-a-kl/payload.txt
        Number of messages read: 2000
        600000 records sent, 120457.7 records/sec (76.47 MB/sec), 126.68 ms avg latency, \
        746.00 ms max latency, 95 ms 50th, 302 ms 95th, 318 ms 99th, 328 ms 99.9th.
        """;

    assertThat(KafkaToolOutput.parseProducer(stdout))
        .isEqualTo(
            new ProducerSummary(600_000, 120457.7, 76.47, 126.68, 746.00, 95, 302, 318, 328));
  }

  @Test
  void producerWindowLinesAreNotTheTotal() {
    // The 5-second window lines lack the percentiles; only the final line has them.
    String stdout =
        """
        Reading payloads from: /tmp/wt-a-kl/payload.txt
        Number of messages read: 2000
        333261 records sent, 66162.6 records/sec (42.00 MB/sec), 164.0 ms avg latency, \
        1025.0 ms max latency.
        1200000 records sent, 125549.3 records/sec (79.71 MB/sec), 177.93 ms avg latency, \
        1025.00 ms max latency, 130 ms 50th, 508 ms 95th, 590 ms 99th, 638 ms 99.9th.
        """;

    assertThat(KafkaToolOutput.parseProducer(stdout))
        .isEqualTo(
            new ProducerSummary(1_200_000, 125549.3, 79.71, 177.93, 1025.00, 130, 508, 590, 638));
  }

  @Test
  void readsConsumerPerformanceSummary() {
    String stdout =
        """
        start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
        rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        2026-11-26 15:36:32:607, 2026-11-26 15:36:35:277, 126.9705, 47.5545, 200000, \
        74906.3670, 1263, 1407, 90.2420, 142146.4108
        """;

    assertThat(KafkaToolOutput.parseConsumer(stdout))
        .isEqualTo(
            new ConsumerSummary(
                "2026-11-26 15:36:32:607",
                "2026-11-26 15:36:35:277",
                126.9705,
                47.5545,
                200_000,
                74906.3670,
                1263,
                1407,
                90.2420,
                142146.4108));
  }

  @Test
  void consumerTimeoutStillReportsTheShortCount() {
    // Asked for 900000 of a topic holding 800000: the tool warns, exits 0 and reports 800000,
    // which the scenario's completeness check rejects.
    String stdout =
        """
        start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
        rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        WARNING: Exiting before consuming the expected number of messages: timeout (10000 ms) \
        exceeded. You can use the --timeout option to increase the timeout.
        2026-11-26 15:37:48:586, 2026-11-26 15:38:01:307, 507.8831, 39.9248, 800000, \
        62888.1377, 517, 12204, 41.6161, 65552.2779
        """;

    ConsumerSummary summary = KafkaToolOutput.parseConsumer(stdout);

    assertThat(summary.messages()).isEqualTo(800_000);
    assertThat(summary.fetchMessagesPerSecond()).isEqualTo(65552.2779);
  }

  @Test
  void readsEndToEndLatencyPercentiles() {
    String stdout =
        """
        Topic "t2" does not exist. Will create topic with 1 partition(s) and replication factor = 1
        0	98.607905
        Avg latency: 4.9157 ms
        Percentiles: 50th = 3, 99th = 25, 99.9th = 98
        """;

    assertThat(KafkaToolOutput.parseEndToEnd(stdout))
        .isEqualTo(new EndToEndSummary(4.9157, 3, 25, 98));
  }

  @Test
  void missingSummaryNamesTheToolAndQuotesItsOutput() {
    String stdout = "Reading payloads from: /tmp/payloads.txt\nNumber of messages read: 2000\n";

    assertThatThrownBy(() -> KafkaToolOutput.parseProducer(stdout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ProducerPerformance printed no line matching")
        .hasMessageContaining("Number of messages read: 2000");
    assertThatThrownBy(() -> KafkaToolOutput.parseEndToEnd("0\t98.6\nAvg latency: 4.9 ms\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EndToEndLatency");
    assertThatThrownBy(() -> KafkaToolOutput.parseConsumer("")).hasMessageContaining("(empty)");
  }
}
