package io.freshet.pipelines.common;

/**
 * What the Kafka source makes of one record: a valid event with its event time, or a dead letter
 * saying why not. Exactly one of {@code event} and {@code deadLetter} is set; {@code appendTime} is
 * the record's broker append time.
 */
public record Ingested<T>(T event, long eventTime, long appendTime, DeadLetterRecord deadLetter) {
  public static <T> Ingested<T> valid(T event, long eventTime, long appendTime) {
    return new Ingested<>(event, eventTime, appendTime, null);
  }

  public static <T> Ingested<T> rejected(DeadLetterRecord deadLetter, long appendTime) {
    return new Ingested<>(null, Long.MIN_VALUE, appendTime, deadLetter);
  }

  public boolean isValid() {
    return deadLetter == null;
  }
}
