package io.freshet.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.LatencySummary;
import io.freshet.bench.harness.OpenLoopClient;
import io.freshet.bench.harness.ProductionTopics;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.pipelines.fraud.FraudKafkaIo;
import io.freshet.pipelines.fraud.FraudPipeline;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.testkit.fraud.GeneratedRecord;
import io.freshet.testkit.fraud.TransactionStream;
import io.freshet.testkit.kafka.TopicReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code decision-api}: a payment gateway's view of {@code POST /api/fraud/decisions} on a real
 * {@code freshet run} process, at a constant arrival rate of 1,000, 2,000 and 5,000 decisions/s
 * over 100,000 customers with history. Latency is measured by the client from when each request was
 * due (coordinated omission corrected, HdrHistogram), beside Kafka's own end-to-end p99 when {@code
 * kafka-limit} ran in the same bench run. Every answer must be a decision, one per transaction,
 * equal to the one the job then commits.
 */
public final class DecisionApiScenario implements BenchScenario {
  static final int[] RATES = {1_000, 2_000, 5_000};
  static final int FULL_SECONDS = 30;
  static final int QUICK_SECONDS = 1;
  static final int FULL_CUSTOMERS = 100_000;
  static final int QUICK_CUSTOMERS = 1_000;

  /** Transactions per customer loaded before the clock, so rules judge against real history. */
  static final int HISTORY_PER_CUSTOMER = 20;

