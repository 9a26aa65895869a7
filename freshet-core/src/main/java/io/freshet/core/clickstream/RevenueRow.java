package io.freshet.core.clickstream;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The purchases of one minute in one country and category: the {@code revenue-per-minute} topic and
 * the {@code realtime_revenue} table.
 *
 * <p>Equality compares the amounts by value, so 10.5 and 10.50 are equal, as they are in the
 * store's DECIMAL columns.
 *
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param revenue Σ price × quantity
 * @param avgOrderValue revenue / orderCount
 * @param uniqueBuyers exact count of distinct user ids
 * @param revision 0 for the first emission, incremented by each late update of the window
 */
public record RevenueRow(
    String geoCountry,
    String category,
    long windowStart,
    long windowEnd,
    BigDecimal revenue,
    long orderCount,
    BigDecimal avgOrderValue,
    long uniqueBuyers,
    int revision) {

  public RevenueRow {
    Objects.requireNonNull(geoCountry, "geoCountry");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(avgOrderValue, "avgOrderValue");
  }

  /** The row of a window's revenue aggregate. */
  public static RevenueRow of(
      String geoCountry,
      String category,
      long windowStart,
      long windowEnd,
      RevenueAggregate aggregate,
      int revision) {
    return new RevenueRow(
        geoCountry,
        category,
        windowStart,
        windowEnd,
        aggregate.revenue(),
        aggregate.orderCount(),
        aggregate.avgOrderValue(),
        aggregate.uniqueBuyers(),
        revision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevenueRow r
        && geoCountry.equals(r.geoCountry)
        && category.equals(r.category)
        && windowStart == r.windowStart
        && windowEnd == r.windowEnd
        && revenue.compareTo(r.revenue) == 0
        && orderCount == r.orderCount
        && avgOrderValue.compareTo(r.avgOrderValue) == 0
        && uniqueBuyers == r.uniqueBuyers
        && revision == r.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        geoCountry,
        category,
        windowStart,
        revenue.stripTrailingZeros(),
        orderCount,
        avgOrderValue.stripTrailingZeros(),
        uniqueBuyers,
        revision);
  }
}
