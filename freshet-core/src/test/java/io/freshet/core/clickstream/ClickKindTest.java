package io.freshet.core.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickKindTest {

  @Test
  void wireNamesAndEventTypesAreLowercaseWithThePrefix() {
    assertThat(ClickKind.PAGE_VIEW.wireName()).isEqualTo("page_view");
    assertThat(ClickKind.ADD_TO_CART.eventType()).isEqualTo("clickstream.add_to_cart");
    assertThat(ClickKind.PURCHASE.eventType()).isEqualTo("clickstream.purchase");
  }

  @Test
  void kindsParseFromExactWireNamesAndEventTypes() {
    assertThat(ClickKind.fromWireName("search")).contains(ClickKind.SEARCH);
    assertThat(ClickKind.fromWireName("SEARCH")).isEmpty();
    assertThat(ClickKind.fromWireName("refund")).isEmpty();
    assertThat(ClickKind.fromEventType("clickstream.page_view")).contains(ClickKind.PAGE_VIEW);
    assertThat(ClickKind.fromEventType("page_view")).isEmpty();
    assertThat(ClickKind.fromEventType(null)).isEmpty();
  }
}
