package io.freshet.bench.textbook;

import io.freshet.core.fraud.Transaction;
import io.freshet.pipelines.common.Ingested;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * The velocity check as Flink tutorials write it, for comparison: key by customer, count in sliding
 * event-time windows of 2 minutes every 30 seconds, alert when a count exceeds 5.
 */
public final class TextbookVelocityJob {
  /** Window length of the textbook job. */
  public static final Duration WINDOW = Duration.ofMinutes(2);

  /** Slide of the textbook job. */
  public static final Duration SLIDE = Duration.ofSeconds(30);

  /** A window alerts when its count is greater than this. */
  public static final long MAX_COUNT = 5;

  private final Source<Ingested<Transaction>, ?, ?> source;
  private final WatermarkStrategy<Ingested<Transaction>> watermarks;
  private final Sink<VelocityWindowCount> alerts;

  public TextbookVelocityJob(
      Source<Ingested<Transaction>, ?, ?> source,
      WatermarkStrategy<Ingested<Transaction>> watermarks,
      Sink<VelocityWindowCount> alerts) {
    this.source = source;
    this.watermarks = watermarks;
    this.alerts = alerts;
  }

  /** Adds the job's operators to {@code env}. */
  public void wireInto(StreamExecutionEnvironment env) {
    env.fromSource(source, watermarks, "textbook-transactions-source")
        .uid("textbook-transactions-source")
        .filter(Ingested::isValid)
        .uid("textbook-valid")
        .name("textbook-valid")
        .map(Ingested::event)
        .returns(TypeInformation.of(Transaction.class))
        .uid("textbook-event")
        .name("textbook-event")
        .keyBy(Transaction::customerId, TypeInformation.of(String.class))
        .window(SlidingEventTimeWindows.of(WINDOW, SLIDE))
        .aggregate(new CountAggregator(), new WindowCountFunction())
        .uid("textbook-window-count")
        .name("textbook-window-count")
        .filter(count -> count.count() > MAX_COUNT)
        .uid("textbook-over-limit")
        .name("textbook-over-limit")
        .sinkTo(alerts)
        .uid("textbook-alerts-sink")
        .name("textbook-alerts-sink");
  }
}
