package io.freshet.pipelines.common;

import java.io.Serializable;

/** Reads the event time (epoch millis) of a decoded event. */
@FunctionalInterface
public interface EventTimeOf<T> extends Serializable {
  long of(T event);
}
