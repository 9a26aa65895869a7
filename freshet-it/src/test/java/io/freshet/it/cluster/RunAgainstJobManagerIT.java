package io.freshet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.it.FreshetProcess;
import io.freshet.runtime.flink.EmbeddedFlink;
import io.freshet.runtime.flink.FlinkJobSpec;
import io.freshet.runtime.flink.FlinkSettings;
import io.freshet.runtime.flink.ManagedMemory;
import io.freshet.runtime.flink.StateBackendKind;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.testkit.postgres.PostgresCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code freshet run --bootstrap-servers … --jobmanager …} as a process against a Flink cluster it
 * did not start (a MiniCluster's REST endpoint here, on a free port) that runs a job named {@code
 * fraud-detection} and none named {@code iot-monitoring}: health and status report the one RUNNING
 * and the other NOT_SUBMITTED with the command that submits it, nothing is submitted, and the start
 * is refused, with what to do, without {@code --bootstrap-servers}, with the DuckDB store or with a
 * JobManager that does not answer.
 */
class RunAgainstJobManagerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void servesTheClustersJobsAndReportsTheMissingOneAsNotSubmitted() throws Exception {
    FlinkSettings settings =
        new FlinkSettings(
            1, Duration.ofMinutes(10), work.resolve("cluster-checkpoints"), StateBackendKind.HEAP);
    try (EmbeddedKafkaBroker broker =
            new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.defaults(work.resolve("kafka")).withPorts(0, 0))
                .start();
        PostgresCluster postgres = PostgresCluster.start();
        EmbeddedFlink cluster = EmbeddedFlink.start(settings, 1, ManagedMemory.DEFAULT, 0)) {
      // Given a cluster running a job under the fraud pipeline's name, and none for iot
      cluster.submit(
          new FlinkJobSpec(
              "fraud-detection",
              env ->
                  env.fromSource(
                          new DataGeneratorSource<>(
                              i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1), Types.LONG),
                          WatermarkStrategy.noWatermarks(),
                          "numbers")
                      .sinkTo(new DiscardingSink<>())));
      String jobManager = "localhost:" + cluster.restAddress().getPort();
      String bootstrap = broker.bootstrapServers();
      String store = postgres.newStoreUrl();
      int httpPort = FreshetProcess.freePort();

      // When freshet run serves the fraud and iot pipelines against it
      Path log = work.resolve("run.log");
      Process freshet =
          FreshetProcess.start(
              log,
              "run",
              "--no-demo",
              "--pipelines",
              "fraud,iot",
              "--data-dir",
              work.resolve("data").toString(),
              "--bootstrap-servers",
              bootstrap,
              "--jobmanager",
              jobManager,
              "--store",
              store,
              "--http-port",
              Integer.toString(httpPort));
      try {
        // Then health reports each job's state on the cluster, exactly
        AtomicReference<JsonNode> answered = new AtomicReference<>();
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  if (!freshet.isAlive()) {
                    throw new AssertionError("freshet run exited early:\n" + Files.readString(log));
                  }
                  String body = FreshetProcess.get(httpPort, "/api/health");
                  if (!body.startsWith("{")) {
                    return false;
                  }
                  answered.set(JSON.readTree(body));
                  return "RUNNING"
                      .equals(answered.get().at("/components/job:fraud-detection/state").asText());
                });
        JsonNode health = answered.get();
        assertThat(health.path("status").asText()).isEqualTo("STARTING");
        assertThat(health.at("/components/kafka/healthy").asBoolean()).isTrue();
        assertThat(health.at("/components/job:fraud-detection/healthy").asBoolean()).isTrue();
        assertThat(health.at("/components/job:iot-monitoring/state").asText())
            .isEqualTo("NOT_SUBMITTED");
        assertThat(health.at("/components/job:iot-monitoring/healthy").asBoolean()).isFalse();
        assertThat(health.at("/components/job:iot-monitoring/detail").asText())
            .isEqualTo(
                "no job named 'iot-monitoring' on the Flink cluster at "
                    + jobManager
                    + "; submit it with: freshet submit iot-monitoring --jobmanager "
                    + jobManager);

        // and status says the same per pipeline
        JsonNode status = JSON.readTree(FreshetProcess.get(httpPort, "/api/status"));
        List<String> states = new ArrayList<>();
        status
            .path("pipelines")
            .forEach(p -> states.add(p.path("name").asText() + "=" + p.path("state").asText()));
        assertThat(states)
            .containsExactlyInAnyOrder("fraud-detection=RUNNING", "iot-monitoring=NOT_SUBMITTED");

        // and nothing was submitted, no MiniCluster started: the cluster still has its one job
        String cli = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(cli).contains("  Flink      http://" + jobManager + "/ (Flink ");
        assertThat(cli).doesNotContain("MiniCluster");
        assertThat(cluster.jobStatuses()).containsOnlyKeys("fraud-detection");
      } finally {
        freshet.destroy();
        assertThat(freshet.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      // When run is given no --bootstrap-servers and the default DuckDB store, it refuses both
      Outcome refused =
          run(
              "refused.log",
              "run",
              "--no-demo",
              "--data-dir",
              work.resolve("data-2").toString(),
              "--jobmanager",
              jobManager);
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.output())
          .contains("--jobmanager needs --bootstrap-servers")
          .contains("pass --store jdbc:postgresql://");

      // When the JobManager does not answer, it refuses to start, naming the address
      String nobody = "localhost:" + FreshetProcess.freePort();
      Outcome unreachable =
          run(
              "unreachable.log",
              "run",
              "--no-demo",
              "--data-dir",
              work.resolve("data-3").toString(),
              "--bootstrap-servers",
              bootstrap,
              "--store",
              store,
              "--http-port",
              Integer.toString(FreshetProcess.freePort()),
              "--jobmanager",
              nobody);
      assertThat(unreachable.exitCode()).isEqualTo(1);
      assertThat(unreachable.output())
          .contains("The Flink JobManager at " + nobody + " (--jobmanager) does not answer");
    }
  }

  /** How a command that should exit at once ended. */
  private record Outcome(int exitCode, String output) {}

  private Outcome run(String logName, String... args) throws Exception {
    Path log = work.resolve(logName);
    Process process = FreshetProcess.start(log, args);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("freshet " + String.join(" ", args) + " did not exit");
    }
    return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
