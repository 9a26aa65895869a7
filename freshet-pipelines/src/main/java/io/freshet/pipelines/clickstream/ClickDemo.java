package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickEventWriter;
import io.freshet.core.clickstream.ClickKind;
import io.freshet.pipelines.plugin.DemoGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Shoppers browsing, searching, adding to cart and buying, for the demo: enough purchases per
 * minute across countries and categories for live revenue rows, and sessions that convert.
 */
public final class ClickDemo implements DemoGenerator {
  private static final int USERS = 300;
  private static final String[] COUNTRIES = {"DE", "FR", "GB", "US", "JP"};
  private static final String[] CATEGORIES = {"books", "electronics", "garden", "toys", "fashion"};
  private static final String[] DEVICES = {"desktop", "mobile", "tablet"};

  private final SplittableRandom random;
  private final String topic;

  /** Events for {@code topic}, the same for the same seed. */
  public ClickDemo(String topic, long seed) {
    this.topic = topic;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void next(long now, DemoGenerator.Sender send) {
    int user = random.nextInt(USERS);
    String userId = "user-" + user;
    int roll = random.nextInt(100);
    ClickKind kind =
        roll < 60
            ? ClickKind.PAGE_VIEW
            : roll < 80 ? ClickKind.SEARCH : roll < 93 ? ClickKind.ADD_TO_CART : ClickKind.PURCHASE;
    boolean purchase = kind == ClickKind.PURCHASE;
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
    ClickEvent click =
        new ClickEvent(
            id,
            now,
            kind,
            userId,
            "s-" + userId,
            "p-" + random.nextInt(500),
            category,
            purchase ? BigDecimal.valueOf(random.nextInt(500, 20_000), 2) : null,
            purchase ? 1 + random.nextInt(3) : null,
            "/" + category + "/" + random.nextInt(500),
            random.nextBoolean() ? "search" : "direct",
            DEVICES[user % DEVICES.length],
            COUNTRIES[user % COUNTRIES.length]);
    send.send(
        topic,
        userId.getBytes(StandardCharsets.UTF_8),
        ClickEventWriter.write(click, "freshet-demo"));
  }
}
