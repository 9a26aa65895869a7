package io.freshet.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.ProductionTopics;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.testkit.fraud.TransactionStream;
import io.freshet.testkit.kafka.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code platform-throughput}: the shipped process against the job. One backlog of transactions is
 * decided twice in one bench run: by the fraud job alone on the MiniCluster with the serving store
 * discarded (as {@code fraud-throughput}), and by a real {@code freshet run --no-demo} process with
 * every pipeline and the DuckDB serving store, the backlog produced before its clock by an external
 * producer; its clock runs from health UP until the last decision is committed to Kafka and in the
 * store.
 */
public final class PlatformThroughputScenario implements BenchScenario {
  static final long FULL_EVENTS = 2_000_000;
  static final long QUICK_EVENTS = 20_000;
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "platform-throughput";
  }

  @Override
  public String description() {
    return "freshet run (all pipelines, serving store on) catching up on a fraud backlog, beside"
        + " the fraud job alone with the store discarded";
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
    PipelineCatalog all = PipelineCatalog.discovered();
    ProductionTopics.requireAbsent(kafka, all, name());
    long events = context.options().size(FULL_EVENTS, QUICK_EVENTS);
    if (events > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name() + ": at most " + Integer.MAX_VALUE + " events");
    }
    int customers = FraudThroughputScenario.customersFor(events);
    TransactionBacklog backlog = TransactionBacklog.of(context, events, customers);

    FraudThroughputScenario.Measured job =
        FraudThroughputScenario.measure(
            context, backlog, name() + "-job", context.options().stateBackend());

    kafka.createTopic(FraudTopics.TRANSACTIONS);
    context
        .loader()
        .load(
            FraudTopics.TRANSACTIONS.name(), BenchRecord.of(backlog.workload().iterator()), events);
    Path dir =
        context.workDir().resolve(name() + "-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args =
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--no-demo",
            "--data-dir",
            dir.resolve("data").toString(),
            "--state-backend",
            context.options().stateBackend().name(),
            "--managed-memory",
            context.options().managedMemory().toString());
    double platformSeconds;
    double storeLagSeconds;
    try (FreshetRunProcess freshet =
        FreshetRunProcess.start(dir.resolve("run.log"), FreshetRunProcess.freePort(), args)) {
      long healthy = freshet.awaitHealthy(START_DEADLINE);
      BitSet decided = new BitSet((int) events);
      TransactionDecisionCodec codec = new TransactionDecisionCodec();
      try (TopicReader reader =
          kafka.committedReader(List.of(FraudTopics.TRANSACTION_DECISIONS.name()))) {
        reader.readUntil(
            (record, at) -> {
              long seq = TransactionStream.sequenceOf(codec.decode(record.value()).transactionId());
              if (seq < 0 || seq >= events || decided.get((int) seq)) {
                throw new IncompleteResultsException(
                    name() + ": unexpected or repeated decision at offset " + record.offset());
              }
              decided.set((int) seq);
            },
            () -> decided.cardinality() >= events || !freshet.isAlive(),
            OUTPUT_DEADLINE);
      }
      long committed = System.nanoTime();
      IncompleteResultsException.requireEqual(
          "decisions committed by freshet run", events, decided.cardinality());
      awaitStoreCount(freshet.httpPort(), events);
      long stored = System.nanoTime();
      platformSeconds = (stored - healthy) / 1e9;
      storeLagSeconds = (stored - committed) / 1e9;
      freshet.stop(Duration.ofMinutes(2));
    } finally {
      ProductionTopics.delete(kafka, all);
    }
    double jobRate = job.rate();
    double platformRate = events / platformSeconds;
    ResultTable table =
        ResultTable.titled(
                "platform-throughput", "run", "events", "seconds", "events/s", "vs job alone")
            .row(
                "fraud job alone, store discarded (MiniCluster)",
                Format.count(events),
                Format.seconds(job.seconds()),
                Format.count(jobRate),
                "1.00")
            .row(
                "freshet run: all pipelines, DuckDB store",
                Format.count(events),
                Format.seconds(platformSeconds),
                Format.count(platformRate),
                Format.ratio(Optional.of(platformRate / jobRate)))
            .build();
    return new ScenarioResult.Builder(name(), quick)
        .parameter("events", events)
        .parameter("customers", customers)
        .parameter("state_backend", context.options().stateBackend().label())
        .figure("job_throughput_eps", jobRate)
        .figure("platform_throughput_eps", platformRate)
        .figure("platform_over_job", platformRate / jobRate)
        .figure("store_after_commit_seconds", storeLagSeconds)
        .table(table)
        .note(
            "freshet run clock: health UP (every job RUNNING) until every decision was committed to"
                + " transaction-decisions and counted in the serving table transaction_decisions;"
                + " the backlog was produced to transactions before the process started")
        .note("job clock: as fraud-throughput, job submission until its last output was committed")
        .build();
  }

  /** Waits until the serving table holds {@code events} decisions, asked through /api/sql. */
  private static void awaitStoreCount(int httpPort, long events)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest count =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/sql"))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString("select count(*) from transaction_decisions"))
            .build();
    long deadline = System.nanoTime() + OUTPUT_DEADLINE.toNanos();
    long stored = -1;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = http.send(count, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        JsonNode rows = JSON.readTree(response.body()).get("rows");
        stored = rows.get(0).get(0).asLong();
        if (stored >= events) {
          IncompleteResultsException.requireEqual("decisions in the store", events, stored);
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IncompleteResultsException(
        "platform-throughput: the store holds " + stored + " of " + events + " decisions");
  }
}
