package io.freshet.bench;

import io.freshet.bench.harness.BacklogLoader;
import io.freshet.bench.harness.BenchFlink;
import io.freshet.bench.harness.BenchJob;
import io.freshet.bench.harness.BenchKafka;
import io.freshet.bench.harness.JfrProfiler;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What scenarios of one run share: options, the cluster, the Flink MiniCluster, a scratch
 * directory, backlogs already loaded, and results measured so far (for ratios). Broker and
 * MiniCluster are null when no scenario of the run {@linkplain BenchScenario#needsCluster needs}
 * them.
 */
public final class BenchContext {
  /** Parallelism of every benchmark job, the machine's two cores. */
  public static final int PARALLELISM = 2;

  private final BenchOptions options;
  private final BenchKafka kafka;
  private final BenchFlink flink;
  private final Path workDir;
  private final Progress progress;
  private final Map<String, ScenarioResult> baselines;
  private final Map<String, ScenarioResult> results = new LinkedHashMap<>();
  private final Map<String, Object> backlogs = new HashMap<>();
  private final List<ResultTable> profiles = new ArrayList<>();

  /**
   * A context of one run; {@code kafka} and {@code flink} are null when none of its scenarios
   * {@linkplain BenchScenario#needsCluster() uses them}.
   */
  public BenchContext(
      BenchOptions options,
      BenchKafka kafka,
      BenchFlink flink,
      Path workDir,
      Progress progress,
      Map<String, ScenarioResult> previousResults) {
    this.options = options;
    this.kafka = kafka;
    this.flink = flink;
    this.workDir = workDir;
    this.progress = progress;
    this.baselines = new HashMap<>(previousResults);
  }

  public BenchOptions options() {
    return options;
  }

  /**
   * The bench's broker.
   *
   * @throws IllegalStateException in a run that started none (see {@link
   *     BenchScenario#needsCluster()})
   */
  public BenchKafka kafka() {
    if (kafka == null) {
      throw new IllegalStateException("this run started no Kafka broker (needsCluster is false)");
    }
    return kafka;
  }

  /**
   * The bench's MiniCluster.
   *
   * @throws IllegalStateException in a run that started none (see {@link
   *     BenchScenario#needsCluster()})
   */
  public BenchFlink flink() {
    if (flink == null) {
      throw new IllegalStateException("this run started no MiniCluster (needsCluster is false)");
    }
    return flink;
  }

  /** A scratch directory deleted after the run. */
  public Path workDir() {
    return workDir;
  }

  public Progress progress() {
    return progress;
  }

  public BacklogLoader loader() {
    return new BacklogLoader(kafka(), progress);
  }

  /**
   * A backlog loaded once per run and shared by the scenarios that read it, so each measures the
   * same input.
   */
  @SuppressWarnings("unchecked")
  public <T> T backlog(String key, Supplier<T> load) {
    return (T) backlogs.computeIfAbsent(key, k -> load.get());
  }

  /** Records a finished scenario's result so later scenarios can compare with it. */
  public void recorded(ScenarioResult result) {
    results.put(result.scenario(), result);
    baselines.put(result.scenario(), result);
  }

  /**
   * A baseline figure ({@code kafka-limit}, {@code flink-passthrough}): from this run when it ran,
   * else from the last recorded result of the same mode.
   */
  public Optional<Double> baseline(String scenario, String figure) {
    ScenarioResult result = baselines.get(scenario);
    if (result == null || Double.isNaN(result.figure(figure))) {
      return Optional.empty();
    }
    return Optional.of(result.figure(figure));
  }

  /** A job on the run's state backend with the production checkpoint interval. */
  public BenchJob job(String name, Consumer<StreamExecutionEnvironment> wiring) {
    return BenchJob.of(name, wiring).withStateBackend(options.stateBackend());
  }

  /**
   * Runs the timed part of a scenario; with {@code --profile} only this part is recorded, so
   * loading backlogs and checking results do not show up among the hot frames.
   */
  public <T> T timed(String label, Callable<T> section) throws Exception {
    if (!options.profile()) {
      return section.call();
    }
    Path file = options.scenarioResultsDir().resolve(label + ".jfr");
    JfrProfiler profiler = JfrProfiler.start(file);
    T result;
    try {
      result = section.call();
    } catch (Exception e) {
      profiler.close();
      throw e;
    }
    profiles.add(profiler.stopAndSummarise(label, 20));
    return result;
  }

  /** Hot-frame tables recorded since the last call. */
  public List<ResultTable> takeProfiles() {
    List<ResultTable> taken = List.copyOf(profiles);
    profiles.clear();
    return taken;
  }
}
