package io.freshet.testkit.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Independent reference for the fraud pipeline: straight loops over each customer's arrived
 * transactions, deliberately sharing no code with freshet-core's rules so it can check them.
 *
 * <p>Semantics, per customer, each valid first delivery evaluated in arrival order against the
 * customer's earlier-arrived transactions (t = its event time): VELOCITY when more than 5 of them,
 * itself included, lie in (t - 120 s, t]; IMPOSSIBLE_TRAVEL when the last-arrived one p has 0 <= t
 * - p.t <= 3600 s and both have geo more than 500 km apart; AMOUNT_ANOMALY when at least 5 lie in
 * [t - 30 d, t) and amount > 3 x their mean, decided exactly on amounts in micro-units (the decimal
 * rounded to six places) as amount x priors > 3 x sum, with no floating-point mean. The decision
 * counts every rule that fired; an alert is then suppressed when the last emitted alert of that
 * rule for the customer has t - last < 300 s (taken literally, so an alert behind the last one in
 * event time is suppressed too). A re-delivered event_id is skipped entirely; invalid records are
 * only counted.
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
  static final long AMOUNT_MULTIPLIER = 3;
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
      long amountMicros,
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
    Set<String> alerts = new HashSet<>();
    Set<String> suppressed = new HashSet<>();
    Map<String, String> decisions = new HashMap<>();
    Counts counts =
        stream(
            values.iterator(),
            outcome -> {
              decisions.put(outcome.transactionId(), outcome.decision());
              alerts.addAll(outcome.alerts());
              suppressed.addAll(outcome.suppressed());
            });
    return new ReferenceResult(
        alerts,
        suppressed,
        decisions,
        counts.validUnique(),
        counts.duplicates(),
        counts.malformed());
  }

  /**
   * What the reference decided for one valid first delivery.
   *
   * @param alerts the emitted alerts, {@code RULE:transaction_id}
   * @param suppressed rule firings dedup suppressed, same format
   */
  public record Outcome(
      String customerId,
      String transactionId,
      long eventTime,
      String decision,
      List<String> alerts,
      List<String> suppressed) {}

  /** How many records of each kind {@link #stream} saw. */
  public record Counts(long validUnique, long duplicates, long malformed) {}

  /**
   * Streams the expected output for record values in production order to {@code outcomes}, one
   * outcome per valid first delivery in that order, keeping only each customer's compact history
   * (times, amounts, geo and event ids); for runs of millions of records that a {@link
   * ReferenceResult} of every decision would not fit.
   */
  public static Counts stream(Iterator<byte[]> values, Consumer<Outcome> outcomes) {
    Map<String, History> histories = new HashMap<>();
    long valid = 0;
    long duplicates = 0;
    long malformed = 0;

    while (values.hasNext()) {
      Txn txn = parse(values.next());
      if (txn == null) {
        malformed++;
        continue;
      }
      History earlier = histories.computeIfAbsent(txn.customerId(), c -> new History());
      if (!earlier.eventIds.add(txn.eventId())) {
        duplicates++;
        continue;
      }
      valid++;
      long t = txn.time();
      List<String> fired = new ArrayList<>(3);

      int inWindow = 1;
      for (int i = 0; i < earlier.size; i++) {
        long p = earlier.times[i];
        if (p > t - VELOCITY_WINDOW_MS && p <= t) {
          inWindow++;
        }
      }
      if (inWindow > VELOCITY_MAX_COUNT) {
        fired.add(VELOCITY);
      }

      if (earlier.size > 0) {
        int last = earlier.size - 1;
        long dt = t - earlier.times[last];
        if (dt >= 0
            && dt <= TRAVEL_WINDOW_MS
            && txn.lat() != null
            && !Double.isNaN(earlier.lats[last])
            && haversineKm(earlier.lats[last], earlier.lons[last], txn.lat(), txn.lon())
                > TRAVEL_MAX_KM) {
          fired.add(IMPOSSIBLE_TRAVEL);
        }
      }

      int priors = 0;
      long sum = 0;
      for (int i = 0; i < earlier.size; i++) {
        long p = earlier.times[i];
        if (p >= t - AMOUNT_LOOKBACK_MS && p < t) {
          priors++;
          sum = Math.addExact(sum, earlier.amounts[i]);
        }
      }
      if (priors >= AMOUNT_MIN_PRIORS
          && Math.multiplyExact(txn.amountMicros(), priors)
              > Math.multiplyExact(AMOUNT_MULTIPLIER, sum)) {
        fired.add(AMOUNT_ANOMALY);
      }

      String decision = fired.isEmpty() ? "APPROVE" : fired.size() == 1 ? "REVIEW" : "BLOCK";
      List<String> emitted = new ArrayList<>(fired.size());
      List<String> held = new ArrayList<>(0);
      for (String rule : fired) {
        String alertId = rule + ":" + txn.transactionId();
        Long last = earlier.lastEmitted.get(rule);
        if (last != null && t - last < SUPPRESSION_MS) {
          held.add(alertId);
        } else {
          emitted.add(alertId);
          earlier.lastEmitted.put(rule, t);
        }
      }
      earlier.add(txn);
      outcomes.accept(
          new Outcome(txn.customerId(), txn.transactionId(), t, decision, emitted, held));
    }
    return new Counts(valid, duplicates, malformed);
  }

  /** One customer's earlier-arrived transactions in arrival order, in parallel arrays. */
  private static final class History {
    long[] times = new long[8];
    long[] amounts = new long[8];
    double[] lats = new double[8];
    double[] lons = new double[8];
    int size;
    final Set<String> eventIds = new HashSet<>();
    final Map<String, Long> lastEmitted = new HashMap<>(4);

    void add(Txn txn) {
      if (size == times.length) {
        int n = size * 2;
        times = Arrays.copyOf(times, n);
        amounts = Arrays.copyOf(amounts, n);
        lats = Arrays.copyOf(lats, n);
        lons = Arrays.copyOf(lons, n);
      }
      times[size] = txn.time();
      amounts[size] = txn.amountMicros();
      lats[size] = txn.lat() == null ? Double.NaN : txn.lat();
      lons[size] = txn.lon() == null ? Double.NaN : txn.lon();
      size++;
    }
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
      time = parseTimestamp(timestamp);
    } catch (DateTimeException e) {
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
    double parsed = amountNode.doubleValue();
    if (!Double.isFinite(parsed) || parsed < 0) {
      return null;
    }
    // The shortest decimal that reads back as the same double, in micro-units (half-even).
    long amount =
        new BigDecimal(Double.toString(parsed))
            .setScale(6, RoundingMode.HALF_EVEN)
            .unscaledValue()
            .longValueExact();
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

  /**
   * ISO-8601 with an offset, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it; the common
   * {@code uuuu-MM-ddTHH:mm:ss.SSSZ} form is read by hand, since the formatter would cost more than
   * the rules over millions of records.
   */
  static long parseTimestamp(String ts) {
    if (ts.length() == 24
        && ts.charAt(4) == '-'
        && ts.charAt(7) == '-'
        && ts.charAt(10) == 'T'
        && ts.charAt(13) == ':'
        && ts.charAt(16) == ':'
        && ts.charAt(19) == '.'
        && ts.charAt(23) == 'Z') {
      int year = digits(ts, 0, 4);
      int month = digits(ts, 5, 7);
      int day = digits(ts, 8, 10);
      int hour = digits(ts, 11, 13);
      int minute = digits(ts, 14, 16);
      int second = digits(ts, 17, 19);
      int millis = digits(ts, 20, 23);
      if (year >= 0
          && month >= 0
          && day >= 0
          && hour >= 0
          && minute >= 0
          && second >= 0
          && millis >= 0) {
        // LocalDate/LocalTime.of reject what the formatter rejects (Feb 30, hour 24, ...).
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long secondOfDay = LocalTime.of(hour, minute, second).toSecondOfDay();
        return (epochDay * 86_400 + secondOfDay) * 1_000 + millis;
      }
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(ts, Instant::from).toEpochMilli();
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
