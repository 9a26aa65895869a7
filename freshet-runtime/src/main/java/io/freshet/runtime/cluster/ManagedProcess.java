package io.freshet.runtime.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-lived OS process of a local cluster, known across commands by its pid file: started
 * detached so it outlives the command that started it, probed for health, and stopped with SIGTERM,
 * then SIGKILL after a deadline, only ever acting on the pid in its own pid file, and only while
 * that pid still runs this process's command line.
 */
public final class ManagedProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final long POLL_MILLIS = 100;
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_BYTES = 256 * 1024;
  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final ProcessSpec spec;
  private final ProcessProbe probe;

  public ManagedProcess(ProcessSpec spec, ProcessProbe probe) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** What this process runs and where its files are. */
  public ProcessSpec spec() {
    return spec;
  }

  /** Its name, such as {@code broker-1}. */
  public String name() {
    return spec.name();
  }

  /**
   * The live process its pid file names, if that process still runs this command line: a process
   * that died leaves its pid behind, and the OS may since have given that pid to another program.
   */
  public Optional<ProcessHandle> running() {
    return readPid().stream().boxed().findFirst().flatMap(ProcessHandle::of).filter(this::isOurs);
  }

  /** Stopped, unhealthy or running, with its pid while it runs. */
  public ProcessStatus status() throws InterruptedException {
    Optional<ProcessHandle> handle = running();
    if (handle.isEmpty()) {
      return new ProcessStatus(
          name(), OptionalLong.empty(), spec.ports(), ProcessState.STOPPED, spec.logFile());
    }
    ProcessState state = probe.healthy() ? ProcessState.RUNNING : ProcessState.UNHEALTHY;
    return new ProcessStatus(
        name(), OptionalLong.of(handle.get().pid()), spec.ports(), state, spec.logFile());
  }

  /**
   * Starts the process unless it already runs, and keeps its pid.
   *
   * @return the process, and whether this call launched it
   * @throws ClusterException if it cannot be launched
   */
  public Launch start() {
    Optional<ProcessHandle> existing = running();
    if (existing.isPresent()) {
      return new Launch(existing.get(), false);
    }
    List<String> command = new ArrayList<>();
    // In a session of its own the process is in no terminal's process group, so a Ctrl-C or a
    // closed terminal that ends the starting command does not reach it. setsid does not fork when
    // its caller leads no process group (a JVM's child never does), so the pid stays the JVM's.
    SETSID.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .ifPresent(p -> command.add(p.toString()));
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.outputFile().toFile()));
    builder.environment().putAll(spec.environment());
    Process process;
    try {
      Files.createDirectories(spec.outputFile().toAbsolutePath().getParent());
      process = builder.start();
      // Nothing is ever written to it; closed, it reads end-of-file instead of a pipe whose other
      // end dies with this JVM.
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new ClusterException("Cannot start " + name() + ": " + e.getMessage(), e);
    }
    writePid(process.pid());
    LOG.info("Started {} (pid {}): {}", name(), process.pid(), String.join(" ", command));
    return new Launch(process.toHandle(), true);
  }

  /**
   * Stops these processes together: SIGTERM to each that runs, then, for any still running after
   * {@code grace}, SIGKILL; returns once all are gone, with their pid files removed.
   *
   * <p>Together because the Kafka nodes' controllers form a quorum: a broker shutting down cleanly
   * asks the quorum's leader, which a one-by-one stop would have shut down before the last one.
   */
  public static List<Stopped> stopAll(List<ManagedProcess> processes, Duration grace)
      throws InterruptedException {
    long began = System.nanoTime();
    Map<ManagedProcess, ProcessHandle> signalled = new LinkedHashMap<>();
    List<Stopped> stopped = new ArrayList<>();
    for (ManagedProcess p : processes) {
      Optional<ProcessHandle> handle = p.running();
      if (handle.isPresent() && handle.get().destroy()) {
        signalled.put(p, handle.get());
      } else if (handle.isPresent()) {
        throw new ClusterException(
            "Cannot send SIGTERM to " + p.name() + " (pid " + handle.get().pid() + ")");
      } else {
        p.deletePidFile();
        stopped.add(new Stopped(p.name(), OptionalLong.empty(), Duration.ZERO, false));
      }
    }
    long deadline = began + grace.toNanos();
    for (Map.Entry<ManagedProcess, ProcessHandle> e : signalled.entrySet()) {
      ManagedProcess p = e.getKey();
      ProcessHandle handle = e.getValue();
      boolean forced = false;
      if (!p.awaitGone(handle, deadline)) {
        forced = true;
        LOG.warn(
            "{} (pid {}) still runs {} s after SIGTERM; sending SIGKILL",
            p.name(),
            handle.pid(),
            grace.toSeconds());
        // Checked again right before the kill: a pid is only ever killed while it is ours.
        if (p.isOurs(handle)) {
          handle.destroyForcibly();
        }
        if (!p.awaitGone(handle, System.nanoTime() + KILL_WAIT.toNanos())) {
          throw new ClusterException(
              p.name() + " (pid " + handle.pid() + ") survived SIGKILL for " + KILL_WAIT);
        }
      }
      p.deletePidFile();
      stopped.add(
          new Stopped(
              p.name(),
              OptionalLong.of(handle.pid()),
              Duration.ofNanos(System.nanoTime() - began),
              forced));
    }
    return stopped;
  }

  /**
   * Kills the process with SIGKILL, as a crash or the kernel's OOM killer would, and waits until it
   * has exited; its pid file stays behind, as after a crash, and {@link #start()} sees through it.
   *
   * @return the pid killed
   * @throws ClusterException if it does not run, or survives the kill
   */
  public long kill() throws InterruptedException {
    ProcessHandle handle =
        running()
            .orElseThrow(() -> new ClusterException(name() + " does not run; nothing to kill"));
    handle.destroyForcibly();
    if (!awaitGone(handle, System.nanoTime() + KILL_WAIT.toNanos())) {
      throw new ClusterException(
          name() + " (pid " + handle.pid() + ") survived SIGKILL for " + KILL_WAIT);
    }
    return handle.pid();
  }

  /**
   * Waits, up to a deadline, for the process to have exited; whether it has. Its command line is no
   * sign: the kernel empties it when the process releases its memory, before it closes its files
   * and sockets, so only an exited process (reaped or a zombie) has let go of its ports and the
   * locks on its data.
   */
  boolean awaitGone(ProcessHandle handle, long deadlineNanos) throws InterruptedException {
    while (!exited(handle)) {
      if (System.nanoTime() >= deadlineNanos) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    return true;
  }

  /**
   * Whether the process has exited: no longer alive, or a zombie that its parent has yet to reap
   * (which {@link ProcessHandle#isAlive()} still counts as alive). A zombie main thread is not
   * enough: killed, a JVM's main thread turns zombie first and waits there while its other threads
   * exit, and only the last of them closes the process's sockets and files.
   */
  public static boolean exited(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return true;
    }
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      // Without /proc (macOS) a zombie looks alive; the deadline, then SIGKILL, still bound it.
      return false;
    }
    Path status = Path.of("/proc", Long.toString(handle.pid()), "status");
    try {
      String state = "";
      int threads = Integer.MAX_VALUE;
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("State:")) {
          state = line.substring("State:".length()).strip();
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring("Threads:".length()).strip());
        }
      }
      boolean zombie = state.startsWith("Z") || state.startsWith("X");
      return zombie && threads <= 1;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException | NumberFormatException e) {
      throw new ClusterException("Cannot read " + status + ": " + e, e);
    }
  }

  /**
   * Whether the handle is a live process running this command line; an exited process that no one
   * has reaped yet has an empty command line, so it counts as gone.
   */
  boolean isOurs(ProcessHandle handle) {
    return handle.isAlive()
        && handle
            .info()
            .arguments()
            .map(arguments -> Arrays.asList(arguments).contains(spec.marker()))
            .orElse(false);
  }

  /**
   * The last ERROR or FATAL line of its log with the exception message under it, for a message that
   * says why it died without sending a person into a log of thousands of lines.
   */
  public Optional<String> lastLoggedError() {
    Path log = spec.logFile();
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    List<String> lines;
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
      byte[] tail = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(tail);
      lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new ClusterException("Cannot read the log " + log + ": " + e, e);
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.contains(" ERROR ") || line.contains(" FATAL ")) {
        boolean exceptionFollows =
            i + 1 < lines.size()
                && !lines.get(i + 1).isBlank()
                && !Character.isDigit(lines.get(i + 1).charAt(0))
                && !lines.get(i + 1).startsWith("\t");
        return Optional.of(exceptionFollows ? line + " / " + lines.get(i + 1) : line);
      }
    }
    return Optional.empty();
  }

  private OptionalLong readPid() {
    Path file = spec.pidFile();
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ClusterException("Cannot read the pid file " + file + ": " + e, e);
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      // A pid file cut short by a crash names no process; the next start overwrites it.
      LOG.warn("Pid file {} holds no pid ({}); taking {} for stopped", file, text, name());
      return OptionalLong.empty();
    }
  }

  private void writePid(long pid) {
    Path file = spec.pidFile();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(partial, pid + "\n", StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ClusterException(
          "Started " + name() + " as pid " + pid + " but cannot write " + file + ": " + e, e);
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(spec.pidFile());
    } catch (IOException e) {
      throw new ClusterException("Cannot remove the pid file " + spec.pidFile() + ": " + e, e);
    }
  }

  /**
   * The outcome of {@link #start()}.
   *
   * @param process the running process
   * @param launched whether this call started it, rather than finding it running
   */
  public record Launch(ProcessHandle process, boolean launched) {}

  /**
   * The outcome of stopping one process.
   *
   * @param name the process's name
   * @param pid the pid that was stopped, empty when nothing of ours ran
   * @param took from the first SIGTERM until it was gone
   * @param killed whether it had to be killed with SIGKILL
   */
  public record Stopped(String name, OptionalLong pid, Duration took, boolean killed) {}
}
