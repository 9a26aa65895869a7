package io.freshet.pipelines.kafka;

/**
 * What the Kafka source makes of one record: a valid event with its event time, or a dead letter
 * saying why not. Exactly one of {@code event} and {@code deadLetter} is set.
 */
public record Ingested<T>(T event, long eventTime, DeadLetterRecord deadLetter) {
  public static <T> Ingested<T> valid(T event, long eventTime) {
    return new Ingested<>(event, eventTime, null);
  }

  public static <T> Ingested<T> rejected(DeadLetterRecord deadLetter) {
    return new Ingested<>(null, Long.MIN_VALUE, deadLetter);
  }

  public boolean isValid() {
    return deadLetter == null;
  }
}
