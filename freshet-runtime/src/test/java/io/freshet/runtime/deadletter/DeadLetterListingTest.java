package io.freshet.runtime.deadletter;

import static io.freshet.runtime.deadletter.DeadLetters.FAILED_AT;
import static io.freshet.runtime.deadletter.DeadLetters.entry;
import static io.freshet.runtime.deadletter.DeadLetters.letter;
import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.envelope.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterListingTest {
  @Test
  void countsAreByPipelineThenErrorTypeAndRecordsInOffsetOrder() {
    // Given summaries out of order, one without a pipeline name
    List<DeadLetterSummary> records =
        List.of(
                entry(4, "fraud-detection", ErrorType.NOT_JSON, FAILED_AT),
                entry(1, "fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT),
                entry(3, null, ErrorType.TOMBSTONE, FAILED_AT),
                entry(2, "fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT),
                entry(0, "analytics", ErrorType.INVALID_FIELD, FAILED_AT))
            .stream()
            .map(DeadLetterSummary::of)
            .toList();

    // When they are listed
    DeadLetterListing listing = DeadLetterListing.of(List.of("transactions.dlq"), records, 0);

    // Then the counts are grouped and ordered, the records ordered by offset
    assertThat(listing.total()).isEqualTo(5);
    assertThat(listing.counts())
        .containsExactly(
            new DeadLetterCount(null, ErrorType.TOMBSTONE, 1),
            new DeadLetterCount("analytics", ErrorType.INVALID_FIELD, 1),
            new DeadLetterCount("fraud-detection", ErrorType.NOT_JSON, 1),
            new DeadLetterCount("fraud-detection", ErrorType.INVALID_FIELD, 2));
    assertThat(listing.records())
        .extracting(DeadLetterSummary::offset)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void thePreviewIsTheFirstSixtyCharactersOnOneLine() {
    // Given values that are long, multi-line, binary and absent
    String longValue = "{\"a\":\"" + "x".repeat(100) + "\"}";
    DeadLetterEntry longOne = withValue(longValue, DeadLetter.UTF_8);
    DeadLetterEntry multiLine = withValue("{\n\t\"a\": 1\r\n}", DeadLetter.UTF_8);
    DeadLetterEntry binary = withValue("wyj/", DeadLetter.BASE64);
    DeadLetterEntry tombstone = withValue(null, null);

    // When they are previewed
    // Then each is at most sixty characters of one line, binary marked, a tombstone named
    assertThat(longOne.valuePreview()).isEqualTo(longValue.substring(0, 60)).hasSize(60);
    assertThat(multiLine.valuePreview()).isEqualTo("{  \"a\": 1  }");
    assertThat(binary.valuePreview()).isEqualTo("base64:wyj/");
    assertThat(tombstone.valuePreview()).isEqualTo("(null)");
  }

  private static DeadLetterEntry withValue(String value, String encoding) {
    DeadLetter base = letter("fraud-detection", ErrorType.NOT_JSON, FAILED_AT, null, 0);
    DeadLetter l =
        new DeadLetter(
            base.originalKey(),
            base.keyEncoding(),
            value,
            encoding,
            base.headers(),
            base.sourceTopic(),
            base.sourcePartition(),
            base.sourceOffset(),
            base.sourceTimestamp(),
            base.errorType(),
            base.errorField(),
            base.errorMessage(),
            base.stackTrace(),
            base.failedAt(),
            base.pipeline(),
            base.pipelineVersion(),
            base.replayCount());
    return new DeadLetterEntry("transactions.dlq", 0, 7, FAILED_AT, l);
  }
}
