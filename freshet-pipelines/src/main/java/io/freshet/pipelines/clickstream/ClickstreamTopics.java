package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.RevenueRowCodec;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.SessionRowCodec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.pipelines.topic.Codecs;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicRole;
import io.freshet.pipelines.topic.Topics;
import java.time.Duration;
import java.util.Map;

/** The clickstream pipeline's topics, under their declared names. */
public final class ClickstreamTopics {
  private ClickstreamTopics() {}

  public static final TopicDescriptor<String, ClickEvent> CLICKSTREAM_EVENTS =
      new TopicDescriptor<>(
          "clickstream-events",
          4,
          Duration.ofDays(7),
          Map.of(),
          Codecs.UTF8,
          Codecs.CLICK_EVENT,
          TopicRole.INPUT);

  public static final TopicDescriptor<String, DeadLetter> CLICKSTREAM_EVENTS_DLQ =
      Topics.deadLettersFor(CLICKSTREAM_EVENTS);

  public static final TopicDescriptor<String, RevenueRow> REVENUE_PER_MINUTE =
      Topics.output("revenue-per-minute", new RevenueRowCodec());

  public static final TopicDescriptor<String, SessionRow> SESSIONS =
      Topics.output("sessions", new SessionRowCodec());
}
