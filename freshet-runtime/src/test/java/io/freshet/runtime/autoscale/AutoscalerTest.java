package io.freshet.runtime.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.freshet.core.scaling.ScalingEvaluator;
import io.freshet.core.scaling.ScalingPolicy;
import io.freshet.runtime.flink.FlinkRest;
import io.freshet.runtime.flink.FlinkRest.JobVertex;
import io.freshet.runtime.flink.FlinkRest.ParallelismBounds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler against a real Flink: a MiniCluster with the adaptive scheduler and two
 * TaskManagers of two slots, as {@code freshet cluster up} runs, and an unbounded job at
 * parallelism 1; the lag is a figure the test sets, as Kafka's is read by the cluster test.
 */
class AutoscalerTest {
  private static final String JOB = "autoscale-test";
  private static final Duration RESCALE_TIMEOUT = Duration.ofMinutes(2);

  private MiniCluster cluster;
  private FlinkRest rest;
  private String jobId;

  @BeforeEach
  void startAJobAtParallelismOne() throws Exception {
    Configuration conf = new Configuration();
    conf.setString("jobmanager.scheduler", "adaptive");
    // Flink's own pause between rescales (30 s by default) would only slow the test down.
    conf.setString("jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling", "0 ms");
    conf.setString("rest.bind-address", "localhost");
    conf.setString("rest.port", "0");
    conf.setString("jobmanager.bind-host", "localhost");
    conf.setString("taskmanager.bind-host", "localhost");
    conf.setString("taskmanager.memory.network.min", "32m");
    conf.setString("taskmanager.memory.network.max", "32m");
    conf.setString("taskmanager.memory.managed.size", "16m");
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(2)
                .build());
    cluster.start();
    rest = new FlinkRest(cluster.getRestAddress().get(10, TimeUnit.SECONDS));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    // The adaptive scheduler rescales a checkpointed job on its next checkpoint.
    env.enableCheckpointing(500);
    env.fromSource(
            new DataGeneratorSource<>(
                i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(10), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        // Two vertices, so the rescale must reach each of them.
        .rebalance()
        .map(i -> i * 2)
        .returns(Types.LONG)
        .sinkTo(new DiscardingSink<>());
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(JOB);
    jobId = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID().toHexString();
    await().atMost(Duration.ofMinutes(1)).until(() -> rest.progress(jobId).allTasksRunning());
  }

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theRescaleRequestRunsEveryVertexAtTheNewParallelism() throws Exception {
    // Given the job's two vertices at parallelism 1
    assertThat(rest.vertices(jobId)).extracting(JobVertex::parallelism).containsExactly(1, 1);

    // When rescaled to 2 through the resource requirements
    Duration took = new JobRescaler(rest).rescale(jobId, 2, RESCALE_TIMEOUT);

    // Then every vertex runs at 2, all tasks RUNNING, in the same job
    List<JobVertex> vertices = rest.vertices(jobId);
    assertThat(vertices).extracting(JobVertex::parallelism).containsExactly(2, 2);
    assertThat(vertices).extracting(JobVertex::status).containsOnly("RUNNING");
    assertThat(rest.progress(jobId).state()).isEqualTo("RUNNING");
    assertThat(took).isPositive().isLessThan(RESCALE_TIMEOUT);
    // and the scheduler holds the requirements asked for
    assertThat(rest.resourceRequirements(jobId).values()).containsOnly(new ParallelismBounds(1, 2));
  }

  @Test
  void theAutoscalerScalesTheJobUpOnLagAndDownWhenCalm() throws Exception {
    // Given a policy that acts at once (no waiting, no cooldown) on an input of 2 partitions,
    // and the job 50,000 records behind
    ScalingPolicy atOnce =
        new ScalingPolicy(10_000, 2, Duration.ZERO, Duration.ZERO, 4, 1, 2, Duration.ZERO);
    AtomicLong lag = new AtomicLong(50_000);
    Autoscaler autoscaler =
        new Autoscaler(
            rest, JOB, lag::get, new ScalingEvaluator(atOnce), Clock.systemUTC(), RESCALE_TIMEOUT);

    // When it steps
    Autoscaler.Step up = autoscaler.step();

    // Then it scaled the job up to the input's 2 partitions and says how long that took
    assertThat(up.jobId()).isEqualTo(jobId);
    assertThat(up.sample().parallelism()).isEqualTo(1);
    assertThat(up.lagPerTaskManager()).isEqualTo(50_000);
    assertThat(up.decision().target()).isEqualTo(2);
    assertThat(up.rescaleTook()).isPresent();
    assertThat(rest.vertices(jobId)).extracting(JobVertex::parallelism).containsOnly(2);

    // When the lag is gone and it steps again
    lag.set(0);
    Autoscaler.Step down = autoscaler.step();

    // Then the job is back at 1, every task running
    assertThat(down.sample().parallelism()).isEqualTo(2);
    assertThat(down.decision().target()).isEqualTo(1);
    assertThat(rest.vertices(jobId)).extracting(JobVertex::parallelism).containsOnly(1);
    assertThat(rest.progress(jobId).allTasksRunning()).isTrue();
  }
}
