package io.freshet.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.JfrProfiler;
import io.freshet.bench.harness.ProcessSampler;
import io.freshet.bench.harness.ProcessSampler.CpuUse;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * {@code footprint}: what a {@code freshet run} costs at rest. A real process (embedded broker,
 * MiniCluster with every pipeline, HTTP, DuckDB store) is started twice, once with {@code
 * --no-demo} and once with the default demo traffic; after {@code /api/health} answers UP and a
 * warm-up window, its CPU (user + system time of every thread, from {@code /proc}) is measured over
 * a window and reported in cores, with its resident memory and the busiest threads.
 */
public final class FootprintScenario implements BenchScenario {
  /**
   * Long enough for most of the JIT compilation after start-up (still a tenth of a core of an idle
   * process two minutes in) to be over, which a process at rest for days no longer pays.
   */
  static final Duration FULL_WARM_UP = Duration.ofMinutes(5);

  static final Duration FULL_WINDOW = Duration.ofSeconds(60);
  static final Duration QUICK_WARM_UP = Duration.ofSeconds(5);
  static final Duration QUICK_WINDOW = Duration.ofSeconds(5);

  /** The targets of issue 11. */
  static final double TARGET_IDLE_CORES = 0.05;

  static final double TARGET_DEMO_CORES = 0.3;

  /** Busiest thread groups listed per phase. */
  static final int TOP_THREADS = 12;

  /** HotSpot's JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}). */
  static final List<String> JIT_THREADS = List.of("C# CompilerThre");

  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The line {@code freshet run} prints with the MiniCluster's REST address. */
  private static final Pattern FLINK_REST = Pattern.compile("Flink\\s+(http://\\S+)");

  /** The two ways the process is measured. */
  enum Phase {
    IDLE("idle", List.of("--no-demo")),
    DEMO("demo", List.of());

    final String label;
    final List<String> runArgs;

    Phase(String label, List<String> runArgs) {
      this.label = label;
      this.runArgs = runArgs;
    }
  }

  /** What one phase measured. */
  record Measured(
      Phase phase,
      double startSeconds,
      CpuUse warmUp,
      CpuUse window,
      double benchJvmCores,
      double rssMeanBytes,
      double rssMaxBytes,
      double highWaterBytes,
      double recordsPerSecond,
      double checkpointsPerMinute,
      Optional<ResultTable> hotFrames) {
    double jitCores() {
      return window.coresOf(JIT_THREADS);
    }
  }

  @Override
  public String name() {
    return "footprint";
  }

  @Override
  public String description() {
    return "CPU (cores) and RSS of a whole freshet run at rest: idle (--no-demo), then with the"
        + " default demo traffic";
  }

