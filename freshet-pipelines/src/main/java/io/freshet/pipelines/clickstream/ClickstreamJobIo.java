package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.late.LateEvent;
import io.freshet.pipelines.common.DeadLetterRecord;
import io.freshet.pipelines.common.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/** The source and sinks the clickstream job is wired between. */
public record ClickstreamJobIo(
    Source<Ingested<ClickEvent>, ?, ?> clicks,
    WatermarkStrategy<Ingested<ClickEvent>> watermarks,
    Sink<RevenueRow> revenue,
    Sink<SessionRow> sessions,
    Sink<LateEvent> lateEvents,
    Sink<DeadLetterRecord> deadLetters,
    Sink<RevenueRow> revenueStore,
    Sink<SessionRow> sessionStore) {}
