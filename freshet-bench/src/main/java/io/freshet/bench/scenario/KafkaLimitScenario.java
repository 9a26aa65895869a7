package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.KafkaToolOutput.ConsumerSummary;
import io.freshet.bench.scenario.KafkaToolOutput.EndToEndSummary;
import io.freshet.bench.scenario.KafkaToolOutput.ProducerSummary;
import io.freshet.bench.scenario.TransactionPayloads.PayloadFile;
import io.freshet.pipelines.fraud.FraudTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code kafka-limit}: the broker's own ceiling on this machine, measured with Kafka's performance
 * tools at Freshet's record size and producer batching.
 */
public final class KafkaLimitScenario implements BenchScenario {
  public static final String NAME = "kafka-limit";

  static final String PRODUCER_TOOL = "org.apache.kafka.tools.ProducerPerformance";
  static final String CONSUMER_TOOL = "org.apache.kafka.tools.ConsumerPerformance";
  static final String END_TO_END_TOOL = "org.apache.kafka.tools.EndToEndLatency";

  /** Distinct envelopes in the payload file; the producer tool picks one at random per record. */
  static final int PAYLOAD_VARIANTS = 2_000;

  /**
   * EndToEndLatency sends one record and waits for it before the next, so its count bounds the
   * scenario's time (about 1–5 ms each here), not its input size.
   */
  static final int E2E_MESSAGES_FULL = 20_000;

  static final int E2E_MESSAGES_QUICK = 1_000;

  // Generous: a full produce of 2M records takes under a minute on the reference machine; the
  // limit only stops a hung tool from blocking the run forever.
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(30);

  // The consumer tool gives up after this long without a record (default 10 s); a busy shared
  // machine can stall longer, and the completeness check reports a short read anyway.
  private static final long CONSUMER_IDLE_TIMEOUT_MS = 60_000;

  private static final double MIB = 1024.0 * 1024.0;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Kafka's own produce and consume rate and end-to-end latency on this broker, at"
        + " Freshet's record size and batching (kafka-tools)";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    BenchOptions options = context.options();
    BenchKafka kafka = context.kafka();
    long records = options.size(2_000_000, 20_000);
    int e2eMessages =
        (int) Math.min(options.quick() ? E2E_MESSAGES_QUICK : E2E_MESSAGES_FULL, records);
    // As many partitions as Freshet's input topics, so the broker spreads the load the same way.
    int partitions = FraudTopics.TRANSACTIONS.partitions();
    Path dir = context.workDir().resolve(NAME);
    Files.createDirectories(dir);

    PayloadFile payloads =
        TransactionPayloads.write(dir.resolve("payloads.txt"), PAYLOAD_VARIANTS, options.seed());
    int recordBytes = (int) Math.round(payloads.meanBytes());
    String topic = kafka.createRawTopic(NAME, partitions);
    String e2eTopic = kafka.createRawTopic(NAME + "-e2e", partitions);

    List<String> producerArgs = producerArguments(kafka, topic, records, payloads.path());
    KafkaTool.Output produced =
        runTool(context.progress(), PRODUCER_TOOL, producerArgs, dir, records);
    ProducerSummary producer = produced.parse(KafkaToolOutput::parseProducer);
    IncompleteResultsException.requireEqual(
        "ProducerPerformance records acknowledged", records, producer.records());

    List<String> consumerArgs = consumerArguments(kafka, topic, records);
    KafkaTool.Output consumed =
        runTool(context.progress(), CONSUMER_TOOL, consumerArgs, dir, records);
    ConsumerSummary consumer = consumed.parse(KafkaToolOutput::parseConsumer);
    // The tool stops after an idle timeout with a warning and exit code 0; a short read would
    // make the rate meaningless.
    IncompleteResultsException.requireEqual(
        "ConsumerPerformance records consumed", records, consumer.messages());

    List<String> e2eArgs =
        List.of(
            kafka.bootstrapServers(),
            e2eTopic,
            Integer.toString(e2eMessages),
            BenchKafka.producerSettings().get(ProducerConfig.ACKS_CONFIG),
            Integer.toString(recordBytes));
    KafkaTool.Output e2eOutput =
        runTool(context.progress(), END_TO_END_TOOL, e2eArgs, dir, e2eMessages);
    // EndToEndLatency 4.1 prints no count: it exits non-zero unless every one of its records came
    // back intact, and the percentiles only exist once all were sent, so a parsed summary is a
    // complete one.
    EndToEndSummary e2e = e2eOutput.parse(KafkaToolOutput::parseEndToEnd);

