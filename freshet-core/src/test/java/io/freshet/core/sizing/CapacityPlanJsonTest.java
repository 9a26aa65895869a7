package io.freshet.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.core.json.Json;
import org.junit.jupiter.api.Test;

class CapacityPlanJsonTest {
  @Test
  void theWorkedExampleAsJsonHasBaseUnitsArithmeticCostsAndWarningCodes() throws Exception {
    // Given the worked example's plan / When written as JSON and read back
    CapacityPlan plan = CapacityPlanner.plan(CapacityPlannerTest.WORKED_EXAMPLE);
    JsonNode json = Json.MAPPER.readTree(CapacityPlanJson.text(plan));

    // Then counts are integers, bytes are bytes, and each figure carries its arithmetic
    assertThat(json.at("/inputs/events_per_second").asLong()).isEqualTo(100_000);
    assertThat(json.at("/inputs").has("keys")).isFalse();
    assertThat(json.at("/figures/brokers/value").isIntegralNumber()).isTrue();
    assertThat(json.at("/figures/brokers/value").asInt()).isEqualTo(5);
    assertThat(json.at("/figures/ingress_bytes_per_second/value").asLong()).isEqualTo(102_400_000);
    assertThat(json.at("/figures/disk_bytes/value").asLong()).isEqualTo(222_953_472_000_000L);
    assertThat(json.at("/figures/disk_bytes/shown").asText()).isEqualTo("223.0 TB");
    assertThat(json.at("/figures/task_managers/arithmetic").asText())
        .isEqualTo("ceil(32 slots ÷ 4 per TaskManager) = 8, and 1 JobManager");
    assertThat(json.at("/monthly_cost/self_managed/total").asDouble()).isEqualTo(31_473.85);
    assertThat(json.at("/monthly_cost/managed/total").asDouble()).isEqualTo(49_956.67);
    assertThat(json.at("/monthly_cost/prices_source").asText())
        .isEqualTo("illustrative list prices, check your provider");
    assertThat(json.at("/warnings/0/code").asText()).isEqualTo("disk_per_broker");
  }
}
