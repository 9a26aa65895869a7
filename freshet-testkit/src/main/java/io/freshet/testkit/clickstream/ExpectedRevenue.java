package io.freshet.testkit.clickstream;

import java.math.BigDecimal;

/** A reference {@code revenue-per-minute} row, decimals exact. */
public record ExpectedRevenue(
    String geoCountry,
    String category,
    long windowStart,
    long windowEnd,
    BigDecimal revenue,
    long orderCount,
    BigDecimal avgOrderValue,
    long uniqueBuyers,
    int revision) {

  /** The natural key: country, category and window start. */
  public String key() {
    return geoCountry + "|" + category + "|" + windowStart;
  }

  /** Equal fields; decimals by value, as a JSON round trip may change their scale. */
  public boolean matches(ExpectedRevenue o) {
    return geoCountry.equals(o.geoCountry)
        && category.equals(o.category)
        && windowStart == o.windowStart
        && windowEnd == o.windowEnd
        && revenue.compareTo(o.revenue) == 0
        && orderCount == o.orderCount
        && avgOrderValue.compareTo(o.avgOrderValue) == 0
        && uniqueBuyers == o.uniqueBuyers
        && revision == o.revision;
  }
}
