package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.runtime.metrics.CheckpointStateCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real MiniCluster, the metrics collector counts a checkpoint triggered while the job's task
 * is still initialising as declined while starting, and one whose snapshot fails as a failure; the
 * two add up to what Flink counts as failed.
 */
class CheckpointFailureClassificationTest {
  private static final String JOB = "gated";

  @TempDir Path dir;

  @Test
  void aCheckpointWhileTheTaskStartsIsDeclinedAndAFailedSnapshotIsAFailure() throws Exception {
    // Given a job whose only task waits in its initialisation until a gate file exists, on a
    // cluster that checkpoints only when asked (the interval is 10 minutes, so nothing paces)
    FlinkSettings settings =
        new FlinkSettings(
            1, Duration.ofMinutes(10), dir.resolve("checkpoints"), StateBackendKind.HEAP);
    Path gates = Files.createDirectories(dir.resolve("gates"));
    try (EmbeddedFlink flink = EmbeddedFlink.start(settings, 1, ManagedMemory.DEFAULT, 0)) {
      FlinkJobSpec spec =
          new FlinkJobSpec(
              JOB,
              env ->
                  env.fromSource(
                          new DataGeneratorSource<>(
                              i -> i,
                              Long.MAX_VALUE,
                              RateLimiterStrategy.perSecond(20),
                              Types.LONG),
                          WatermarkStrategy.noWatermarks(),
                          "numbers")
                      .map(new Gated(gates.toString()))
                      .sinkTo(new DiscardingSink<>()));
      flink.submit(spec);
      CheckpointStateCollector collector = new CheckpointStateCollector(flink.restAddress());
      await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(gates.resolve(Gated.WAITING)));

      // When a checkpoint is triggered while the task waits at the gate
      assertThatThrownBy(() -> flink.checkpoint(spec.jobId()).get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class);

      // Then it is declined while starting, not failed
      MetricSnapshots whileStarting = collector.collect();
      assertThat(count(whileStarting, CheckpointStateCollector.FAILED)).isZero();
      assertThat(count(whileStarting, CheckpointStateCollector.DECLINED_STARTING)).isEqualTo(1);

      // When the gate opens, checkpoints complete, and then one snapshot fails
      Files.createFile(gates.resolve(Gated.OPEN));
      await()
          .atMost(Duration.ofMinutes(1))
          .ignoreExceptions()
          .until(() -> flink.checkpoint(spec.jobId()).get(1, TimeUnit.MINUTES) > 0);
      Files.createFile(gates.resolve(Gated.FAIL_NEXT_SNAPSHOT));
      assertThatThrownBy(() -> flink.checkpoint(spec.jobId()).get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class);

      // Then exactly that one is a failure, and failures and declines add up to Flink's count
      // (waiting for the task to run may have been declined more than once)
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                MetricSnapshots scraped = collector.collect();
                long failed = count(scraped, CheckpointStateCollector.FAILED);
                long declined = count(scraped, CheckpointStateCollector.DECLINED_STARTING);
                assertThat(failed).isEqualTo(1);
                assertThat(declined).isPositive();
                assertThat(failed + declined).isEqualTo(flinkFailed(flink, spec));
              });
    }
  }

  private static long count(MetricSnapshots scraped, String name) {
    for (MetricSnapshot s : scraped) {
      if (s.getMetadata().getName().equals(name)) {
        return s.getDataPoints().stream()
            .map(CounterSnapshot.CounterDataPointSnapshot.class::cast)
            .filter(p -> JOB.equals(p.getLabels().get("pipeline")))
            .mapToLong(p -> (long) p.getValue())
            .sum();
      }
    }
    throw new AssertionError("no " + name + " in the scrape");
  }

  private static long flinkFailed(EmbeddedFlink flink, FlinkJobSpec spec) throws Exception {
    HttpResponse<String> stats =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(flink.restAddress() + "/jobs/" + spec.jobId() + "/checkpoints"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(stats.body()).path("counts").path("failed").asLong();
  }

  /**
   * Passes numbers on; its task stays initialising until the file {@link #OPEN} exists in the gate
   * directory, and its next snapshot fails once {@link #FAIL_NEXT_SNAPSHOT} exists there.
   */
  private static final class Gated extends RichMapFunction<Long, Long>
      implements CheckpointedFunction {
    static final String WAITING = "waiting";
    static final String OPEN = "open";
    static final String FAIL_NEXT_SNAPSHOT = "fail-next-snapshot";

    private final String gates;

    Gated(String gates) {
      this.gates = gates;
    }

    @Override
    public void open(OpenContext context) throws Exception {
      Path dir = Path.of(gates);
      try (WatchService watch = FileSystems.getDefault().newWatchService()) {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        // Registered before the check, so a gate opened in between is not missed.
        Files.writeString(dir.resolve(WAITING), "");
        while (!Files.exists(dir.resolve(OPEN))) {
          watch.take().reset();
        }
      }
    }

    @Override
    public Long map(Long value) {
      return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws IOException {
      if (Files.deleteIfExists(Path.of(gates, FAIL_NEXT_SNAPSHOT))) {
        throw new IOException("snapshot " + context.getCheckpointId() + " fails, as asked");
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
      // Nothing to restore: the function only gates and fails on request.
    }
  }
}
