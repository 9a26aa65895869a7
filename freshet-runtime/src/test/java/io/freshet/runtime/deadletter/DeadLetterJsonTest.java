package io.freshet.runtime.deadletter;

import static io.freshet.runtime.deadletter.DeadLetters.FAILED_AT;
import static io.freshet.runtime.deadletter.DeadLetters.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.envelope.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {
  @Test
  void aListingHasTotalCountsAndOneSummaryPerRecord() {
    // Given a listing of one dead letter
    DeadLetterListing listing =
        DeadLetterListing.of(
            List.of("transactions.dlq"),
            List.of(
                DeadLetterSummary.of(
                    entry(0, "fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT))),
            0);

    // When it is written as JSON
    String json = DeadLetterJson.listing(listing);

    // Then every field is there in snake_case
    assertThat(json)
        .isEqualTo(
            "{\"topics\":[\"transactions.dlq\"],\"total\":1,\"unreadable\":0,"
                + "\"counts\":[{\"pipeline\":\"fraud-detection\",\"error_type\":\"INVALID_FIELD\","
                + "\"count\":1}],"
                + "\"records\":[{\"topic\":\"transactions.dlq\",\"partition\":0,\"offset\":0,"
                + "\"failed_at\":\"2026-11-26T12:00:00.000Z\",\"pipeline\":\"fraud-detection\","
                + "\"error_type\":\"INVALID_FIELD\",\"error_field\":\"payload.amount\","
                + "\"error_message\":\"payload.amount is the non-numeric string \\\"abc\\\";"
                + " expected a finite number >= 0\",\"replay_count\":0,"
                + "\"source_topic\":\"transactions\",\"source_partition\":2,\"source_offset\":41,"
                + "\"original_key\":\"cust-1\","
                + "\"value_preview\":\"{\\\"event_id\\\":\\\"evt-txn-1\\\",\\\"payload\\\":"
                + "{\\\"transaction_id\\\":\\\"txn-1\\\",\"}]}");
  }

  @Test
  void anEntryEmbedsTheDeadLetterAsStored() {
    // Given a stored dead letter
    DeadLetterEntry e = entry(3, "fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT);

    // When it is written as JSON
    String json = DeadLetterJson.entry(e);

    // Then its position comes first and the dead letter is its topic JSON verbatim
    assertThat(json)
        .isEqualTo(
            "{\"topic\":\"transactions.dlq\",\"partition\":0,\"offset\":3,"
                + "\"timestamp\":\"2026-11-26T12:00:00.005Z\",\"dead_letter\":"
                + new String(DeadLetterCodec.toJson(e.letter()), StandardCharsets.UTF_8)
                + "}");
  }

  @Test
  void aReportListsWhatWasSentAndWhatWasSkipped() {
    // Given a replay that sent one record and skipped another
    ReplayReport report =
        new ReplayReport(
            List.of(new ReplayedRecord("transactions.dlq", 0, "transactions", 2, 17)),
            List.of(new ReplaySkip("transactions.dlq", 1, "fix script exited with status 1")));

    // When it is written as JSON
    // Then both lists are there with the count of records sent
    assertThat(DeadLetterJson.report(report))
        .isEqualTo(
            "{\"replayed\":1,\"sent\":[{\"dlq_topic\":\"transactions.dlq\",\"dlq_offset\":0,"
                + "\"topic\":\"transactions\",\"partition\":2,\"offset\":17}],"
                + "\"skipped\":[{\"dlq_topic\":\"transactions.dlq\",\"dlq_offset\":1,"
                + "\"reason\":\"fix script exited with status 1\"}]}");
  }
}
