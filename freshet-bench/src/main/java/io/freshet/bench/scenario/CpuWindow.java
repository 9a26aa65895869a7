package io.freshet.bench.scenario;

import io.freshet.bench.harness.ProcessSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * CPU samplers of {@code freshet run} and of the bench JVM (which holds the bench broker and the
 * HTTP client), opened and closed around each measured rate of {@code decision-api}; absent where
 * the system has no {@code /proc}.
 */
final class CpuWindow {
  private final ProcessSampler server;
  private final ProcessSampler bench;

  private CpuWindow(ProcessSampler server, ProcessSampler bench) {
    this.server = server;
    this.bench = bench;
  }

  static Optional<CpuWindow> of(long serverPid) throws IOException {
    long self = ProcessHandle.current().pid();
    if (!ProcessSampler.available(serverPid) || !ProcessSampler.available(self)) {
      return Optional.empty();
    }
    return Optional.of(new CpuWindow(ProcessSampler.of(serverPid), ProcessSampler.of(self)));
  }

  /** Both processes' CPU time now. */
  Start start() {
    try {
      return new Start(server.snapshot(), bench.snapshot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CPU times a window started from. */
  final class Start {
    private final ProcessSampler.Snapshot serverFrom;
    private final ProcessSampler.Snapshot benchFrom;

    private Start(ProcessSampler.Snapshot serverFrom, ProcessSampler.Snapshot benchFrom) {
      this.serverFrom = serverFrom;
      this.benchFrom = benchFrom;
    }

    /** Ends the window: what both used while {@code decisions} were answered at {@code rate}. */
    void end(int rate, long decisions, DecisionCpu into) {
      try {
        into.add(
            rate,
            decisions,
            server.between(serverFrom, server.snapshot()),
            bench.between(benchFrom, bench.snapshot()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
