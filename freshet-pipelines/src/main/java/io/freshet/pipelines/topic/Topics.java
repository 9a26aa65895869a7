package io.freshet.pipelines.topic;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every topic Freshet creates at start-up, with its documented defaults. */
public final class Topics {
  private Topics() {}

  /** Dead letters may hold a whole 10 MiB value, base64-encoded inside a JSON document. */
  public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

  public static final TopicDescriptor<String, Transaction> TRANSACTIONS =
      new TopicDescriptor<>(
          "transactions", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.TRANSACTION);

  public static final TopicDescriptor<String, FraudAlert> FRAUD_ALERTS =
      new TopicDescriptor<>(
          "fraud-alerts", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.FRAUD_ALERT);

  public static final TopicDescriptor<String, TransactionDecision> TRANSACTION_DECISIONS =
      new TopicDescriptor<>(
          "transaction-decisions", 4, Duration.ofDays(7), Map.of(), Codecs.UTF8, Codecs.DECISION);

  /** One partition so that an offset alone names a dead letter. */
  public static final TopicDescriptor<String, DeadLetter> TRANSACTIONS_DLQ =
      deadLettersFor(TRANSACTIONS);

  /** The dead-letter topic of an input topic: {@code <topic>.dlq}, kept 30 days. */
  public static TopicDescriptor<String, DeadLetter> deadLettersFor(TopicDescriptor<?, ?> input) {
    return new TopicDescriptor<>(
        input.name() + ".dlq",
        1,
        Duration.ofDays(30),
        Map.of("max.message.bytes", Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES)),
        Codecs.UTF8,
        Codecs.DEAD_LETTER);
  }

  /** All topics, in creation order. */
  public static List<TopicDescriptor<?, ?>> all() {
    return List.of(TRANSACTIONS, FRAUD_ALERTS, TRANSACTION_DECISIONS, TRANSACTIONS_DLQ);
  }

  /** The descriptor of a topic by name, if Freshet owns it. */
  public static Optional<TopicDescriptor<?, ?>> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
