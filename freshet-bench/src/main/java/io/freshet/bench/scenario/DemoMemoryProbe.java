package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Samples the memory of a whole {@code freshet run} process under the default demo traffic. */
final class DemoMemoryProbe {
  static final Duration DEMO_FULL = Duration.ofSeconds(60);
  static final Duration DEMO_QUICK = Duration.ofSeconds(10);

  /**
   * Freshet exposes no Prometheus JVM collector; Flink's JVM gauges of the embedded MiniCluster
   * read the MemoryMXBean of the one process, so they are the whole process's heap.
   */
  static final String HEAP_USED_METRIC = "flink_jobmanager_Status_JVM_Memory_Heap_Used";

  static final String HEAP_COMMITTED_METRIC = "flink_jobmanager_Status_JVM_Memory_Heap_Committed";

  /**
   * A scrape renders about 3 MB of text (0.5 to 4 s on the reference machine) inside the measured
   * process, so it is spaced like a Prometheus server would, not every second.
   */
  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

  /**
   * Memory of a {@code freshet run} under demo traffic: RSS once a second, heap from a {@code
   * /metrics} scrape every {@link #SCRAPE_INTERVAL}.
   */
  record DemoMemory(
      double seconds,
      int rssSamples,
      int scrapes,
      double heapUsedMax,
      double heapCommittedMax,
      double rssMax,
      double rssHighWater,
      boolean procAvailable) {}

  private final BenchContext context;

  DemoMemoryProbe(BenchContext context) {
    this.context = context;
  }

  DemoMemory sample() throws Exception {
    Duration window = context.options().quick() ? DEMO_QUICK : DEMO_FULL;
    Path dir =
        context.workDir().resolve("state-demo-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> args =
        List.of(
            "--data-dir",
            dir.resolve("data").toString(),
            "--kafka-port",
            Integer.toString(FreshetRunProcess.freePort()),
            "--controller-port",
            Integer.toString(FreshetRunProcess.freePort()));
    try (FreshetRunProcess process =
        FreshetRunProcess.start(
            dir.resolve("freshet-run.log"), FreshetRunProcess.freePort(), args)) {
      process.awaitHealthy(Duration.ofMinutes(3));
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      boolean proc = Files.isReadable(status);
      Progress.Step step =
          context.progress().start("sampling freshet run memory (s)", window.toSeconds());
      double[] heapMax = new double[2];
      double rssMax = Double.NaN;
      int rssSamples = 0;
      int scrapes = 0;
      // Scrapes take seconds inside a busy process: they run beside the once-a-second RSS reads.
      ExecutorService scraper = Executors.newSingleThreadExecutor();
      try {
        Future<String> scrape = null;
        long started = System.nanoTime();
        long end = started + window.toNanos();
        long nextScrape = started;
        for (long now = started; now < end; now = System.nanoTime()) {
          if (proc) {
            double rss = kib(Files.readString(status, StandardCharsets.UTF_8), "VmRSS");
            rssMax = Double.isNaN(rssMax) ? rss : Math.max(rssMax, rss);
            rssSamples++;
          }
          if (scrape != null && scrape.isDone()) {
            heapSample(scrape.get(), heapMax);
            scrapes++;
            scrape = null;
          }
          if (scrape == null && now >= nextScrape) {
            scrape = scraper.submit(process::metrics);
            nextScrape = now + SCRAPE_INTERVAL.toNanos();
          }
          long elapsed = System.nanoTime() - started;
          step.update(TimeUnit.NANOSECONDS.toSeconds(elapsed));
          long nextSecond =
              started + (TimeUnit.NANOSECONDS.toSeconds(elapsed) + 1) * 1_000_000_000L;
          TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(nextSecond, end) - System.nanoTime()));
        }
        if (scrape != null) {
          // Started within the window: its reading belongs to it.
          heapSample(scrape.get(1, TimeUnit.MINUTES), heapMax);
          scrapes++;
        }
      } finally {
        scraper.shutdownNow();
      }
      double seconds = window.toNanos() / 1e9;
      // The peak RSS since the process started, startup included; read before it stops.
      double highWater =
          proc ? kib(Files.readString(status, StandardCharsets.UTF_8), "VmHWM") : Double.NaN;
      process.stop(Duration.ofMinutes(2));
      return new DemoMemory(
          seconds, rssSamples, scrapes, heapMax[0], heapMax[1], rssMax, highWater, proc);
    }
  }

  /** Raises {@code max} (heap used, heap committed) to what one scrape read. */
  private static void heapSample(String metrics, double[] max) {
    max[0] = Math.max(max[0], metric(metrics, HEAP_USED_METRIC));
    max[1] = Math.max(max[1], metric(metrics, HEAP_COMMITTED_METRIC));
  }

  /**
   * The value of the first series of a gauge in Prometheus text; absent is an error, since a
   * renamed metric must not turn into a reported zero.
   */
  static double metric(String prometheusText, String name) {
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
      }
    }
    throw new IllegalStateException("/metrics of freshet run has no " + name);
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}, in bytes. */
  static double kib(String procStatus, String field) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1).trim();
        return 1024.0 * Long.parseLong(value.substring(0, value.indexOf(' ')).trim());
      }
    }
    throw new IllegalStateException("/proc status has no " + field);
  }
}
