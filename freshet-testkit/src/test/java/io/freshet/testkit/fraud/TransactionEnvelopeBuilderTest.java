package io.freshet.testkit.fraud;

import static io.freshet.testkit.fraud.TransactionEnvelopeBuilder.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransactionEnvelopeBuilderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void defaultEnvelopeHasEveryDocumentedField() throws Exception {
    JsonNode root = MAPPER.readTree(transaction().build());

    assertThat(root.get("event_id").asText()).isEqualTo("evt-txn-1");
    assertThat(root.get("event_type").asText()).isEqualTo("transaction.initiated");
    assertThat(root.get("timestamp").asText()).isEqualTo("2026-11-26T12:00:00.000Z");
    assertThat(root.get("source").asText()).isNotBlank();
    assertThat(root.get("partition_key").asText()).isEqualTo("cust-1");
    JsonNode payload = root.get("payload");
    for (String field :
        new String[] {
          "transaction_id",
          "customer_id",
          "amount",
          "currency",
          "merchant_id",
          "merchant_category",
          "card_last_four",
          "geo_location",
          "device_fingerprint",
          "ip_address",
          "channel"
        }) {
      assertThat(payload.has(field)).as(field).isTrue();
    }
    assertThat(payload.get("geo_location").get("lat").asDouble()).isEqualTo(40.7128);
    assertThat(root.get("metadata").get("schema_version").asText()).isEqualTo("2.1");
    assertThat(root.get("metadata").has("correlation_id")).isTrue();
    assertThat(root.get("metadata").has("trace_id")).isTrue();
  }

  @Test
  void fluentSettersLandInTheRightFields() throws Exception {
    TransactionEnvelopeBuilder b =
        transaction()
            .eventId("e-9")
            .transactionId("t-9")
            .customer("c-9")
            .at(Instants.t0PlusMillis(119_999))
            .amount(new BigDecimal("300.01"))
            .at(51.5, -0.12)
            .schemaVersion("2.4");
    JsonNode root = MAPPER.readTree(b.build());

    assertThat(b.key()).isEqualTo("c-9");
    assertThat(root.get("event_id").asText()).isEqualTo("e-9");
    assertThat(root.get("timestamp").asText()).isEqualTo("2026-11-26T12:01:59.999Z");
    assertThat(root.get("payload").get("amount").decimalValue()).isEqualByComparingTo("300.01");
    assertThat(root.get("payload").get("customer_id").asText()).isEqualTo("c-9");
    assertThat(root.get("payload").get("geo_location").get("lon").asDouble()).isEqualTo(-0.12);
    assertThat(root.get("metadata").get("schema_version").asText()).isEqualTo("2.4");
    assertThat(b.bytes()).isEqualTo(b.build().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutRemovesAndWithWritesRawJson() throws Exception {
    String noAmount = transaction().without("payload.amount").build();
    assertThat(MAPPER.readTree(noAmount).get("payload").has("amount")).isFalse();

    String abc = transaction().with("payload.amount", "\"abc\"").build();
    assertThat(MAPPER.readTree(abc).get("payload").get("amount").asText()).isEqualTo("abc");

    String nan = transaction().with("payload.amount", "NaN").build();
    assertThat(nan).contains("\"amount\":NaN");

    String created = transaction().noGeo().with("payload.geo_location.lat", "95").build();
    assertThat(MAPPER.readTree(created).at("/payload/geo_location/lat").asInt()).isEqualTo(95);

    assertThat(transaction().noGeo().build()).doesNotContain("geo_location");
  }

  @Test
  void copyIsIndependent() {
    TransactionEnvelopeBuilder a = transaction().amount(10.0);
    TransactionEnvelopeBuilder b = a.copy().amount(20.0).without("source");

    assertThat(a.build()).contains("\"amount\":10.0").contains("\"source\"");
    assertThat(b.build()).contains("\"amount\":20.0").doesNotContain("\"source\"");
  }
}
