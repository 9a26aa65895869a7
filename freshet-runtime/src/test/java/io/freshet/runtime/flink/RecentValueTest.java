package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentValueTest {
  private static final Duration MAX_AGE = Duration.ofMillis(250);
  private static final long WITHIN = TimeUnit.MILLISECONDS.toNanos(249);
  private static final long AFTER = TimeUnit.MILLISECONDS.toNanos(250);

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AtomicInteger reads = new AtomicInteger();

  @Test
  void givenAFreshValue_whenAskedAgainWithinMaxAge_thenItIsNotReadAgain() {
    RecentValue<Integer> value = new RecentValue<>(reads::incrementAndGet, MAX_AGE, now::get);

    assertThat(value.get()).isEqualTo(1);
    now.addAndGet(WITHIN);

    assertThat(value.get()).isEqualTo(1);
    assertThat(reads).hasValue(1);
  }

  @Test
  void givenAnOldValue_whenAsked_thenItIsReadAgain() {
    RecentValue<Integer> value = new RecentValue<>(reads::incrementAndGet, MAX_AGE, now::get);
    value.get();

    now.addAndGet(AFTER);

    assertThat(value.get()).isEqualTo(2);
  }

  @Test
  void givenAnInvalidatedValue_whenAsked_thenItIsReadAgainAtOnce() {
    RecentValue<Integer> value = new RecentValue<>(reads::incrementAndGet, MAX_AGE, now::get);
    value.get();

    value.invalidate();

    assertThat(value.get()).isEqualTo(2);
  }

  @Test
  void givenARefreshInProgress_whenAnotherThreadAsks_thenItGetsThePreviousValueWithoutReading()
      throws Exception {
    CountDownLatch refreshStarted = new CountDownLatch(1);
    CountDownLatch releaseRefresh = new CountDownLatch(1);
    RecentValue<Integer> value =
        new RecentValue<>(
            () -> {
              int n = reads.incrementAndGet();
              if (n == 2) {
                refreshStarted.countDown();
                await(releaseRefresh);
              }
              return n;
            },
            MAX_AGE,
            now::get);
    value.get();
    now.addAndGet(AFTER);
    Thread refresher = new Thread(value::get);
    refresher.start();
    assertThat(refreshStarted.await(10, TimeUnit.SECONDS)).isTrue();

    int seen = value.get();

    releaseRefresh.countDown();
    refresher.join(10_000);
    assertThat(seen).isEqualTo(1);
    assertThat(reads).hasValue(2);
    assertThat(value.get()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
