package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.geo.GeoPoint;
import io.freshet.core.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming read must give exactly what the tree-based read gives: the same transaction, or the
 * same error type, field, message and cause, on valid envelopes and on many seeded mutations.
 */
class TransactionReaderStreamingTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String RAW = "__RAW__";

  /** Values every field is set to in turn; RAW-prefixed ones are written as bare JSON tokens. */
  static final List<Object> VALUES =
      List.of(
          "",
          "   ",
          "x",
          "transaction.initiated",
          "2026-11-26T12:00:00.000Z",
          "2026-11-26T13:00:00+01:00",
          "2026-02-30T00:00:00.000Z",
          "2.0",
          "3.1",
          "2",
          "12.5",
          17,
          0,
          -1,
          -0.0,
          0.1,
          89.999,
          90.0001,
          -180.0,
          180.0001,
          4_000_000_000L,
          true,
          RAW + "null",
          RAW + "[]",
          RAW + "[1,{\"a\":[]}]",
          RAW + "{}",
          RAW + "{\"lat\":1,\"lon\":2}",
          RAW + "{\"lat\":1}",
          RAW + "{\"lat\":\"1\",\"lon\":2}",
          RAW + "{\"lat\":1,\"lon\":2,\"lat\":91}",
          RAW + "NaN",
          RAW + "Infinity",
          RAW + "-Infinity",
          RAW + "1e400",
          RAW + "1E2",
          RAW + "-0",
          RAW + "123456789012345678901234567890",
          RAW + "12345678901234567890.5");

  final TransactionReader reader = new TransactionReader();

  @Test
  void writerOutputReadsTheSameOnBothPaths() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      Transaction txn = randomTransaction(random, i);
      byte[] value = TransactionWriter.write(txn, "src", i % 3 == 0 ? null : "corr", "trace");
      assertThat(reader.read(value)).isEqualTo(txn);
      assertSame(value);
    }
  }

  @Test
  void everyFieldSetToEveryValueOrRemovedReadsTheSameOnBothPaths() {
    ObjectNode base = TestEvents.validTransactionEnvelope();
    List<String> paths = fieldPaths(base);
    paths.add("payload.unknown");
    paths.add("metadata.unknown");
    paths.add("unknown");
    paths.add("payload.geo_location.unknown");
    int checked = 0;
    for (String path : paths) {
      ObjectNode removed = base.deepCopy();
      if (parent(removed, path) != null) {
        parent(removed, path).remove(last(path));
        assertSame(TestEvents.bytes(removed));
      }
      for (Object value : VALUES) {
        ObjectNode env = base.deepCopy();
        ObjectNode parent = parent(env, path);
        if (parent == null) {
          continue;
        }
        assertSame(withValue(env, parent, last(path), value));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1_000);
  }

  @Test
  void repeatedFieldsReadTheSameOnBothPaths() {
    // The tree keeps the last of repeated fields; the stream must never keep another one.
    String valid = new String(TestEvents.bytes(TestEvents.validTransactionEnvelope()), UTF8);
    List<String> extras =
        List.of(
            "\"event_id\":\"evt-first\"",
            "\"event_id\":17",
            "\"event_type\":\"other\"",
            "\"timestamp\":\"2020-01-01T00:00:00.000Z\"",
            "\"timestamp\":\"bad\"",
            "\"source\":5",
            "\"metadata\":{\"schema_version\":\"3.0\"}",
            "\"payload\":{\"transaction_id\":\"t\",\"customer_id\":\"c\",\"amount\":1}",
            "\"payload\":{}");
    for (String extra : extras) {
      assertSame(utf8(valid.replaceFirst("\\{", "{" + extra + ",")));
      assertSame(utf8(valid.substring(0, valid.length() - 1) + "," + extra + "}"));
    }
    for (String extra :
        List.of(
            "\"amount\":-1",
            "\"amount\":2.5",
            "\"customer_id\":\"\"",
            "\"customer_id\":\"other\"",
            "\"currency\":1",
            "\"currency\":null",
            "\"geo_location\":null",
            "\"geo_location\":{\"lat\":1,\"lon\":1}")) {
      assertSame(utf8(valid.replace("\"payload\":{", "\"payload\":{" + extra + ",")));
      assertSame(utf8(valid.replace(",\"metadata\"", "," + extra + ",\"metadata\"")));
      assertSame(utf8(valid.replace("\"channel\":\"online\"", "\"channel\":\"online\"," + extra)));
    }
  }

  @Test
  void truncatedCorruptedAndPaddedValuesReadTheSameOnBothPaths() {
    byte[] valid = TestEvents.bytes(TestEvents.validTransactionEnvelope());
    for (int length = 1; length < valid.length; length++) {
      assertSame(java.util.Arrays.copyOf(valid, length));
    }
    Random random = new Random(7);
    byte[] corruptions = "{}[]\":,\\ 0-.eENx\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 3_000; i++) {
      byte[] value = valid.clone();
      value[random.nextInt(value.length)] = corruptions[random.nextInt(corruptions.length)];
      assertSame(value);
    }
    String text = new String(valid, UTF8);
    assertSame(utf8(text + " "));
    assertSame(utf8(text + " x"));
    assertSame(utf8(text + text));
    assertSame(utf8(" \n" + text.replace(",", ",\n  ").replace(":", " : ") + "\n"));
    assertSame(utf8("[" + text + "]"));
    assertSame(utf8(text.replace("cust-42", "cust-\u00e9\u20ac\ud83d\ude00")));
    assertSame(utf8(text.replace("cust-42", "cust-\\u0041\\n")));
  }

  @Test
  void shuffledFieldOrderReadsTheSameOnBothPaths() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      assertSame(TestEvents.bytes(shuffled(TestEvents.validTransactionEnvelope(), random)));
    }
  }

  private void assertSame(byte[] value) {
    String tree = outcome(() -> reader.readTree(value));
    String streaming = outcome(() -> reader.read(value));
    assertThat(streaming).as(new String(value, UTF8)).isEqualTo(tree);
  }

  private static String outcome(Supplier<Transaction> read) {
    try {
      return "OK " + read.get();
    } catch (InvalidEventException e) {
      Throwable cause = e.getCause();
      return e.errorType()
          + " | "
          + e.field()
          + " | "
          + e.getMessage()
          + " | "
          + (cause == null ? null : cause.getClass().getName() + ": " + cause.getMessage());
    }
  }

  private static byte[] withValue(ObjectNode env, ObjectNode parent, String name, Object value) {
    if (value instanceof String s && s.startsWith(RAW)) {
      parent.put(name, RAW);
      String json = new String(TestEvents.bytes(env), UTF8);
      return utf8(json.replace("\"" + RAW + "\"", s.substring(RAW.length())));
    }
    parent.set(name, MAPPER.valueToTree(value));
    return TestEvents.bytes(env);
  }

  private static List<String> fieldPaths(JsonNode node) {
    List<String> paths = new ArrayList<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String prefix, List<String> paths) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      paths.add(path);
      if (field.getValue().isObject()) {
        collect(field.getValue(), path + ".", paths);
      }
    }
  }

  private static ObjectNode parent(ObjectNode root, String path) {
    JsonNode node = root;
    String[] segments = path.split("\\.");
    for (int i = 0; i < segments.length - 1; i++) {
      node = node.get(segments[i]);
      if (node == null || !node.isObject()) {
        return null;
      }
    }
    return (ObjectNode) node;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static ObjectNode shuffled(ObjectNode node, Random random) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    java.util.Collections.shuffle(names, random);
    ObjectNode copy = MAPPER.createObjectNode();
    for (String name : names) {
      JsonNode value = node.get(name);
      copy.set(name, value.isObject() ? shuffled((ObjectNode) value, random) : value);
    }
    return copy;
  }

  private static Transaction randomTransaction(Random random, int i) {
    Set<Integer> absent = new LinkedHashSet<>();
    for (int k = 0; k < 8; k++) {
      if (random.nextInt(4) == 0) {
        absent.add(k);
      }
    }
    return new Transaction(
        "evt-" + Long.toHexString(random.nextLong()),
        random.nextLong() >> 22,
        "txn-" + i,
        "cust-" + random.nextInt(1_000),
        random.nextInt(3) == 0 ? random.nextInt(10_000) : random.nextDouble() * 10_000,
        absent.contains(0) ? null : "EUR",
        absent.contains(1) ? null : "merch-" + random.nextInt(100),
        absent.contains(2) ? null : "5411",
        absent.contains(3) ? null : String.format("%04d", random.nextInt(10_000)),
        absent.contains(4)
            ? null
            : new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180),
        absent.contains(5) ? null : "fp-\u00e9\"\\" + random.nextInt(),
        absent.contains(6) ? null : "10.0.0." + random.nextInt(256),
        absent.contains(7) ? null : "online");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF8);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
