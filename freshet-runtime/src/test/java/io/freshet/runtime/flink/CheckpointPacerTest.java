package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.runtime.flink.CheckpointPacer.Pace;
import io.freshet.runtime.flink.CheckpointPacer.Pace.Step;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

class CheckpointPacerTest {
  private static final long INTERVAL = 1_000;

  @Test
  void aJobIsFirstLookedAtAnIntervalAfterItWasAdded() {
    Pace pace = new Pace(INTERVAL, 5_000);

    assertThat(pace.next(5_400, 0)).isEqualTo(Step.waitFor(600));
    assertThat(pace.next(6_000, 0)).isEqualTo(Step.TRIGGER);
  }

  @Test
  void noRecordsSinceTheLastTriggerMeansNoCheckpointAndAnotherLookInAnInterval() {
    Pace pace = new Pace(INTERVAL, 0);
    assertThat(pace.next(1_000, 42)).isEqualTo(Step.TRIGGER);

    assertThat(pace.next(2_000, 42)).isEqualTo(Step.waitFor(INTERVAL));
    assertThat(pace.next(3_000, 42)).isEqualTo(Step.waitFor(INTERVAL));
    assertThat(pace.next(3_500, 43)).isEqualTo(Step.TRIGGER);
  }

  @Test
  void recordsTriggerOnceAnIntervalAfterTheLastTrigger() {
    Pace pace = new Pace(INTERVAL, 0);
    assertThat(pace.next(1_000, 1)).isEqualTo(Step.TRIGGER);

    // The checkpoint completed 300 after it was triggered; records keep coming.
    assertThat(pace.next(1_300, 7)).isEqualTo(Step.waitFor(700));
    assertThat(pace.next(2_000, 9)).isEqualTo(Step.TRIGGER);
    // One that took longer than an interval: the next is due as soon as it is looked at.
    assertThat(pace.next(3_600, 12)).isEqualTo(Step.TRIGGER);
  }

  @Test
  void afterAFailedCheckpointTheNextLookTriggersEvenWithoutNewRecords() {
    Pace pace = new Pace(INTERVAL, 0);
    assertThat(pace.next(1_000, 5)).isEqualTo(Step.TRIGGER);

    pace.failed();

    assertThat(pace.next(2_000, 5)).isEqualTo(Step.TRIGGER);
    assertThat(pace.next(3_000, 5)).isEqualTo(Step.waitFor(INTERVAL));
  }

  @Test
  void thePacerTriggersWhenRecordsMoveAndRetriesAFailedCheckpoint() throws Exception {
    JobID job = JobID.generate();
    AtomicLong records = new AtomicLong();
    BlockingQueue<CompletableFuture<Long>> triggered = new LinkedBlockingQueue<>();
    try (CheckpointPacer pacer =
        new CheckpointPacer(
            Duration.ofMillis(20),
            Duration.ofMillis(1),
            id -> id.equals(job) ? records.get() : -1,
            id -> {
              CompletableFuture<Long> checkpoint = new CompletableFuture<>();
              triggered.add(checkpoint);
              return checkpoint;
            })) {
      pacer.add(job);

      // The first look always triggers; while that checkpoint runs, nothing else is triggered.
      CompletableFuture<Long> first = triggered.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      records.addAndGet(10);
      first.completeExceptionally(new IllegalStateException("declined"));

      // Failed: triggered again.
      CompletableFuture<Long> retry = triggered.poll(10, TimeUnit.SECONDS);
      assertThat(retry).isNotNull();
      retry.complete(2L);

      // Records counted after that trigger read the count: one more checkpoint.
      records.addAndGet(1);
      CompletableFuture<Long> next = triggered.poll(10, TimeUnit.SECONDS);
      assertThat(next).isNotNull();
      assertThat(triggered).isEmpty();
    }
  }
}
