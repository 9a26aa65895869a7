package io.freshet.pipelines.fraud.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.core.json.Json;
import io.freshet.core.time.Timestamps;
import io.freshet.serving.ServingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decisions the fraud job has committed, read from the serving table {@code transaction_decisions}:
 * the answer for transactions the decision API no longer remembers (older ones, or ones appended
 * before a restart).
 */
final class CommittedDecisions {
  private static final String COLUMNS =
      "transaction_id, event_id, customer_id, decision, rules_fired, details, event_time,"
          + " decided_at";

  private final Supplier<Optional<ServingStore>> store;
  private final String table;

  CommittedDecisions(Supplier<Optional<ServingStore>> store, String table) {
    this.store = store;
    this.table = table;
  }

  /** The committed decision on {@code transactionId}, if there is one. */
  Optional<TransactionDecision> byTransactionId(String transactionId) throws SQLException {
    return find("transaction_id", transactionId);
  }

  /** The committed decision on the event {@code eventId}, if there is one. */
  Optional<TransactionDecision> byEventId(String eventId) throws SQLException {
    return find("event_id", eventId);
  }

  private Optional<TransactionDecision> find(String column, String value) throws SQLException {
    Optional<ServingStore> open = store.get();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + column + " = ?";
    try (Connection connection = open.get().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static TransactionDecision read(ResultSet rs) throws SQLException {
    // Back through the topic's own JSON shape, so there is one reader of a decision.
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("transaction_id", rs.getString(1));
    json.put("event_id", rs.getString(2));
    json.put("customer_id", rs.getString(3));
    json.put("decision", rs.getString(4));
    try {
      json.set("rules_fired", Json.MAPPER.readTree(rs.getString(5)));
      String details = rs.getString(6);
      if (details != null) {
        json.set("details", Json.MAPPER.readTree(details));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable JSON in a decision row", e);
    }
    json.put("event_time", millis(rs.getObject(7, LocalDateTime.class)));
    json.put("decided_at", millis(rs.getObject(8, LocalDateTime.class)));
    return TransactionDecisionCodec.read(json);
  }

  private static String millis(LocalDateTime utc) {
    return Timestamps.format(utc.toInstant(ZoneOffset.UTC).toEpochMilli());
  }
}
