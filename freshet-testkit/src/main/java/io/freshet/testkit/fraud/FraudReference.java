package io.freshet.testkit.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Independent reference for the fraud pipeline: straight loops over each customer's arrived
 * transactions, deliberately sharing no code with freshet-core's rules so it can check them.
 *
 * <p>Semantics, per customer, each valid first delivery evaluated in arrival order against the
 * customer's earlier-arrived transactions (t = its event time): VELOCITY when more than 5 of them,
 * itself included, lie in (t - 120 s, t]; IMPOSSIBLE_TRAVEL when the last-arrived one p has 0 <= t
 * - p.t <= 3600 s and both have geo more than 500 km apart; AMOUNT_ANOMALY when at least 5 lie in
 * [t - 30 d, t) and amount > 3 x their mean. The decision counts every rule that fired; an alert is
 * then suppressed when the last emitted alert of that rule for the customer has t - last < 300 s
 * (taken literally, so an alert behind the last one in event time is suppressed too). A
 * re-delivered event_id is skipped entirely; invalid records are only counted.
 */
public final class FraudReference {
  public static final String VELOCITY = "VELOCITY";
  public static final String IMPOSSIBLE_TRAVEL = "IMPOSSIBLE_TRAVEL";
  public static final String AMOUNT_ANOMALY = "AMOUNT_ANOMALY";

  static final long VELOCITY_WINDOW_MS = 120_000L;
  static final int VELOCITY_MAX_COUNT = 5;
  static final long TRAVEL_WINDOW_MS = 3_600_000L;
  static final double TRAVEL_MAX_KM = 500.0;
  static final long AMOUNT_LOOKBACK_MS = 30L * 24 * 3_600_000L;
  static final int AMOUNT_MIN_PRIORS = 5;
  static final double AMOUNT_MULTIPLIER = 3.0;
  static final long SUPPRESSION_MS = 300_000L;
  static final double EARTH_RADIUS_KM = 6371.0;

  private static final String EVENT_TYPE = "transaction.initiated";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FraudReference() {}

  /** A parsed transaction: only what the rules need. */
  private record Txn(
      String eventId,
      String transactionId,
      String customerId,
      long time,
      double amount,
      Double lat,
      Double lon) {}

  public static ReferenceResult compute(Scenario scenario) {
    return compute(scenario.records());
  }

  /** Computes the expected output for records in production order; their Kind is ignored. */
  public static ReferenceResult compute(List<GeneratedRecord> records) {
    List<byte[]> values = new ArrayList<>(records.size());
    records.forEach(r -> values.add(r.value()));
    return computeValues(values);
  }

  /** Computes the expected output for raw record values in production order. */
  public static ReferenceResult computeValues(List<byte[]> values) {
    Map<String, List<Txn>> history = new HashMap<>();
    Map<String, Set<String>> seenEventIds = new HashMap<>();
    Map<String, Long> lastEmitted = new HashMap<>();
    Set<String> alerts = new HashSet<>();
    Set<String> suppressed = new HashSet<>();
    Map<String, String> decisions = new HashMap<>();
    long valid = 0;
    long duplicates = 0;
    long malformed = 0;

    for (byte[] value : values) {
      Txn txn = parse(value);
      if (txn == null) {
        malformed++;
        continue;
      }
      if (!seenEventIds
          .computeIfAbsent(txn.customerId(), c -> new HashSet<>())
          .add(txn.eventId())) {
        duplicates++;
        continue;
      }
      valid++;
      List<Txn> earlier = history.computeIfAbsent(txn.customerId(), c -> new ArrayList<>());
      long t = txn.time();
      List<String> fired = new ArrayList<>();

      int inWindow = 1;
      for (Txn p : earlier) {
        if (p.time() > t - VELOCITY_WINDOW_MS && p.time() <= t) {
          inWindow++;
        }
      }
      if (inWindow > VELOCITY_MAX_COUNT) {
        fired.add(VELOCITY);
      }

      if (!earlier.isEmpty()) {
        Txn p = earlier.get(earlier.size() - 1);
        long dt = t - p.time();
        if (dt >= 0
            && dt <= TRAVEL_WINDOW_MS
            && txn.lat() != null
            && p.lat() != null
            && haversineKm(p.lat(), p.lon(), txn.lat(), txn.lon()) > TRAVEL_MAX_KM) {
          fired.add(IMPOSSIBLE_TRAVEL);
        }
      }

      int priors = 0;
      double sum = 0;
      for (Txn p : earlier) {
        if (p.time() >= t - AMOUNT_LOOKBACK_MS && p.time() < t) {
          priors++;
          sum += p.amount();
        }
      }
      if (priors >= AMOUNT_MIN_PRIORS && txn.amount() > AMOUNT_MULTIPLIER * (sum / priors)) {
        fired.add(AMOUNT_ANOMALY);
      }

      decisions.put(
          txn.transactionId(),
          fired.isEmpty() ? "APPROVE" : fired.size() == 1 ? "REVIEW" : "BLOCK");
      for (String rule : fired) {
        String alertId = rule + ":" + txn.transactionId();
        String dedupKey = txn.customerId() + "\u0000" + rule;
        Long last = lastEmitted.get(dedupKey);
        if (last != null && t - last < SUPPRESSION_MS) {
          suppressed.add(alertId);
        } else {
          alerts.add(alertId);
          lastEmitted.put(dedupKey, t);
        }
      }
      earlier.add(txn);
    }
    return new ReferenceResult(alerts, suppressed, decisions, valid, duplicates, malformed);
  }

  /** Great-circle distance on a sphere of radius 6371 km. */
  static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  /** The transaction a record carries, or null when the record must be dead-lettered. */
  private static Txn parse(byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(value);
    } catch (IOException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    String eventId = text(root, "event_id");
    if (eventId == null || !EVENT_TYPE.equals(text(root, "event_type"))) {
      return null;
    }
    String timestamp = text(root, "timestamp");
    if (timestamp == null) {
      return null;
    }
    long time;
    try {
      time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(timestamp, Instant::from).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
    JsonNode metadata = root.get("metadata");
    if (metadata != null && metadata.isObject() && metadata.has("schema_version")) {
      String version = text(metadata, "schema_version");
      if (version == null || !(version.equals("2") || version.startsWith("2."))) {
        return null;
      }
    }
    JsonNode payload = root.get("payload");
    if (payload == null || !payload.isObject()) {
      return null;
    }
    String transactionId = text(payload, "transaction_id");
    String customerId = text(payload, "customer_id");
    JsonNode amountNode = payload.get("amount");
    if (transactionId == null
        || customerId == null
        || amountNode == null
        || !amountNode.isNumber()) {
      return null;
    }
    double amount = amountNode.doubleValue();
    if (!Double.isFinite(amount) || amount < 0) {
      return null;
    }
    Double lat = null;
    Double lon = null;
    JsonNode geo = payload.get("geo_location");
    if (geo != null && !geo.isNull()) {
      JsonNode latNode = geo.get("lat");
      JsonNode lonNode = geo.get("lon");
      if (latNode == null || lonNode == null || !latNode.isNumber() || !lonNode.isNumber()) {
        return null;
      }
      lat = latNode.doubleValue();
      lon = lonNode.doubleValue();
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        return null;
      }
    }
    return new Txn(eventId, transactionId, customerId, time, amount, lat, lon);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