  /** Measures a process of its own; the bench's broker and MiniCluster would only add noise. */
  @Override
  public boolean needsCluster() {
    return false;
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    FreshetRunProcess.requireCli();
    boolean quick = context.options().quick();
    Duration warmUp = quick ? QUICK_WARM_UP : FULL_WARM_UP;
    Duration window = quick ? QUICK_WINDOW : FULL_WINDOW;
    List<Measured> measured = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      Optional<Measured> m = measure(context, phase, warmUp, window);
      if (m.isEmpty()) {
        return new ScenarioResult.Builder(name(), quick)
            .parameter("skipped", true)
            .note("skipped: no /proc/<pid>/stat on this system, so no per-process CPU time")
            .build();
      }
      measured.add(m.get());
    }
    return FootprintReport.build(name(), context, warmUp, window, measured);
  }

  private Optional<Measured> measure(
      BenchContext context, Phase phase, Duration warmUp, Duration window) throws Exception {
    Path dir =
        context
            .workDir()
            .resolve(
                "footprint-" + phase.label + "-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args = new ArrayList<>(phase.runArgs);
    int kafkaPort = FreshetRunProcess.freePort();
    args.addAll(
        List.of(
            "--data-dir",
            dir.resolve("data").toString(),
            "--kafka-port",
            Integer.toString(kafkaPort),
            "--controller-port",
            Integer.toString(FreshetRunProcess.freePort())));
    long launched = System.nanoTime();
    try (FreshetRunProcess process =
        FreshetRunProcess.start(
            dir.resolve("freshet-run.log"), FreshetRunProcess.freePort(), args)) {
      long healthy = process.awaitHealthy(START_DEADLINE);
      if (!ProcessSampler.available(process.pid())) {
        process.stop(Duration.ofMinutes(2));
        return Optional.empty();
      }
      URI flinkRest = URI.create(process.awaitOutput(FLINK_REST, Duration.ofMinutes(1)).group(1));
      ProcessSampler sampler = ProcessSampler.of(process.pid());
      Progress.Step step =
          context
              .progress()
              .start(
                  "footprint " + phase.label + ": warm-up, then measuring (s)",
                  warmUp.plus(window).toSeconds());
      ProcessSampler.Snapshot warmUpStart = sampler.snapshot();
      sampleRss(sampler, warmUp, step, 0);
      ProcessSampler.Snapshot warmUpEnd = sampler.snapshot();
      // Read outside the measured window, from the broker and Flink's REST API: Freshet's own
      // /api/status and /metrics render every metric and peek at Kafka, work the window would see.
      Counts before = Counts.read(kafkaPort, flinkRest);
      Optional<JfrRecording> jfr =
          context.options().profile()
              ? Optional.of(
                  JfrRecording.start(
                      process.pid(),
                      context.options().scenarioResultsDir().resolve("footprint-" + phase.label)))
              : Optional.empty();
      Duration benchBefore = benchJvmCpu();
      ProcessSampler.Snapshot windowStart = sampler.snapshot();
      double[] rss = sampleRss(sampler, window, step, warmUp.toSeconds());
      ProcessSampler.Snapshot windowEnd = sampler.snapshot();
      Duration benchAfter = benchJvmCpu();
      Optional<ResultTable> hotFrames = Optional.empty();
      if (jfr.isPresent()) {
        hotFrames =
            Optional.of(
                JfrProfiler.summarise(
                    jfr.get().stop(), "Hot frames of freshet run, " + phase.label, 20));
      }
      Counts after = Counts.read(kafkaPort, flinkRest);
      double highWater = sampler.statusBytes("VmHWM");
      process.stop(Duration.ofMinutes(2));

      CpuUse measuredWindow = sampler.between(windowStart, windowEnd);
      double seconds = measuredWindow.seconds();
      return Optional.of(
          new Measured(
              phase,
              (healthy - launched) / 1e9,
              sampler.between(warmUpStart, warmUpEnd),
              measuredWindow,
              (benchAfter.toNanos() - benchBefore.toNanos()) / 1e9 / seconds,
              rss[0],
              rss[1],
              highWater,
              (after.recordsIn() - before.recordsIn()) / seconds,
              (after.checkpoints() - before.checkpoints()) * 60 / seconds,
              hotFrames));
    }
  }

  /**
   * Reads the resident set once a second for {@code length}; the sampled process is not woken by
   * it. Returns the mean and the maximum (bytes).
   */
  private static double[] sampleRss(
      ProcessSampler sampler, Duration length, Progress.Step step, long secondsBefore)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long end = started + length.toNanos();
    double sum = 0;
    double max = 0;
    int samples = 0;
    for (long now = started; now < end; now = System.nanoTime()) {
      double rss = sampler.statusBytes("VmRSS");
      sum += rss;
      max = Math.max(max, rss);
      samples++;
      long elapsed = now - started;
      step.update(secondsBefore + TimeUnit.NANOSECONDS.toSeconds(elapsed));
      long nextSecond = started + (TimeUnit.NANOSECONDS.toSeconds(elapsed) + 1) * 1_000_000_000L;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(nextSecond, end) - System.nanoTime()));
    }
    return new double[] {sum / samples, max};
  }

  /** CPU time of this bench JVM so far: it shares the cores with the measured process. */
  private static Duration benchJvmCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * Input records the pipelines have read and committed (offsets their consumer groups committed,
   * which Flink does on every completed checkpoint) and checkpoints completed, over every job.
   */
  record Counts(long recordsIn, long checkpoints) {
    static Counts read(int kafkaPort, URI flinkRest) throws Exception {
      long records = 0;
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  "localhost:" + kafkaPort,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "bench-footprint"))) {
        for (ConsumerGroupListing group :
            admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
          for (OffsetAndMetadata offset :
              admin
                  .listConsumerGroupOffsets(group.groupId())
                  .partitionsToOffsetAndMetadata()
                  .get(30, TimeUnit.SECONDS)
                  .values()) {
            records += offset == null ? 0 : offset.offset();
          }
        }
      }
      long checkpoints = 0;
      for (JsonNode job : get(flinkRest.resolve("/jobs/overview")).path("jobs")) {
        checkpoints +=
            get(flinkRest.resolve("/jobs/" + job.path("jid").asText() + "/checkpoints"))
                .path("counts")
                .path("completed")
                .asLong();
      }
      return new Counts(records, checkpoints);
    }

    private static JsonNode get(URI uri) throws IOException, InterruptedException {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    }
  }

  /** A JFR recording of the measured process over the window, driven with {@code jcmd}. */
  record JfrRecording(long pid, Path file) {
    static JfrRecording start(long pid, Path fileWithoutExtension)
        throws IOException, InterruptedException {
      Path file = Path.of(fileWithoutExtension + ".jfr");
      Files.createDirectories(file.toAbsolutePath().getParent());
      jcmd(pid, "JFR.start", "name=footprint", "settings=profile");
      return new JfrRecording(pid, file);
    }

    Path stop() throws IOException, InterruptedException {
      jcmd(pid, "JFR.stop", "name=footprint", "filename=" + file.toAbsolutePath());
      return file;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
      List<String> line = new ArrayList<>();
      line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
      line.add(Long.toString(pid));
      line.addAll(List.of(command));
      Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(jcmd.getInputStream().readAllBytes());
      if (!jcmd.waitFor(1, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
        throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
      }
    }
  }
}