    return result(
        options,
        records,
        e2eMessages,
        partitions,
        payloads,
        producer,
        consumer,
        e2e,
        List.of(produced, consumed, e2eOutput));
  }

  /** ProducerPerformance's arguments: unthrottled, Freshet's producer settings, the payloads. */
  static List<String> producerArguments(
      BenchKafka kafka, String topic, long records, Path payloadFile) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--topic",
            topic,
            "--num-records",
            Long.toString(records),
            "--throughput",
            "-1",
            "--payload-file",
            payloadFile.toString(),
            "--producer-props",
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + "=" + kafka.bootstrapServers()));
    // Sorted so the recorded command is the same on every run.
    new TreeMap<>(BenchKafka.producerSettings()).forEach((k, v) -> args.add(k + "=" + v));
    return args;
  }

  /** ConsumerPerformance's arguments: read exactly the records the producer wrote. */
  static List<String> consumerArguments(BenchKafka kafka, String topic, long records) {
    return List.of(
        "--bootstrap-server",
        kafka.bootstrapServers(),
        "--topic",
        topic,
        "--messages",
        Long.toString(records),
        "--timeout",
        Long.toString(CONSUMER_IDLE_TIMEOUT_MS));
  }

  private static KafkaTool.Output runTool(
      Progress progress, String mainClass, List<String> args, Path dir, long units)
      throws IOException, InterruptedException {
    String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    // The tools report only at the end; the step shows which one is running.
    Progress.Step step = progress.start(NAME + ": " + tool, units);
    KafkaTool.Output output = KafkaTool.run(mainClass, args, dir, TOOL_TIMEOUT);
    step.update(units);
    return output;
  }

  private static ScenarioResult result(
      BenchOptions options,
      long records,
      int e2eMessages,
      int partitions,
      PayloadFile payloads,
      ProducerSummary producer,
      ConsumerSummary consumer,
      EndToEndSummary e2e,
      List<KafkaTool.Output> outputs) {
    Map<String, String> settings = BenchKafka.producerSettings();
    double produceRate = producer.recordsPerSecond();
    double consumeRate = consumer.fetchMessagesPerSecond();
    double produceConsumeRate = 1.0 / (1.0 / produceRate + 1.0 / consumeRate);
    double consumedRecordBytes = consumer.mb() * MIB / consumer.messages();

    ScenarioResult.Builder result =
        new ScenarioResult.Builder(NAME, options.quick())
            .parameter("records", records)
            .parameter("record_bytes", round1(payloads.meanBytes()))
            .parameter("payload_variants", payloads.count())
            .parameter("partitions", partitions)
            .parameter("acks", settings.get(ProducerConfig.ACKS_CONFIG))
            .parameter("idempotence", settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
            .parameter("linger_ms", Integer.parseInt(settings.get(ProducerConfig.LINGER_MS_CONFIG)))
            .parameter(
                "batch_size", Integer.parseInt(settings.get(ProducerConfig.BATCH_SIZE_CONFIG)))
            .parameter("compression", settings.get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
            .parameter("e2e_messages", e2eMessages)
            .figure(Figures.PRODUCE_RATE, produceRate)
            .figure(Figures.CONSUME_RATE, consumeRate)
            .figure(Figures.PRODUCE_CONSUME_RATE, produceConsumeRate)
            .figure(Figures.KAFKA_E2E_P50, e2e.p50Ms())
            .figure(Figures.KAFKA_E2E_P99, e2e.p99Ms())
            .figure(Figures.KAFKA_E2E_P999, e2e.p999Ms())
            .figure("produce_mb_per_s", producer.mbPerSecond())
            .figure("consume_mb_per_s", consumer.fetchMbPerSecond())
            .figure("record_bytes", payloads.meanBytes());

    result.table(
        ResultTable.titled(
                NAME
                    + ": "
                    + records
                    + " records of "
                    + Math.round(payloads.meanBytes())
                    + " B, "
                    + partitions
                    + " partitions",
                "measure",
                "value",
                "unit")
            .row("produce rate", rate(produceRate), "rec/s")
            .row("produce throughput", fixed(producer.mbPerSecond(), 2), "MiB/s")
            .row(
                "producer send→ack p50 / p99 / p99.9",
                producer.p50Ms() + " / " + producer.p99Ms() + " / " + producer.p999Ms(),
                "ms")
            .row("consume rate (after group join)", rate(consumeRate), "rec/s")
            .row(
                "consume throughput (after group join)",
                fixed(consumer.fetchMbPerSecond(), 2),
                "MiB/s")
            .row("consume rate incl. group join", rate(consumer.messagesPerSecond()), "rec/s")
            .row("group join", Long.toString(consumer.rebalanceMs()), "ms")
            .row("produce + consume rate 1/(1/p + 1/c)", rate(produceConsumeRate), "rec/s")
            .row(
                "end-to-end p50 / p99 / p99.9 (" + e2eMessages + " sequential)",
                e2e.p50Ms() + " / " + e2e.p99Ms() + " / " + e2e.p999Ms(),
                "ms")
            .row("end-to-end mean", fixed(e2e.avgMs(), 2), "ms")
            .row("record value size (payload file mean)", fixed(payloads.meanBytes(), 1), "B")
            .row("record value size (as consumed)", fixed(consumedRecordBytes, 1), "B")
            .build());

    result
        .note(
            "producer: "
                + settings.get(ProducerConfig.ACKS_CONFIG)
                + " acks, idempotent, linger "
                + settings.get(ProducerConfig.LINGER_MS_CONFIG)
                + " ms, "
                + Integer.parseInt(settings.get(ProducerConfig.BATCH_SIZE_CONFIG)) / 1024
                + " KiB batches, "
                + settings.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)
                + ", unthrottled; values drawn at random from "
                + payloads.count()
                + " transaction envelopes shaped like the fraud workload's; records have no key (the tool sends none), so the"
                + " sticky partitioner fills one partition's batch at a time")
        .note(
            "consume rate is ConsumerPerformance's fetch.nMsg.sec: the one-off consumer group"
                + " join is left out, as Flink's Kafka source assigns partitions without a group")
        .note(
            "end-to-end: EndToEndLatency sends one "
                + Math.round(payloads.meanBytes())
                + " B record with acks=all, waits for the ack, then polls it back; it forces"
                + " linger 0, sends uncompressed, and truncates each latency to whole ms")
        .note("every tool ran in its own JVM (" + KafkaTool.HEAP + ") beside the broker");
    if (options.profile()) {
      result.note("the JFR recording covers this JVM (the broker), not the tools' own JVMs");
    }
    for (KafkaTool.Output output : outputs) {
      result.note(
          "command: java " + String.join(" ", KafkaTool.withoutClasspath(output.command())));
    }
    return result.build();
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