  static final String TOKEN = "bench-decision-api-token";
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "decision-api";
  }

  @Override
  public String description() {
    return "POST /api/fraud/decisions at 1,000, 2,000 and 5,000/s on freshet run: client latency"
        + " (coordinated-omission corrected) beside Kafka's end-to-end p99";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    boolean quick = context.options().quick();
    Optional<ScenarioResult> skipped =
        ProductionTopics.skippedOnExternalBroker(context.kafka(), name(), quick);
    if (skipped.isPresent()) {
      return skipped.get();
    }
    FreshetRunProcess.requireCli();
    BenchKafka kafka = context.kafka();
    PipelineCatalog fraud = PipelineCatalog.of(new FraudPipeline());
    ProductionTopics.requireAbsent(kafka, fraud, name());
    int seconds = quick ? QUICK_SECONDS : FULL_SECONDS;
    int customers = quick ? QUICK_CUSTOMERS : FULL_CUSTOMERS;
    long history = (long) customers * HISTORY_PER_CUSTOMER;
    long measured = 0;
    for (int rate : RATES) {
      measured += (long) rate * seconds;
    }
    TransactionStream stream =
        FraudWorkloads.stream(context.options().seed() + 11, history + measured, customers);
    Iterator<GeneratedRecord> records = stream.iterator();

    Path dir =
        context.workDir().resolve("decision-api-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args =
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--no-demo",
            "--pipelines",
            "fraud",
            "--api-token",
            TOKEN,
            "--data-dir",
            dir.resolve("data").toString());
    ResultTable.Builder table =
        ResultTable.titled(
            "decision-api (client latency from when each request was due, ms)",
            "target rate",
            "achieved",
            "requests",
            "p50",
            "p90",
            "p99",
            "p99.9",
            "max",
            "server p50",
            "server p99",
            "202 after 10 s");
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name(), quick)
            .parameter("seconds_per_rate", seconds)
            .parameter("customers", customers)
            .parameter("history_transactions", history)
            .parameter("timeout_ms", 10_000);
    Map<String, TransactionDecision> served = new HashMap<>();
    DecisionCpu cpu = new DecisionCpu();
    List<String> pending = new ArrayList<>();
    try (FreshetRunProcess freshet =
        FreshetRunProcess.start(dir.resolve("run.log"), FreshetRunProcess.freePort(), args)) {
      freshet.awaitHealthy(START_DEADLINE);
      context
          .loader()
          .load(FraudTopics.TRANSACTIONS.name(), BenchRecord.of(limit(records, history)), history);
      awaitCaughtUp(kafka.admin(), FraudKafkaIo.GROUP_ID, FraudTopics.TRANSACTIONS.name());
      // Where each decision's CPU goes: freshet run, and the bench JVM with the broker and client.
      Optional<CpuWindow> cpuWindow = CpuWindow.of(freshet.pid());
      OpenLoopClient client =
          new OpenLoopClient(
              URI.create(
                  "http://localhost:" + freshet.httpPort() + "/api/fraud/decisions?timeout=10s"),
              TOKEN);
      for (int rate : RATES) {
        int count = rate * seconds;
        // Generated before the clock, so the generator's CPU is not in the latency.
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          bodies.add(records.next().value());
        }
        Optional<CpuWindow.Start> cpuStart = cpuWindow.map(CpuWindow::start);
        OpenLoopClient.Run run = client.post(bodies, rate);
        cpuStart.ifPresent(start -> start.end(rate, count, cpu));
        Histogram serverMicros = new Histogram(60_000_000L, 3);
        int late = 0;
        for (OpenLoopClient.Response response : run.responses()) {
          if (response.status() == 202) {
            // Not decided within the request's 10 s: fetched from its Location after the run.
            pending.add(JSON.readTree(response.body()).get("location").asText());
            late++;
            continue;
          }
          if (response.status() != 200) {
            throw new IncompleteResultsException(
                "decision-api at "
                    + rate
                    + "/s: a request was answered "
                    + response.status()
                    + ": "
                    + response.body());
          }
          JsonNode decision = JSON.readTree(response.body());
          serverMicros.recordValue(Math.round(decision.get("latency_ms").asDouble() * 1_000));
          if (served.put(
                  decision.get("transaction_id").asText(), TransactionDecisionCodec.read(decision))
              != null) {
            throw new IncompleteResultsException(
                "decision-api: two answers for " + decision.get("transaction_id").asText());
          }
        }
        LatencySummary client99 = LatencySummary.ofMicros(run.micros());
        LatencySummary server99 = LatencySummary.ofMicros(serverMicros);
        IncompleteResultsException.requireEqual(
            "answers at " + rate + "/s", count, client99.count());
        result.figure(prefix(rate) + ".pending_after_10s", late);
        String prefix = prefix(rate);
        result.figure(prefix + ".achieved_rps", run.achievedRate());
        result.figure(prefix + ".client.p50_ms", client99.p50());
        result.figure(prefix + ".client.p90_ms", client99.p90());
        result.figure(prefix + ".client.p99_ms", client99.p99());
        result.figure(prefix + ".client.p999_ms", client99.p999());
        result.figure(prefix + ".client.max_ms", client99.max());
        result.figure(prefix + ".server.p50_ms", server99.p50());
        result.figure(prefix + ".server.p99_ms", server99.p99());
        table.row(
            Format.count(rate),
            Format.count(run.achievedRate()),
            Format.count(count),
            Format.millis(client99.p50()),
            Format.millis(client99.p90()),
            Format.millis(client99.p99()),
            Format.millis(client99.p999()),
            Format.millis(client99.max()),
            Format.millis(server99.p50()),
            Format.millis(server99.p99()),
            Format.count(late));
      }
      for (String location : pending) {
        OpenLoopClient.Response response =
            client.getOne(URI.create("http://localhost:" + freshet.httpPort() + location));
        if (response.status() != 200) {
          throw new IncompleteResultsException(
              "decision-api: " + location + " answered " + response.status() + " after the run");
        }
        JsonNode decision = JSON.readTree(response.body());
        served.put(
            decision.get("transaction_id").asText(), TransactionDecisionCodec.read(decision));
      }
      requireServedEqualCommitted(kafka, served);
      freshet.stop(Duration.ofMinutes(2));
    } finally {
      ProductionTopics.delete(kafka, fraud);
    }
    IncompleteResultsException.requireEqual(
        "distinct decided transactions", measured, served.size());
    Optional<Double> kafkaP99 = context.baseline("kafka-limit", Figures.KAFKA_E2E_P99);
    kafkaP99.ifPresent(k -> result.figure("kafka_e2e_p99_ms", k));
    cpu.addFigures(result);
    return result
        .table(table.build())
        .table(cpu.table())
        .note(
            "client latency = response received - when the request was due at the constant rate"
                + " (so a stall delays every request scheduled during it); server = latency_ms the"
                + " API reports, request received -> decision read back from"
                + " transaction-decisions (read_uncommitted)")
        .note(
            "Kafka end-to-end p99 in this run (kafka-limit): "
                + kafkaP99.map(Format::millis).orElse("n/a (run kafka-limit in the same bench)")
                + " ms")
        .note(
            "every answer was a 200 decision or a 202 whose Location later answered one, one per"
                + " transaction, equal (but for decided_at) to the decision then committed to"
                + " transaction-decisions; 202 = not decided within the request's 10 s timeout")
        .build();
  }

  private static String prefix(int rate) {
    return "rate_" + rate;
  }

  /** Every served decision must be the one the job committed for that transaction. */
  private static void requireServedEqualCommitted(
      BenchKafka kafka, Map<String, TransactionDecision> served) {
    TransactionDecisionCodec codec = new TransactionDecisionCodec();
    Map<String, TransactionDecision> committed = new HashMap<>();
    try (TopicReader reader =
        kafka.committedReader(List.of(FraudTopics.TRANSACTION_DECISIONS.name()))) {
      reader.readUntil(
          (record, at) -> {
            TransactionDecision decision = codec.decode(record.value());
            if (served.containsKey(decision.transactionId())) {
              committed.put(decision.transactionId(), decision);
            }
          },
          () -> committed.size() >= served.size(),
          CATCH_UP_DEADLINE);
    }
    for (Map.Entry<String, TransactionDecision> answer : served.entrySet()) {
      TransactionDecision commit = committed.get(answer.getKey());
      if (commit == null || !commit.sameOutcome(answer.getValue())) {
        throw new IncompleteResultsException(
            "decision-api: served " + answer.getValue() + " but committed " + commit);
      }
    }
  }

  /** Waits until the job's committed offsets reach the end of its input. */
  private static void awaitCaughtUp(Admin admin, String group, String topic) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < FraudTopics.TRANSACTIONS.partitions(); p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      boolean caughtUp = true;
      for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        caughtUp &= at != null && at.offset() >= end.getValue().offset();
      }
      if (caughtUp) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IncompleteResultsException(
            "decision-api: the fraud job did not catch up on the history within "
                + CATCH_UP_DEADLINE);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static Iterator<GeneratedRecord> limit(Iterator<GeneratedRecord> records, long count) {
    return new Iterator<>() {
      long left = count;

      @Override
      public boolean hasNext() {
        return left > 0 && records.hasNext();
      }

      @Override
      public GeneratedRecord next() {
        left--;
        return records.next();
      }
    };
  }
}
