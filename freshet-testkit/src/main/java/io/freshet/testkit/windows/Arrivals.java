package io.freshet.testkit.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/** Seeded arrival disorder: events delayed by a random amount below a bound, then sorted. */
public final class Arrivals {
  private Arrivals() {}

  /**
   * The events in the order they arrive when each is delayed by a uniformly random {@code [0,
   * maxDelayMillis)} after its event time (ties keep the given order); the same seed gives the same
   * order.
   */
  public static <T> List<T> withDisorder(
      List<T> events, ToLongFunction<T> eventTime, long maxDelayMillis, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    record Delayed<T>(T event, long arrival, int index) {}
    List<Delayed<T>> delayed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      T e = events.get(i);
      long delay = maxDelayMillis <= 0 ? 0 : random.nextLong(maxDelayMillis);
      delayed.add(new Delayed<>(e, eventTime.applyAsLong(e) + delay, i));
    }
    delayed.sort(
        Comparator.<Delayed<T>>comparingLong(Delayed::arrival).thenComparingInt(Delayed::index));
    List<T> out = new ArrayList<>(delayed.size());
    delayed.forEach(d -> out.add(d.event()));
    return out;
  }
}
