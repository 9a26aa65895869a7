package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.freshet.pipelines.metrics.FreshetMetrics;
import io.freshet.runtime.metrics.FlinkRestMetricsCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteFlink} against a real Flink REST endpoint (a MiniCluster's, started here): a job
 * found by its name, a name with no job reported as not submitted with the command that submits it,
 * and a JobManager that does not answer refused or reported, naming its address.
 */
class RemoteFlinkTest {
  private static final String JOB = "tiny-pipeline";

  @TempDir Path dir;

  @Test
  void readsTheJobsOfAClusterByNameThroughItsRestApi() throws Exception {
    FlinkSettings settings =
        new FlinkSettings(
            1, Duration.ofMinutes(10), dir.resolve("checkpoints"), StateBackendKind.HEAP);
    EmbeddedFlink cluster = EmbeddedFlink.start(settings, 1, ManagedMemory.DEFAULT, 0);
    try {
      // Given a cluster running one job under a known name
      cluster.submit(
          new FlinkJobSpec(
              JOB,
              env ->
                  env.fromSource(
                          new DataGeneratorSource<>(
                              i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1), Types.LONG),
                          WatermarkStrategy.noWatermarks(),
                          "numbers")
                      .map(new Counted())
                      .sinkTo(new DiscardingSink<>())));
      String jobManager = "localhost:" + cluster.restAddress().getPort();

      // When the platform connects to its REST API
      RemoteFlink remote = RemoteFlink.connect(jobManager);

      // Then the job is found by name, RUNNING once it runs, and only it
      assertThat(remote.overview().taskManagers()).isEqualTo(1);
      assertThat(remote.restAddress().toString()).isEqualTo("http://" + jobManager + "/");
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> remote.jobStatuses().get(JOB) == JobStatus.RUNNING);
      assertThat(remote.jobStatuses()).containsOnlyKeys(JOB);
      // and a pipeline without a job says so, with the command that submits it
      assertThat(remote.jobStatuses()).doesNotContainKey("absent-pipeline");
      assertThat(remote.missingJob("absent-pipeline"))
          .isEqualTo(
              new FlinkCluster.MissingJob(
                  "NOT_SUBMITTED",
                  "no job named 'absent-pipeline' on the Flink cluster at "
                      + jobManager
                      + "; submit it with: freshet submit absent-pipeline --jobmanager "
                      + jobManager));

      // and the figures the status reads come from its REST metrics, labelled like the reporter's
      FlinkRestMetricsCollector metrics = new FlinkRestMetricsCollector(remote.restAddress());
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Map<String, Double> scraped = values(metrics.collect());
                assertThat(scraped.get("freshet_records_in{pipeline=tiny-pipeline}"))
                    .isNotNull()
                    .isPositive();
                assertThat(
                        scraped.get(
                            "freshet_dead_letters{error_type=MALFORMED,pipeline=tiny-pipeline}"))
                    .isNotNull()
                    .isPositive();
                assertThat(scraped)
                    .containsKeys(
                        "flink_jobmanager_job_numberOfCompletedCheckpoints{job_name=tiny-pipeline}",
                        "flink_taskmanager_job_task_busyTimeMsPerSecond{job_name=tiny-pipeline,"
                            + "task_name=Source: numbers -> Map -> Sink: Writer}");
              });

      // When the cluster goes away, reading it fails naming its address, not with stale RUNNING
      cluster.close();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(remote::jobStatuses)
                      .isInstanceOf(FlinkUnavailableException.class)
                      .hasMessageContaining("http://" + jobManager + "/"));
    } finally {
      cluster.close();
    }
  }

  /** Every data point as {@code name{k=v,...}} and its value. */
  private static Map<String, Double> values(MetricSnapshots snapshots) {
    Map<String, Double> values = new TreeMap<>();
    for (MetricSnapshot snapshot : snapshots) {
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        StringBuilder key = new StringBuilder(snapshot.getMetadata().getName()).append('{');
        for (int i = 0; i < point.getLabels().size(); i++) {
          key.append(i == 0 ? "" : ",")
              .append(point.getLabels().getName(i))
              .append('=')
              .append(point.getLabels().getValue(i));
        }
        double value =
            point instanceof CounterSnapshot.CounterDataPointSnapshot c
                ? c.getValue()
                : ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue();
        values.put(key.append('}').toString(), value);
      }
    }
    return values;
  }

  /** Counts every record in and, as a dead letter, every tenth, as Freshet's operators do. */
  private static final class Counted extends RichMapFunction<Long, Long> {
    private transient Counter recordsIn;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
      MetricGroup metrics = FreshetMetrics.of(getRuntimeContext().getMetricGroup());
      recordsIn = metrics.counter(FreshetMetrics.RECORDS_IN);
      deadLetters =
          metrics.addGroup("error_type", "MALFORMED").counter(FreshetMetrics.DEAD_LETTERS);
    }

    @Override
    public Long map(Long value) {
      recordsIn.inc();
      if (value % 10 == 0) {
        deadLetters.inc();
      }
      return value;
    }
  }

  @Test
  void ofTwoJobsOfOneNameTheUnfinishedOneThenTheNewestStandsForThePipeline() {
    RemoteFlink.Job cancelled = new RemoteFlink.Job(JOB, JobStatus.CANCELED, 2_000);
    RemoteFlink.Job running = new RemoteFlink.Job(JOB, JobStatus.RUNNING, 1_000);
    RemoteFlink.Job failedLater = new RemoteFlink.Job(JOB, JobStatus.FAILED, 3_000);
    // A resubmitted job runs while the cancelled one stays in the history, newer or not.
    assertThat(RemoteFlink.preferred(cancelled, running)).isEqualTo(running);
    assertThat(RemoteFlink.preferred(running, failedLater)).isEqualTo(running);
    // Of finished ones, the newest tells what happened last.
    assertThat(RemoteFlink.preferred(failedLater, cancelled)).isEqualTo(failedLater);
    assertThat(RemoteFlink.preferred(cancelled, failedLater)).isEqualTo(failedLater);
  }

  @Test
  void aJobManagerThatDoesNotAnswerIsRefusedNamingItsAddress() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String jobManager = "localhost:" + port;
    assertThatThrownBy(() -> RemoteFlink.connect(jobManager))
        .isInstanceOf(FlinkUnavailableException.class)
        .hasMessageStartingWith(
            "The Flink JobManager at " + jobManager + " (--jobmanager) does not answer");
  }
}
