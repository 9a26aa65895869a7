package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.Figures;
import io.freshet.bench.harness.FreshetRunProcess;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.bench.scenario.DemoMemoryProbe.DemoMemory;
import io.freshet.bench.scenario.KeyedStateProbe.Measured;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.flink.StateBackendKind;
import java.util.List;

/** Builds the {@code state} scenario's figures, tables and notes from what it measured. */
final class StateReport {
  /** The target of the issue: idle customer state. */
  static final double TARGET_CUSTOMER_BYTES = 200;

  /** The target of the issue: heap of the whole demo process. */
  static final double TARGET_DEMO_HEAP_BYTES = 1024.0 * 1024 * 1024;

  private static final FreshetConfig PRODUCTION = FreshetConfig.defaults();

  private StateReport() {}

  static ScenarioResult build(
      String name, BenchContext context, int keys, List<Measured> measured, DemoMemory demo) {
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(name, context.options().quick())
            .parameter("keys", keys)
            .parameter("parallelism", context.flink().parallelism())
            .parameter("demo_seconds", demo.seconds())
            .parameter("demo_rate_per_topic", PRODUCTION.demoRate());
    ResultTable.Builder table =
        ResultTable.titled(
            "state per key (full checkpoint once every key's output was committed)",
            "state of",
            "backend",
            "keys",
            "state bytes",
            "bytes/key",
            "checkpointed bytes",
            "checkpoint ms",
            "heap growth/key (approx.)");
    for (Measured m : measured) {
      String kind = m.keyKind();
      String backend = m.backend().label();
      result.figure(kind + "_in_state_" + backend, m.keysWithOutput());
      if (kind.equals("customers")) {
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CUSTOMER_STATE_BYTES_HEAP
                : Figures.CUSTOMER_STATE_BYTES_ROCKSDB,
            m.bytesPerKey());
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CHECKPOINT_BYTES_HEAP
                : Figures.CHECKPOINT_BYTES_ROCKSDB,
            m.checkpointedSize());
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.CHECKPOINT_MS_HEAP
                : Figures.CHECKPOINT_MS_ROCKSDB,
            m.checkpointMillis());
        if (m.backend() == StateBackendKind.HEAP) {
          result.figure(Figures.CUSTOMER_HEAP_BYTES_MEASURED, m.heapBytesPerKey());
        }
      } else {
        result.figure(
            m.backend() == StateBackendKind.HEAP
                ? Figures.DEVICE_STATE_BYTES_HEAP
                : Figures.DEVICE_STATE_BYTES_ROCKSDB,
            m.bytesPerKey());
        result.figure("device_checkpoint_bytes_" + backend, m.checkpointedSize());
        result.figure("device_checkpoint_ms_" + backend, m.checkpointMillis());
      }
      table.row(
          kind,
          backend,
          String.format("%,d", m.keys()),
          String.format("%,d", m.stateSize()),
          String.format("%.1f", m.bytesPerKey()),
          String.format("%,d", m.checkpointedSize()),
          String.format("%,d", m.checkpointMillis()),
          Double.isNaN(m.heapBytesPerKey()) ? "n/a" : String.format("%.0f", m.heapBytesPerKey()));
    }
    result.figure(Figures.DEMO_HEAP_USED_MAX, demo.heapUsedMax());
    result.figure("demo_heap_committed_max_bytes", demo.heapCommittedMax());
    if (demo.procAvailable()) {
      // Without /proc there is no RSS; NaN figures would not survive the JSON round trip.
      result.figure(Figures.DEMO_RSS_MAX, demo.rssMax());
      result.figure("demo_rss_high_water_bytes", demo.rssHighWater());
    }
    result.table(table.build());
    result.table(
        ResultTable.titled(
                "freshet run (" + FreshetRunProcess.MAX_HEAP + ", demo traffic) memory",
                "sampled s",
                "RSS samples",
                "scrapes",
                "heap used max MiB",
                "heap committed max MiB",
                "RSS max MiB",
                "VmHWM MiB")
            .row(
                String.format("%.0f", demo.seconds()),
                Integer.toString(demo.rssSamples()),
                Integer.toString(demo.scrapes()),
                mib(demo.heapUsedMax()),
                mib(demo.heapCommittedMax()),
                mib(demo.rssMax()),
                mib(demo.rssHighWater()))
            .build());
    Measured customersHeap = measured.get(0);
    result
        .note(
            "bytes/key = state size of a full checkpoint / keys; it includes the few KB of"
                + " operator state (source offsets, sink transactions), negligible at 1M keys")
        .note(
            "customers: one valid transaction each; what stays per idle customer (for 30 days of"
                + " event time) is its CustomerSummary (the recent transaction, one event-id"
                + " fingerprint, last location, alert times, window count and sum), its ledger"
                + " MapState entries (none until a transaction is older than the recent buffer),"
                + " and one event-time timer (its due time is in the summary). Target <= "
                + (int) TARGET_CUSTOMER_BYTES
                + " B/customer: heap backend "
                + String.format("%.0f", customersHeap.bytesPerKey())
                + " B checkpointed")
        .note(
            "devices: one reading each, then one reading per partition from bench-clock-N devices"
                + " far enough in event time that every device window closed and its 5 min"
                + " allowed lateness passed before the checkpoint; the 5 s pane windows and the"
                + " 1 min stddev panes/revisions are purged by then, so what remains per device is"
                + " the anomaly baseline (ValueState<EwmaBaseline>, which carries its"
                + " AnomalyConfig). The clock devices' open panes are in the state size")
        .note(
            "heap growth/key (customers only, the scenario's first job): used heap after two"
                + " System.gc() with every key in state minus the same before loading, over keys;"
                + " approximate, it counts every object the run added, e.g. Kafka client buffers"
                + " (tens of MB: noise at 5,000 keys, a few percent at 1,000,000)")
        .note(
            "RocksDB: the measured checkpoint is a triggered full one (so checkpointed = state"
                + " size); periodic checkpoints of that backend are incremental and upload only new"
                + " SST files. Its size is that of the SST files: state deleted since the last"
                + " compaction (the purged device windows) is still in them with its tombstones,"
                + " so short-lived state costs more there than on the heap backend")
        .note(
            "demo: whole freshet run process (embedded broker, MiniCluster with three jobs, HTTP,"
                + " DuckDB store) after /api/health answered 200: RSS from /proc/<pid>/status once a"
                + " second (VmHWM is the peak since start-up), heap from "
                + DemoMemoryProbe.HEAP_USED_METRIC
                + " on /metrics every "
                + DemoMemoryProbe.SCRAPE_INTERVAL.toSeconds()
                + " s (Freshet registers no Prometheus JVM collector; Flink's gauge reads the"
                + " process's MemoryMXBean). Target: heap under "
                + mib(TARGET_DEMO_HEAP_BYTES)
                + " MiB; max used "
                + mib(demo.heapUsedMax())
                + " MiB, max committed "
                + mib(demo.heapCommittedMax())
                + " MiB");
    if (!demo.procAvailable()) {
      result.note("no /proc/<pid>/status on this system: RSS not measured");
    }
    return result.build();
  }

  private static String mib(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format("%.0f", bytes / (1024 * 1024));
  }
}
