package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.envelope.ErrorType;
import io.freshet.core.time.Timestamps;
import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.DeadLetterListing;
import io.freshet.runtime.deadletter.DeadLetterSummary;
import io.freshet.runtime.deadletter.ReplayReport;
import io.freshet.runtime.deadletter.ReplaySkip;
import io.freshet.runtime.deadletter.ReplayedRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class DlqTextTest {
  private static final long FAILED_AT = Timestamps.parse("2026-11-26T12:00:00.000Z");
  private static final String ABC =
      "{\"event_id\":\"evt-txn-1\",\"payload\":{\"transaction_id\":\"txn-1\",\"amount\":\"abc\"}}";

  @Test
  void aListingCountsThenShowsOneAlignedLinePerDeadLetter() {
    // Given three dead letters of two error types, one with a multi-line message
    List<DeadLetterSummary> records =
        List.of(
            DeadLetterSummary.of(
                entry(0, letter(ErrorType.INVALID_FIELD, "payload.amount is bad", ABC, null))),
            DeadLetterSummary.of(
                entry(1, letter(ErrorType.NOT_JSON, "not JSON:\nline 1", "oops", null))),
            DeadLetterSummary.of(
                entry(12, letter(ErrorType.INVALID_FIELD, "payload.amount is bad", ABC, null))));

    // When they are listed
    String text = DlqText.listing(DeadLetterListing.of(List.of("transactions.dlq"), records, 0));

    // Then counts come first, then one line per dead letter with the value's first 60 characters
    assertThat(text)
        .isEqualTo(
            "3 dead letters in transactions.dlq\n"
                + "\n"
                + "PIPELINE         ERROR_TYPE     COUNT\n"
                + "fraud-detection  NOT_JSON       1\n"
                + "fraud-detection  INVALID_FIELD  2\n"
                + "\n"
                + "transactions.dlq\n"
                + "OFFSET  FAILED_AT                 PIPELINE         ERROR_TYPE     ERROR_MESSAGE"
                + "          VALUE\n"
                + "0       2026-11-26T12:00:00.000Z  fraud-detection  INVALID_FIELD  payload.amount"
                + " is bad  {\"event_id\":\"evt-txn-1\",\"payload\":{\"transaction_id\":\"txn-1\",\n"
                + "1       2026-11-26T12:00:00.000Z  fraud-detection  NOT_JSON       not JSON: line 1"
                + "       oops\n"
                + "12      2026-11-26T12:00:00.000Z  fraud-detection  INVALID_FIELD  payload.amount"
                + " is bad  {\"event_id\":\"evt-txn-1\",\"payload\":{\"transaction_id\":\"txn-1\",\n");
  }

  @Test
  void anEmptyListingSaysSoAndUnreadableRecordsAreMentioned() {
    // Given nothing selected and two records that are not dead letters
    DeadLetterListing listing = DeadLetterListing.of(List.of("transactions.dlq"), List.of(), 2);

    // When it is listed
    // Then it says there is nothing and that two records were left out
    assertThat(DlqText.listing(listing))
        .isEqualTo(
            "No matching dead letters in transactions.dlq\n"
                + "\n"
                + "2 records on these topics are not dead letters and were left out (see the log)\n");
  }

  @Test
  void anEntryShowsEverythingItSays() {
    // Given a dead letter with headers, one binary, caused by an exception
    DeadLetter l =
        letter(
            ErrorType.PROCESSING_FAILURE,
            "boom",
            ABC,
            "java.lang.IllegalStateException: boom\n\tat X.y(X.java:1)\n");

    // When it is shown
    String text = DlqText.entry(entry(5, l));

    // Then every field is there, the value and stack trace verbatim
    assertThat(text)
        .isEqualTo(
            "transactions.dlq offset 5 (partition 0)\n"
                + "failed_at: 2026-11-26T12:00:00.000Z\n"
                + "pipeline: fraud-detection\n"
                + "pipeline_version: 0.1.0\n"
                + "error_type: PROCESSING_FAILURE\n"
                + "error_field: payload.amount\n"
                + "error_message: boom\n"
                + "replay_count: 1\n"
                + "source: transactions partition 2 offset 41 at 2026-11-26T11:59:59.000Z\n"
                + "key: cust-1\n"
                + "headers: 2\n"
                + "  trace: t-1\n"
                + "  binary: wyj/ (base64)\n"
                + "value (utf-8, 76 bytes):\n"
                + ABC
                + "\n"
                + "stack_trace:\n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat X.y(X.java:1)\n");
  }

  @Test
  void aReportSaysWhatWasSentWhereAndWhyTheRestWasSkipped() {
    // Given a replay of three dead letters, two sent and one skipped
    ReplayReport report =
        new ReplayReport(
            List.of(
                new ReplayedRecord("transactions.dlq", 3, "transactions", 1, 120),
                new ReplayedRecord("transactions.dlq", 9, "transactions", 1, 121)),
            List.of(new ReplaySkip("transactions.dlq", 7, "fix script exited with status 1: no")));

    // When it is printed
    // Then the count comes first, then one line per dead letter
    assertThat(DlqText.report(report, 3))
        .isEqualTo(
            "Replayed 2 of 3 dead letters, skipped 1\n"
                + "transactions.dlq offset 3 -> transactions partition 1 offset 120\n"
                + "transactions.dlq offset 9 -> transactions partition 1 offset 121\n"
                + "transactions.dlq offset 7 skipped: fix script exited with status 1: no\n");
  }

  private static DeadLetterEntry entry(long offset, DeadLetter letter) {
    return new DeadLetterEntry("transactions.dlq", 0, offset, FAILED_AT + 3, letter);
  }

  private static DeadLetter letter(
      ErrorType type, String message, String value, String stackTrace) {
    return new DeadLetter(
        "cust-1",
        DeadLetter.UTF_8,
        value,
        DeadLetter.UTF_8,
        List.of(
            new DeadLetterHeader("trace", "t-1", DeadLetter.UTF_8),
            new DeadLetterHeader("binary", "wyj/", DeadLetter.BASE64)),
        "transactions",
        2,
        41,
        FAILED_AT - 1000,
        type,
        "payload.amount",
        message,
        stackTrace,
        FAILED_AT,
        "fraud-detection",
        "0.1.0",
        stackTrace == null ? 0 : 1);
  }
}
