package io.freshet.bench;

import io.freshet.runtime.flink.ManagedMemory;
import io.freshet.runtime.flink.StateBackendKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a {@code freshet bench} run was asked for.
 *
 * @param scenarios scenario names in the order to run them
 * @param quick small sizes and short phases: checks the harness, not a measurement
 * @param events overrides every scenario's input size
 * @param bootstrapServers an external cluster instead of a private embedded broker
 * @param profile record a JFR file per scenario and print its hot frames
 * @param resultsDir where JSON results and charts go
 * @param seed the seed of every generator
 * @param stateBackend the state backend pipeline jobs run on (Freshet's default: RocksDB)
 * @param customers overrides the number of customers of the fraud backlogs
 * @param spanDays spreads a fraud backlog over this many days of event time instead of 30 minutes
 *     per customer
 * @param onlyStateBackend fraud-throughput measures only {@code stateBackend}, not every backend
 * @param managedMemory the bench TaskManager's memory for RocksDB (and that of the {@code freshet
 *     run} process platform-throughput starts)
 * @param jobManager a Flink cluster's REST address, for the scenarios that submit the job jar
 */
public record BenchOptions(
    List<String> scenarios,
    boolean quick,
    OptionalLong events,
    Optional<String> bootstrapServers,
    boolean profile,
    Path resultsDir,
    long seed,
    StateBackendKind stateBackend,
    OptionalInt customers,
    OptionalInt spanDays,
    boolean onlyStateBackend,
    ManagedMemory managedMemory,
    Optional<String> jobManager) {

  /** The default seed, so two runs load identical data. */
  public static final long DEFAULT_SEED = 20261126L;

  public BenchOptions {
    scenarios = List.copyOf(scenarios);
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(resultsDir, "resultsDir");
    Objects.requireNonNull(stateBackend, "stateBackend");
    if (events.isPresent() && events.getAsLong() < 1) {
      throw new IllegalArgumentException("--events must be at least 1, was " + events.getAsLong());
    }
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(spanDays, "spanDays");
    Objects.requireNonNull(managedMemory, "managedMemory");
    Objects.requireNonNull(jobManager, "jobManager");
    if (customers.isPresent() && customers.getAsInt() < 1) {
      throw new IllegalArgumentException("--customers must be at least 1");
    }
    if (spanDays.isPresent() && spanDays.getAsInt() < 1) {
      throw new IllegalArgumentException("--span-days must be at least 1");
    }
  }

  /**
   * The options without the fraud backlog's shape (as many customers and days as by default) and
   * with the default managed memory.
   */
  public BenchOptions(
      List<String> scenarios,
      boolean quick,
      OptionalLong events,
      Optional<String> bootstrapServers,
      boolean profile,
      Path resultsDir,
      long seed,
      StateBackendKind stateBackend) {
    this(
        scenarios,
        quick,
        events,
        bootstrapServers,
        profile,
        resultsDir,
        seed,
        stateBackend,
        OptionalInt.empty(),
        OptionalInt.empty(),
        false,
        ManagedMemory.DEFAULT,
        Optional.empty());
  }

  /** The input size of a scenario: {@code --events}, else its quick or full default. */
  public long size(long full, long quickSize) {
    return events.orElse(quick ? quickSize : full);
  }

  /** Where this run's JSON goes: quick runs never overwrite measured results. */
  public Path scenarioResultsDir() {
    return quick ? resultsDir.resolve("quick") : resultsDir;
  }
}
