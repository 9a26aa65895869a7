package io.freshet.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and memory of another process from Linux's {@code /proc}: user + system time of the
 * process and of each of its threads ({@code /proc/<pid>/stat}, {@code
 * /proc/<pid>/task/<tid>/stat}) and its resident set ({@code /proc/<pid>/status}). Reading them
 * costs the sampled process nothing.
 */
public final class ProcessSampler {
  private static final Path PROC = Path.of("/proc");

  private final long pid;
  private final Path dir;
  private final double ticksPerSecond;

  private ProcessSampler(long pid, double ticksPerSecond) {
    this.pid = pid;
    this.dir = PROC.resolve(Long.toString(pid));
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Whether this system has {@code /proc/<pid>/stat} for the process. */
  public static boolean available(long pid) {
    return Files.isReadable(PROC.resolve(Long.toString(pid)).resolve("stat"))
        && Files.isReadable(PROC.resolve("self").resolve("stat"));
  }

  /** A sampler of {@code pid}; see {@link #available}. */
  public static ProcessSampler of(long pid) throws IOException {
    return new ProcessSampler(pid, clockTicksPerSecond());
  }

  /** A sampler whose {@code /proc} times are in {@code ticksPerSecond}; for tests. */
  static ProcessSampler withTicksPerSecond(long pid, double ticksPerSecond) {
    return new ProcessSampler(pid, ticksPerSecond);
  }

  /**
   * The unit of the times in {@code /proc} (USER_HZ, 100 on every common architecture), measured
   * rather than assumed: this JVM's own ticks against the CPU time the JDK reports for it.
   */
  static double clockTicksPerSecond() throws IOException {
    Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    long ticks = cpuTicks(Files.readString(PROC.resolve("self").resolve("stat")));
    if (cpu.toMillis() < 1000 || ticks == 0) {
      return 100;
    }
    return Math.round(ticks / (cpu.toNanos() / 1e9));
  }

  public long pid() {
    return pid;
  }

  /**
   * CPU time so far of the process and of every live thread, stamped with {@link System#nanoTime}.
   */
  public Snapshot snapshot() throws IOException {
    long nanos = System.nanoTime();
    long processTicks = cpuTicks(Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8));
    Map<Long, ThreadTicks> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(dir.resolve("task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new ThreadTicks(command(stat), cpuTicks(stat)));
        } catch (NoSuchFileException e) {
          // The thread ended between listing and reading; its time stays in the process total.
        }
      }
    }
    return new Snapshot(nanos, processTicks, threads);
  }

  /** What the process used between two snapshots. */
  public CpuUse between(Snapshot from, Snapshot to) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    double cores = (to.processTicks() - from.processTicks()) / ticksPerSecond / seconds;
    Map<String, Long> byGroup = new HashMap<>();
    to.threads()
        .forEach(
            (tid, now) -> {
              ThreadTicks before = from.threads().get(tid);
              long used = now.ticks() - (before == null ? 0 : before.ticks());
              if (used > 0) {
                byGroup.merge(group(now.name()), used, Long::sum);
              }
            });
    List<ThreadGroupUse> groups = new ArrayList<>();
    byGroup.forEach(
        (name, ticks) -> groups.add(new ThreadGroupUse(name, ticks / ticksPerSecond / seconds)));
    groups.sort(Comparator.comparingDouble(ThreadGroupUse::cores).reversed());
    return new CpuUse(seconds, cores, groups, to.threads().size());
  }

  /** A {@code kB} field of {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}), in bytes. */
  public long statusBytes(String field) throws IOException {
    return kib(Files.readString(dir.resolve("status"), StandardCharsets.UTF_8), field);
  }

  /** A {@code kB} field of a {@code /proc/<pid>/status} text, in bytes. */
  static long kib(String procStatus, String field) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1).trim();
        return 1024 * Long.parseLong(value.substring(0, value.indexOf(' ')).trim());
      }
    }
    throw new IllegalStateException("/proc status has no " + field);
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code stat} line. The command name (field 2) is in
   * parentheses and may itself contain spaces and parentheses, so fields are counted from the last
   * closing one.
   */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state).
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The command name of a {@code stat} line: a thread's name, cut to 15 characters by Linux. */
  static String command(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /**
   * Threads of one kind under one name: numbers are replaced by {@code #}, so the two subtasks of a
   * task, the pool threads of one executor or C1 and C2 compiler threads add up.
   */
  static String group(String threadName) {
    return threadName.replaceAll("[0-9]+", "#").strip();
  }

  /** CPU time so far (clock ticks) of the process and of each thread by id. */
  public record Snapshot(long nanos, long processTicks, Map<Long, ThreadTicks> threads) {
    public Snapshot {
      threads = Map.copyOf(threads);
    }
  }

  /** One thread's name and CPU time so far (clock ticks). */
  public record ThreadTicks(String name, long ticks) {}

  /** Cores used by the threads of one {@link #group}. */
  public record ThreadGroupUse(String name, double cores) {}

  /**
   * Cores used over a window: the whole process (threads that ended included) and its live threads
   * grouped by name, busiest first.
   */
  public record CpuUse(double seconds, double cores, List<ThreadGroupUse> groups, int threads) {
    public CpuUse {
      groups = List.copyOf(groups);
    }

    /** Cores of the groups whose name starts with one of {@code prefixes}. */
    public double coresOf(List<String> prefixes) {
      return groups.stream()
          .filter(g -> prefixes.stream().anyMatch(g.name()::startsWith))
          .mapToDouble(ThreadGroupUse::cores)
          .sum();
    }
  }
}
