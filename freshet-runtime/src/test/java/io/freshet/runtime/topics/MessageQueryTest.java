package io.freshet.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A browse's query parameters parsed, refused with the reason, and its filter applied. */
class MessageQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noParametersBrowseFiftyCommittedRecordsFromTheBeginningOfEveryPartition() {
    // When a browse gives no parameters
    MessageQuery query = MessageQuery.parse("orders", Map.of());
    // Then it reads every partition from its start, 50 committed records, unfiltered
    assertThat(query)
        .isEqualTo(
            new MessageQuery(
                "orders",
                OptionalInt.empty(),
                new StartPosition.Earliest(),
                50,
                MessageFilter.NONE,
                IsolationLevel.READ_COMMITTED));
  }

  @Test
  void everyParameterIsParsed() {
    // Given every parameter, the empty ones as a form sends them
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("partition", List.of("1"));
    params.put("timestamp", List.of("2026-11-26T12:00:00Z"));
    params.put("limit", List.of("500"));
    params.put("key", List.of("k1"));
    params.put("header", List.of("trace:a:b"));
    params.put("field", List.of("customer.id:c:1"));
    params.put("isolation", List.of("read_uncommitted"));
    params.put("offset", List.of(""));
    // When parsed
    MessageQuery query = MessageQuery.parse("orders", params);
    // Then the header and field values keep everything after their first colon
    assertThat(query)
        .isEqualTo(
            new MessageQuery(
                "orders",
                OptionalInt.of(1),
                new StartPosition.AtTimestamp(1_795_694_400_000L),
                500,
                new MessageFilter("k1", "trace", "a:b", List.of("customer", "id"), "c:1"),
                IsolationLevel.READ_UNCOMMITTED));
    assertThat(MessageQuery.parse("t", Map.of("timestamp", List.of("1795694400000"))).start())
        .isEqualTo(new StartPosition.AtTimestamp(1_795_694_400_000L));
    assertThat(MessageQuery.parse("t", Map.of("offset", List.of("7"))).start())
        .isEqualTo(new StartPosition.AtOffset(7));
    assertThat(MessageQuery.parse("t", Map.of("offset", List.of("latest"))).start())
        .isEqualTo(new StartPosition.Latest());
    assertThat(MessageQuery.parse("t", Map.of("offset", List.of("1:4,0:12"))).start())
        .isEqualTo(new StartPosition.AtOffsets(Map.of(0, 12L, 1, 4L)));
  }

  @Test
  void aBadParameterIsRefusedWithWhatIsWrong() {
    assertThat(refusal(Map.of("limit", List.of("501"))))
        .isEqualTo("limit must be 1 to 500, not 501");
    assertThat(refusal(Map.of("limit", List.of("0")))).isEqualTo("limit must be 1 to 500, not 0");
    assertThat(refusal(Map.of("partition", List.of("x"))))
        .isEqualTo("partition 'x' is not a whole number");
    assertThat(refusal(Map.of("offset", List.of("-1"))))
        .isEqualTo("offset must be 0 to 9223372036854775807, not -1");
    assertThat(refusal(Map.of("offset", List.of("3"), "timestamp", List.of("5"))))
        .isEqualTo("give offset or timestamp, not both");
    assertThat(refusal(Map.of("timestamp", List.of("yesterday"))))
        .isEqualTo(
            "timestamp 'yesterday' must be an ISO-8601 instant such as 2026-11-26T12:00:00Z or"
                + " epoch milliseconds");
    assertThat(refusal(Map.of("isolation", List.of("dirty"))))
        .isEqualTo("isolation must be read_committed or read_uncommitted, not 'dirty'");
    assertThat(refusal(Map.of("header", List.of(":v"))))
        .isEqualTo("header ':v' has no name; expected name or name:value");
    assertThat(refusal(Map.of("field", List.of("a..b:1"))))
        .isEqualTo(
            "field 'a..b:1' needs a dotted path of names or array indexes, as in customer.id:42");
    assertThat(refusal(Map.of("ofset", List.of("3"))))
        .isEqualTo(
            "unknown parameter 'ofset'; a browse takes partition, offset, timestamp, limit, key,"
                + " header, field and isolation");
    assertThat(refusal(Map.of("key", List.of("a", "b")))).isEqualTo("give key once");
    assertThat(refusal(Map.of("offset", List.of("0:1,0:2"))))
        .isEqualTo("offset names partition 0 twice");
    assertThat(refusal(Map.of("offset", List.of("0:1"), "partition", List.of("2"))))
        .isEqualTo("offset names partitions [0] but partition is 2");
  }

  @Test
  void theFilterKeepsOnlyRecordsWithTheKeyTheHeaderAndTheField() throws Exception {
    // Given a record with a key, two headers and a JSON value
    byte[] key = "k1".getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("source", "web".getBytes(StandardCharsets.UTF_8)));
    headers.add(new RecordHeader("source", "app".getBytes(StandardCharsets.UTF_8)));
    var value =
        JSON.readTree("{\"customer\":{\"id\":\"c1\"},\"amount\":10,\"items\":[{\"sku\":\"a\"}]}");
    // Then each part of a filter must hold
    assertThat(filter(null, null, null).matches(key, headers, () -> value)).isTrue();
    assertThat(filter("k1", "source:app", "customer.id:c1").matches(key, headers, () -> value))
        .isTrue();
    assertThat(filter("k2", null, null).matches(key, headers, () -> value)).isFalse();
    assertThat(filter("k1", null, null).matches(null, headers, () -> value)).isFalse();
    assertThat(filter(null, "source", null).matches(key, headers, () -> value)).isTrue();
    assertThat(filter(null, "source:mobile", null).matches(key, headers, () -> value)).isFalse();
    assertThat(filter(null, "trace", null).matches(key, headers, () -> value)).isFalse();
    // and a field compares a string's text and any other value's JSON text
    assertThat(filter(null, null, "amount:10").matches(key, headers, () -> value)).isTrue();
    assertThat(filter(null, null, "amount:10.0").matches(key, headers, () -> value)).isFalse();
    assertThat(filter(null, null, "items.0.sku:a").matches(key, headers, () -> value)).isTrue();
    assertThat(filter(null, null, "customer").matches(key, headers, () -> value)).isTrue();
    assertThat(filter(null, null, "customer.name").matches(key, headers, () -> value)).isFalse();
    // and a value that is not JSON has no fields
    assertThat(filter(null, null, "customer").matches(key, headers, () -> null)).isFalse();
  }

  private static MessageFilter filter(String key, String header, String field) {
    return MessageFilter.parse(key, header, field);
  }

  private static String refusal(Map<String, List<String>> params) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> MessageQuery.parse("t", params));
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    return thrown.getMessage();
  }
}
