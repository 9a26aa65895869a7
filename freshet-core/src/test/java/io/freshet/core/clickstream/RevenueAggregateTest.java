package io.freshet.core.clickstream;

import static io.freshet.core.clickstream.ClickEvents.click;
import static io.freshet.core.clickstream.ClickEvents.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevenueAggregateTest {

  @Test
  void revenueIsTheExactSumOfPriceTimesQuantity() {
    // Given purchases of 1 × 0.10, 1 × 0.20 and 2 × 19.99
    RevenueAggregate aggregate =
        RevenueAggregate.empty()
            .add(purchase("u1", "0.10", 1))
            .add(purchase("u2", "0.20", 1))
            .add(purchase("u1", "19.99", 2));

    // When the revenue is read / Then it is exactly 0.10 + 0.20 + 39.98 = 40.28
    assertThat(aggregate.revenue()).isEqualTo(new BigDecimal("40.28"));
    assertThat(aggregate.orderCount()).isEqualTo(3);
    // And the same sum in doubles drifts below it
    assertThat(0.1 + 0.2 + 19.99 * 2).isEqualTo(40.279999999999994);
  }

  @Test
  void averageOrderValueIsPerOrderNotPerUnit() {
    // Given one order of 3 × 10.00 and one of 1 × 20.00
    RevenueAggregate aggregate =
        RevenueAggregate.empty().add(purchase("u1", "10.00", 3)).add(purchase("u2", "20.00", 1));

    // When the average order value is computed
    BigDecimal avgOrderValue = aggregate.avgOrderValue();

    // Then it is 50.00 / 2 orders = 25.00, not the average unit price 50.00 / 4 units = 12.50
    // (nor the mean of the two unit prices, 15.00)
    assertThat(avgOrderValue).isEqualTo(new BigDecimal("25.00"));
    assertThat(aggregate.revenue()).isEqualTo(new BigDecimal("50.00"));
  }

  @Test
  void averageOrderValueRoundsHalfEvenToCents() {
    // Given three orders totalling 10.00, and two totalling 0.05
    RevenueAggregate thirds =
        RevenueAggregate.empty()
            .add(purchase("u1", "3.00", 1))
            .add(purchase("u2", "3.00", 1))
            .add(purchase("u3", "4.00", 1));
    RevenueAggregate halfCent =
        RevenueAggregate.empty().add(purchase("u1", "0.02", 1)).add(purchase("u2", "0.03", 1));

    // When averaged / Then 3.333… becomes 3.33 and 0.025 rounds to the even 0.02
    assertThat(thirds.avgOrderValue()).isEqualTo(new BigDecimal("3.33"));
    assertThat(halfCent.avgOrderValue()).isEqualTo(new BigDecimal("0.02"));
  }

  @Test
  void uniqueBuyersCountsEachUserOnce() {
    // Given four purchases by u2, u1, u2, u3
    RevenueAggregate aggregate =
        RevenueAggregate.empty()
            .add(purchase("u2", "1.00", 1))
            .add(purchase("u1", "1.00", 1))
            .add(purchase("u2", "2.00", 1))
            .add(purchase("u3", "1.00", 5));

    // When the buyers are counted / Then three distinct users, listed sorted
    assertThat(aggregate.uniqueBuyers()).isEqualTo(3);
    assertThat(aggregate.buyerList()).containsExactly("u1", "u2", "u3");
    assertThat(aggregate.orderCount()).isEqualTo(4);
  }

  @Test
  void mergingPartialsEqualsAddingTheUnion() {
    // Given two partial aggregates sharing buyer u2
    ClickEvent a = purchase("u1", "5.00", 2);
    ClickEvent b = purchase("u2", "7.50", 1);
    ClickEvent c = purchase("u2", "1.25", 4);
    ClickEvent d = purchase("u3", "0.99", 3);
    RevenueAggregate left = RevenueAggregate.empty().add(a).add(b);
    RevenueAggregate right = RevenueAggregate.empty().add(c).add(d);

    // When merged
    RevenueAggregate merged = left.merge(right);

    // Then it equals the aggregate of all four: 10.00 + 7.50 + 5.00 + 2.97, 4 orders, 3 buyers
    RevenueAggregate all = RevenueAggregate.empty().add(a).add(b).add(c).add(d);
    assertThat(merged).isEqualTo(all);
    assertThat(merged.revenue()).isEqualTo(new BigDecimal("25.47"));
    assertThat(merged.orderCount()).isEqualTo(4);
    assertThat(merged.buyerList()).containsExactly("u1", "u2", "u3");
    assertThat(merged.avgOrderValue()).isEqualTo(new BigDecimal("6.37"));
  }

  @Test
  void mergingWithEmptyChangesNothing() {
    RevenueAggregate some = RevenueAggregate.empty().add(purchase("u1", "2.50", 2));
    assertThat(some.merge(RevenueAggregate.empty())).isEqualTo(some);
    assertThat(RevenueAggregate.empty().merge(some)).isEqualTo(some);
  }

  @Test
  void emptyAggregateHasZeroAverage() {
    RevenueAggregate empty = RevenueAggregate.empty();
    assertThat(empty.avgOrderValue()).isEqualTo(new BigDecimal("0.00"));
    assertThat(empty.uniqueBuyers()).isZero();
    assertThat(empty.orderCount()).isZero();
  }

  @Test
  void aNonPurchaseCannotBeAdded() {
    ClickEvent view = click(ClickKind.ADD_TO_CART, 0L, "kitchen");
    assertThatThrownBy(() -> RevenueAggregate.empty().add(view))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("evt-add_to_cart-0 is a add_to_cart, not a purchase");
  }

  @Test
  void theBuyersArrayCannotBeChangedFromOutside() {
    // Given an aggregate built from a caller's array, then both arrays changed by callers
    String[] callers = {"u1", "u2"};
    RevenueAggregate aggregate = new RevenueAggregate(new BigDecimal("3.00"), 2, callers);
    callers[0] = "zz";
    aggregate.buyers()[1] = "zz";

    // When its buyers are read / Then they are unchanged
    assertThat(aggregate.buyerList()).isEqualTo(List.of("u1", "u2"));
  }

  @Test
  void equalityComparesRevenueByValue() {
    assertThat(new RevenueAggregate(new BigDecimal("10.0"), 1, new String[] {"u1"}))
        .isEqualTo(new RevenueAggregate(new BigDecimal("10.00"), 1, new String[] {"u1"}))
        .hasSameHashCodeAs(new RevenueAggregate(new BigDecimal("10"), 1, new String[] {"u1"}));
  }

  @Test
  void unsortedOrDuplicateBuyersAreRejected() {
    assertThatThrownBy(() -> new RevenueAggregate(BigDecimal.ONE, 2, new String[] {"u2", "u1"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RevenueAggregate(BigDecimal.ONE, 2, new String[] {"u1", "u1"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
