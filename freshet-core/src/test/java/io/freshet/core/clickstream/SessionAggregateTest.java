package io.freshet.core.clickstream;

import static io.freshet.core.clickstream.ClickEvents.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionAggregateTest {
  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  static final long T0_PLUS_1M = Instant.parse("2026-11-26T12:01:00Z").toEpochMilli();
  static final long T0_PLUS_5M = Instant.parse("2026-11-26T12:05:00Z").toEpochMilli();
  static final long T0_PLUS_10M = Instant.parse("2026-11-26T12:10:00Z").toEpochMilli();

  @Test
  void addingEventsCountsThemAndCollectsSortedDistinctCategories() {
    // Given a page view of kitchen, a search without category, and a page view of garden, kitchen
    SessionAggregate session =
        SessionAggregate.empty()
            .add(click(ClickKind.PAGE_VIEW, T0, "kitchen"))
            .add(click(ClickKind.SEARCH, T0_PLUS_1M, null))
            .add(click(ClickKind.PAGE_VIEW, T0_PLUS_5M, "garden"))
            .add(click(ClickKind.PAGE_VIEW, T0_PLUS_10M, "kitchen"));

    // When inspected / Then 4 events, [garden, kitchen], not converted, 12:00 to 12:10
    assertThat(session)
        .isEqualTo(
            new SessionAggregate(4, new String[] {"garden", "kitchen"}, false, T0, T0_PLUS_10M));
  }

  @Test
  void anyPurchaseConvertsTheSession() {
    // Given a session with a page view and a purchase
    SessionAggregate session =
        SessionAggregate.of(click(ClickKind.PAGE_VIEW, T0, "kitchen"))
            .add(click(ClickKind.PURCHASE, T0_PLUS_1M, "kitchen"));

    // When inspected / Then it converted
    assertThat(session.converted()).isTrue();
    assertThat(session.eventsInSession()).isEqualTo(2);
  }

  @Test
  void startAndEndAreFirstAndLastEventTimeWhateverTheArrivalOrder() {
    // Given events arriving 12:05, 12:10, then a late 12:00
    SessionAggregate session =
        SessionAggregate.of(click(ClickKind.PAGE_VIEW, T0_PLUS_5M, null))
            .add(click(ClickKind.PAGE_VIEW, T0_PLUS_10M, null))
            .add(click(ClickKind.PAGE_VIEW, T0, null));

    // When inspected / Then it spans 12:00 to 12:10
    assertThat(session.sessionStart()).isEqualTo(T0);
    assertThat(session.sessionEnd()).isEqualTo(T0_PLUS_10M);
  }

  @Test
  void mergingTwoSessionsCombinesEverything() {
    // Given a converted session 12:00–12:01 of kitchen and one 12:05–12:10 of garden, toys
    SessionAggregate early =
        SessionAggregate.of(click(ClickKind.PAGE_VIEW, T0, "kitchen"))
            .add(click(ClickKind.PURCHASE, T0_PLUS_1M, "kitchen"));
    SessionAggregate late =
        SessionAggregate.of(click(ClickKind.PAGE_VIEW, T0_PLUS_5M, "toys"))
            .add(click(ClickKind.PAGE_VIEW, T0_PLUS_10M, "garden"));

    // When merged in either order
    SessionAggregate merged = late.merge(early);

    // Then 4 events, [garden, kitchen, toys], converted, 12:00 to 12:10
    SessionAggregate expected =
        new SessionAggregate(4, new String[] {"garden", "kitchen", "toys"}, true, T0, T0_PLUS_10M);
    assertThat(merged).isEqualTo(expected);
    assertThat(early.merge(late)).isEqualTo(expected);
  }

  @Test
  void emptyIsTheIdentityOfMerge() {
    SessionAggregate session = SessionAggregate.of(click(ClickKind.SEARCH, T0, null));
    assertThat(session.merge(SessionAggregate.empty())).isEqualTo(session);
    assertThat(SessionAggregate.empty().merge(session)).isEqualTo(session);
    assertThat(SessionAggregate.empty().isEmpty()).isTrue();
  }

  @Test
  void theCategoriesCannotBeChangedFromOutside() {
    SessionAggregate session = SessionAggregate.of(click(ClickKind.PAGE_VIEW, T0, "kitchen"));
    session.categoriesViewed()[0] = "changed";
    assertThat(session.categoryList()).containsExactly("kitchen");
  }

  @Test
  void inconsistentComponentsAreRejected() {
    assertThatThrownBy(() -> new SessionAggregate(1, new String[0], false, T0_PLUS_1M, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionAggregate(0, new String[0], true, T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
