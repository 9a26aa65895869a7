package io.freshet.runtime.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Records per second per topic, from the growth of its end offsets between the previous sample and
 * this one: no sampler runs in the background, so rates exist from the second look at the topics
 * list on. Samples closer together than {@link #MIN_WINDOW} keep the previous rates, so that two
 * open dashboards do not measure over a few milliseconds.
 */
public final class TopicRates {
  /** The shortest span a rate is measured over. */
  public static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  private final LongSupplier nanoClock;
  private Sample previous;
  private Rates last = new Rates(Map.of(), OptionalLong.empty());

  /** The rates of one sample, and the span they were measured over. */
  public record Rates(Map<String, Double> perSecond, OptionalLong windowMs) {
    public Rates {
      perSecond = Map.copyOf(perSecond);
    }
  }

  private record Sample(long nanos, Map<String, Long> ends) {}

  /**
   * @param nanoClock a monotonic clock in nanoseconds, {@link System#nanoTime} outside tests
   */
  public TopicRates(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a sample of each topic's summed end offsets and returns the rates since the previous one;
   * a topic whose offsets went down (deleted and recreated) or that is new has none.
   */
  public synchronized Rates sample(Map<String, Long> endOffsetSums) {
    long now = nanoClock.getAsLong();
    Sample current = new Sample(now, Map.copyOf(endOffsetSums));
    if (previous == null) {
      previous = current;
      return last;
    }
    long elapsed = now - previous.nanos();
    if (elapsed < MIN_WINDOW.toNanos()) {
      return last;
    }
    Map<String, Double> rates = new HashMap<>();
    current
        .ends()
        .forEach(
            (topic, end) -> {
              Long before = previous.ends().get(topic);
              if (before != null && end >= before) {
                rates.put(topic, (end - before) * 1e9 / elapsed);
              }
            });
    previous = current;
    last = new Rates(rates, OptionalLong.of(Duration.ofNanos(elapsed).toMillis()));
    return last;
  }
}
