package io.freshet.bench.scenario;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the final summary lines Kafka 4.1's performance tools print on stdout; each parser throws
 * {@link IllegalArgumentException} quoting the output when the summary is missing.
 */
public final class KafkaToolOutput {
  private static final String DECIMAL = "(-?[0-9]+(?:\\.[0-9]+)?|NaN|-?Infinity)";

  // ProducerPerformance prints this once, after the producer closed, so every record is acked.
  private static final Pattern PRODUCER_TOTAL =
      Pattern.compile(
          "^(\\d+) records sent, "
              + DECIMAL
              + " records/sec \\("
              + DECIMAL
              + " MB/sec\\), "
              + DECIMAL
              + " ms avg latency, "
              + DECIMAL
              + " ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms"
              + " 99\\.9th\\.$");

  // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
  // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  private static final Pattern CONSUMER_TOTAL =
      Pattern.compile(
          "^([^,]+), ([^,]+), "
              + DECIMAL
              + ", "
              + DECIMAL
              + ", (\\d+), "
              + DECIMAL
              + ", (-?\\d+), (-?\\d+), "
              + DECIMAL
              + ", "
              + DECIMAL
              + "$");

  private static final Pattern E2E_AVERAGE = Pattern.compile("^Avg latency: " + DECIMAL + " ms$");
  private static final Pattern E2E_PERCENTILES =
      Pattern.compile("^Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)$");

  private KafkaToolOutput() {}

  /**
   * ProducerPerformance's total line.
   *
   * @param mbPerSecond MiB (2^20 bytes) of record values per second
   * @param p50Ms send-to-ack latency percentiles of the producer, in whole milliseconds
   */
  public record ProducerSummary(
      long records,
      double recordsPerSecond,
      double mbPerSecond,
      double avgLatencyMs,
      double maxLatencyMs,
      long p50Ms,
      long p95Ms,
      long p99Ms,
      long p999Ms) {}

  /**
   * ConsumerPerformance's summary line (without {@code --show-detailed-stats}).
   *
   * @param messagesPerSecond over the whole run, including the consumer group join
   * @param rebalanceMs time until the group assigned partitions
   * @param fetchMessagesPerSecond over the run minus the group join: the reading rate alone
   */
  public record ConsumerSummary(
      String startTime,
      String endTime,
      double mb,
      double mbPerSecond,
      long messages,
      double messagesPerSecond,
      long rebalanceMs,
      long fetchMs,
      double fetchMbPerSecond,
      double fetchMessagesPerSecond) {}

  /**
   * EndToEndLatency's result: the tool truncates each latency to whole milliseconds.
   *
   * @param avgMs mean of the untruncated latencies
   */
  public record EndToEndSummary(double avgMs, long p50Ms, long p99Ms, long p999Ms) {}

  /** The last total line ProducerPerformance printed. */
  public static ProducerSummary parseProducer(String stdout) {
    Matcher m = lastMatch(PRODUCER_TOTAL, stdout, "ProducerPerformance");
    return new ProducerSummary(
        Long.parseLong(m.group(1)),
        Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)),
        Double.parseDouble(m.group(4)),
        Double.parseDouble(m.group(5)),
        Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)),
        Long.parseLong(m.group(8)),
        Long.parseLong(m.group(9)));
  }

  /** The summary line ConsumerPerformance printed after its header. */
  public static ConsumerSummary parseConsumer(String stdout) {
    Matcher m = lastMatch(CONSUMER_TOTAL, stdout, "ConsumerPerformance");
    return new ConsumerSummary(
        m.group(1),
        m.group(2),
        Double.parseDouble(m.group(3)),
        Double.parseDouble(m.group(4)),
        Long.parseLong(m.group(5)),
        Double.parseDouble(m.group(6)),
        Long.parseLong(m.group(7)),
        Long.parseLong(m.group(8)),
        Double.parseDouble(m.group(9)),
        Double.parseDouble(m.group(10)));
  }

  /** EndToEndLatency's average and percentile lines. */
  public static EndToEndSummary parseEndToEnd(String stdout) {
    Matcher avg = lastMatch(E2E_AVERAGE, stdout, "EndToEndLatency");
    Matcher pct = lastMatch(E2E_PERCENTILES, stdout, "EndToEndLatency");
    return new EndToEndSummary(
        Double.parseDouble(avg.group(1)),
        Long.parseLong(pct.group(1)),
        Long.parseLong(pct.group(2)),
        Long.parseLong(pct.group(3)));
  }

  private static Matcher lastMatch(Pattern pattern, String stdout, String tool) {
    Matcher found = null;
    // Line by line, so log lines or progress lines around the summary do not matter.
    for (String line : List.of(stdout.split("\\R"))) {
      Matcher m = pattern.matcher(line.strip());
      if (m.matches()) {
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          tool
              + " printed no line matching "
              + pattern.pattern()
              + "; its stdout was:\n"
              + (stdout.isBlank() ? "(empty)" : stdout));
    }
    return found;
  }
}
