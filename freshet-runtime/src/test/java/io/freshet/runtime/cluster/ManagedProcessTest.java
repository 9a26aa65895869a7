package io.freshet.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (a shell), started, found again through the pid file, and stopped. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ManagedProcessTest {
  @TempDir Path dir;
  private Process unrelated;
  private ManagedProcess managed;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (managed != null) {
      ManagedProcess.stopAll(List.of(managed), Duration.ofSeconds(5));
    }
    if (unrelated != null) {
      unrelated.destroyForcibly().waitFor();
    }
  }

  @Test
  void startsOnceFindsItAgainAndStopsItWithSigterm() throws Exception {
    managed = shell("sleep 60");
    ManagedProcess.Launch first = managed.start();
    assertThat(first.launched()).isTrue();
    assertThat(Files.readString(dir.resolve("p.pid"), StandardCharsets.UTF_8).strip())
        .isEqualTo(Long.toString(first.process().pid()));

    ManagedProcess.Launch second = managed.start();
    assertThat(second.launched()).as("running: not started again").isFalse();
    assertThat(second.process().pid()).isEqualTo(first.process().pid());
    assertThat(managed.status().state()).isEqualTo(ProcessState.RUNNING);
    assertThat(managed.status().pid()).hasValue(first.process().pid());

    List<ManagedProcess.Stopped> stopped =
        ManagedProcess.stopAll(List.of(managed), Duration.ofSeconds(10));
    assertThat(stopped)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.pid()).hasValue(first.process().pid());
              assertThat(s.killed()).isFalse();
            });
    assertThat(first.process().isAlive()).isFalse();
    assertThat(Files.exists(dir.resolve("p.pid"))).isFalse();
    assertThat(managed.status().state()).isEqualTo(ProcessState.STOPPED);

    assertThat(ManagedProcess.stopAll(List.of(managed), Duration.ofSeconds(10)))
        .singleElement()
        .satisfies(s -> assertThat(s.pid()).isEmpty());
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    managed = shell("trap '' TERM; while :; do sleep 0.1; done");
    long pid = managed.start().process().pid();
    List<ManagedProcess.Stopped> stopped =
        ManagedProcess.stopAll(List.of(managed), Duration.ofMillis(500));
    assertThat(stopped)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.pid()).hasValue(pid);
              assertThat(s.killed()).isTrue();
            });
    assertThat(ProcessHandle.of(pid).filter(managed::isOurs)).isEmpty();
    assertThat(managed.running()).isEmpty();
  }

  @Test
  void aPidNowUsedByAnotherProgramIsNeitherOursNorKilled() throws Exception {
    unrelated = new ProcessBuilder("sleep", "60").start();
    managed = shell("sleep 60");
    Files.writeString(dir.resolve("p.pid"), unrelated.pid() + "\n", StandardCharsets.UTF_8);

    assertThat(managed.running()).isEmpty();
    assertThat(managed.status().state()).isEqualTo(ProcessState.STOPPED);
    assertThat(ManagedProcess.stopAll(List.of(managed), Duration.ofSeconds(1)))
        .singleElement()
        .satisfies(s -> assertThat(s.pid()).isEmpty());
    assertThat(unrelated.waitFor(200, TimeUnit.MILLISECONDS)).as("still running").isFalse();
    assertThat(Files.exists(dir.resolve("p.pid"))).as("the stale pid file is gone").isFalse();
  }

  @Test
  void anAliveProcessFailingItsProbeIsUnhealthy() throws Exception {
    managed = shell("sleep 60", () -> false);
    managed.start();
    assertThat(managed.status().state()).isEqualTo(ProcessState.UNHEALTHY);
  }

  @Test
  void theLastErrorOfTheLogWithTheExceptionUnderIt() throws Exception {
    managed = shell("true");
    assertThat(managed.lastLoggedError()).isEmpty();
    Files.writeString(
        dir.resolve("p.log"),
        """
        2026-12-02T02:03:40,001 ERROR [main] a.B - an earlier error
        2026-12-02T02:03:44,467 INFO  [main] a.B - carrying on
        2026-12-02T02:03:44,467 ERROR [main] kafka.Kafka$ - Exiting Kafka due to fatal exception
        java.lang.RuntimeException: Stored node id 7 doesn't match previous node id 1
        \tat org.apache.kafka.metadata.properties.MetaPropertiesEnsemble.verify(X.java:513)
        2026-12-02T02:03:44,470 INFO  [main] a.B - shutting down
        """,
        StandardCharsets.UTF_8);
    assertThat(managed.lastLoggedError())
        .hasValue(
            "2026-12-02T02:03:44,467 ERROR [main] kafka.Kafka$ - Exiting Kafka due to fatal"
                + " exception / java.lang.RuntimeException: Stored node id 7 doesn't match previous"
                + " node id 1");
  }

  private ManagedProcess shell(String script) {
    return shell(script, () -> true);
  }

  private ManagedProcess shell(String script, ProcessProbe probe) {
    // The marker is the shell's $0: an argument no other process on the machine has.
    String marker = "freshet-test-" + UUID.randomUUID();
    return new ManagedProcess(
        new ProcessSpec(
            "p",
            List.of("/bin/sh", "-c", script, marker),
            Map.of(),
            dir,
            dir.resolve("p.pid"),
            dir.resolve("p.log"),
            dir.resolve("p.out"),
            marker,
            List.of()),
        probe);
  }
}
