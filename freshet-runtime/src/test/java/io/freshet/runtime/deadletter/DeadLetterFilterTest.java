package io.freshet.runtime.deadletter;

import static io.freshet.runtime.deadletter.DeadLetters.FAILED_AT;
import static io.freshet.runtime.deadletter.DeadLetters.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.envelope.ErrorType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {
  private static final List<DeadLetterEntry> ENTRIES =
      List.of(
          entry(0, "fraud-detection", ErrorType.INVALID_FIELD, FAILED_AT),
          entry(1, "fraud-detection", ErrorType.NOT_JSON, FAILED_AT + 60_000),
          entry(2, "iot-alerts", ErrorType.INVALID_FIELD, FAILED_AT + 120_000),
          entry(3, null, ErrorType.TOMBSTONE, FAILED_AT + 180_000));

  @Test
  void everyCriterionNarrowsTheSelection() {
    // Given four dead letters of two pipelines, three error types and four failure times
    // When they are filtered by each criterion and by several together
    // Then exactly the offsets meeting every criterion are selected
    assertThat(offsets(DeadLetterFilter.all())).containsExactly(0L, 1L, 2L, 3L);
    assertThat(offsets(DeadLetterFilter.all().withPipeline("fraud-detection")))
        .containsExactly(0L, 1L);
    assertThat(offsets(DeadLetterFilter.all().withErrorType(ErrorType.INVALID_FIELD)))
        .containsExactly(0L, 2L);
    assertThat(offsets(DeadLetterFilter.all().withSince(Instant.ofEpochMilli(FAILED_AT + 60_000))))
        .containsExactly(1L, 2L, 3L);
    assertThat(offsets(DeadLetterFilter.all().withOffsets(Set.of(1L, 3L, 9L))))
        .containsExactly(1L, 3L);
    assertThat(offsets(DeadLetterFilter.all().withTopic("other.dlq"))).isEmpty();
    assertThat(
            offsets(
                DeadLetterFilter.all()
                    .withTopic("transactions.dlq")
                    .withPipeline("fraud-detection")
                    .withErrorType(ErrorType.INVALID_FIELD)
                    .withOffsets(Set.of(0L, 2L))))
        .containsExactly(0L);
  }

  @Test
  void errorTypesParseIgnoringCaseAndUnknownOnesNameTheValidOnes() {
    // Given error type names as people type them
    // When they are parsed
    // Then any case works and an unknown name is refused with the list of valid ones
    assertThat(DeadLetterFilter.parseErrorType("invalid_field")).isEqualTo(ErrorType.INVALID_FIELD);
    assertThat(DeadLetterFilter.parseErrorType(" NOT_JSON ")).isEqualTo(ErrorType.NOT_JSON);
    assertThatThrownBy(() -> DeadLetterFilter.parseErrorType("BAD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown error type 'BAD'; expected one of TOMBSTONE, OVERSIZED, NOT_JSON,"
                + " NOT_OBJECT, MISSING_FIELD, INVALID_FIELD, INVALID_TIMESTAMP,"
                + " UNSUPPORTED_EVENT_TYPE, UNSUPPORTED_SCHEMA_VERSION, PROCESSING_FAILURE");
  }

  private static List<Long> offsets(DeadLetterFilter filter) {
    return ENTRIES.stream().filter(filter::matches).map(DeadLetterEntry::offset).toList();
  }
}
