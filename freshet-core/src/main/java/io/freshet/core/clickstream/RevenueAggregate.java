package io.freshet.core.clickstream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Revenue of the purchases of one window and group: revenue, order count, average order value and
 * the exact set of distinct buyers.
 *
 * <p>Money is {@link BigDecimal}: summing {@code double} prices drifts (0.10 + 0.20 is not 0.30),
 * and long cents would round prices that carry fractions of a cent, so the sum is exact for any
 * decimal price the producers write. Only {@link #avgOrderValue()} rounds.
 *
 * <p>Immutable; every update returns a new instance. Buyers are kept as a sorted {@code String[]}
 * rather than a {@code Set} so the aggregate stays a Flink POJO. Equality compares revenue by
 * value, so 10.0 and 10.00 are equal.
 *
 * @param revenue Σ price × quantity over the purchases, exact
 * @param orderCount the number of purchases; each purchase event is one order
 * @param buyers the distinct user ids, sorted; the accessor returns a copy
 */
public record RevenueAggregate(BigDecimal revenue, long orderCount, String[] buyers) {

  /** Decimal places of {@link #avgOrderValue()}: cents. */
  public static final int AVG_ORDER_VALUE_SCALE = 2;

  /** How {@link #avgOrderValue()} rounds: half-even, so rounding does not bias sums of averages. */
  public static final RoundingMode AVG_ORDER_VALUE_ROUNDING = RoundingMode.HALF_EVEN;

  private static final RevenueAggregate EMPTY =
      new RevenueAggregate(BigDecimal.ZERO, 0, new String[0]);

  public RevenueAggregate {
    Objects.requireNonNull(revenue, "revenue");
    if (revenue.signum() < 0) {
      throw new IllegalArgumentException("revenue must be >= 0, was " + revenue);
    }
    if (orderCount < 0) {
      throw new IllegalArgumentException("orderCount must be >= 0, was " + orderCount);
    }
    buyers = SortedStrings.checkedCopy(buyers, "buyers");
    if (buyers.length > orderCount) {
      throw new IllegalArgumentException(
          buyers.length + " buyers cannot have placed " + orderCount + " orders");
    }
  }

  /** The aggregate of no purchases. */
  public static RevenueAggregate empty() {
    return EMPTY;
  }

  /**
   * This aggregate with one more purchase.
   *
   * @throws IllegalArgumentException when the event is not a purchase
   */
  public RevenueAggregate add(ClickEvent purchase) {
    if (!purchase.isPurchase()) {
      throw new IllegalArgumentException(
          purchase.eventId() + " is a " + purchase.kind().wireName() + ", not a purchase");
    }
    return new RevenueAggregate(
        revenue.add(purchase.orderValue()),
        orderCount + 1,
        SortedStrings.insert(buyers, purchase.userId()));
  }

  /** The aggregate of both sets of purchases; a buyer in both counts once. */
  public RevenueAggregate merge(RevenueAggregate other) {
    return new RevenueAggregate(
        revenue.add(other.revenue),
        orderCount + other.orderCount,
        SortedStrings.union(buyers, other.buyers));
  }

  /**
   * The value of an average order, revenue / order count, rounded to {@value
   * #AVG_ORDER_VALUE_SCALE} places half-even; 0.00 when there are no orders.
   *
   * <p>It is not the average unit price: one order of 3 × 10.00 and one of 1 × 20.00 average 25.00
   * per order but 12.50 per unit.
   */
  public BigDecimal avgOrderValue() {
    if (orderCount == 0) {
      return BigDecimal.ZERO.setScale(AVG_ORDER_VALUE_SCALE);
    }
    return revenue.divide(
        BigDecimal.valueOf(orderCount), AVG_ORDER_VALUE_SCALE, AVG_ORDER_VALUE_ROUNDING);
  }

  /** The exact number of distinct buyers. */
  public int uniqueBuyers() {
    return buyers.length;
  }

  /** The distinct buyers, sorted; a copy. */
  @Override
  public String[] buyers() {
    return buyers.clone();
  }

  /** The distinct buyers, sorted, as an unmodifiable list. */
  public List<String> buyerList() {
    return List.of(buyers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevenueAggregate r
        && revenue.compareTo(r.revenue) == 0
        && orderCount == r.orderCount
        && Arrays.equals(buyers, r.buyers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revenue.stripTrailingZeros(), orderCount, Arrays.hashCode(buyers));
  }

  @Override
  public String toString() {
    return "RevenueAggregate[revenue="
        + revenue.toPlainString()
        + ", orderCount="
        + orderCount
        + ", buyers="
        + Arrays.toString(buyers)
        + "]";
  }
}
