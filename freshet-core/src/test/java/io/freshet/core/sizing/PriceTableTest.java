package io.freshet.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  @Test
  void theShippedTableNamesEveryPriceAndSaysWhatItIs() {
    // When the shipped table is read
    PriceTable prices = PriceTable.defaults();

    // Then it is dated, called illustrative, and holds the prices the docs quote
    assertThat(prices.date()).isEqualTo("2026-12-02");
    assertThat(prices.source()).isEqualTo("illustrative list prices, check your provider");
    assertThat(prices.brokerVmPerHour()).isEqualByComparingTo("0.384");
    assertThat(prices.managedKafkaPartitionPerHour()).isEqualByComparingTo("0.0015");
    assertThat(prices.managedFlinkUnitPerHour()).isEqualByComparingTo("0.11");
  }

  @Test
  void anOverrideChangesOnlyThePricesItNames() throws Exception {
    // Given a file with a cheaper disk / When read over the shipped table
    PriceTable prices =
        PriceTable.withOverrides(new StringReader("selfmanaged.disk.per.gb.month=0.045\n"));

    // Then the disk is cheaper and the rest is as shipped
    assertThat(prices.diskPerGbMonth()).isEqualByComparingTo(new BigDecimal("0.045"));
    assertThat(prices.brokerVmPerHour()).isEqualByComparingTo("0.384");
  }

  @Test
  void anUnknownKeyOrANonNumberIsRefused() {
    // When a misspelt key or a price that is no number is given / Then each is refused by name
    assertThatThrownBy(
            () -> PriceTable.withOverrides(new StringReader("selfmanaged.disk.per.gb=0.05")))
        .hasMessage(
            "unknown price 'selfmanaged.disk.per.gb'; the keys are those of prices.properties");
    assertThatThrownBy(
            () -> PriceTable.withOverrides(new StringReader("managed.flink.unit.per.hour=cheap")))
        .hasMessage("managed.flink.unit.per.hour is not a number: 'cheap'");
  }

  @Test
  void pricesPrintWithAtLeastCents() {
    // When unit prices are printed / Then as the table gives them, with at least two decimals
    assertThat(Units.price(new BigDecimal("0.1"))).isEqualTo("$0.10");
    assertThat(Units.price(new BigDecimal("0.0015"))).isEqualTo("$0.0015");
    assertThat(Units.price(new BigDecimal("50"))).isEqualTo("$50.00");
  }
}
