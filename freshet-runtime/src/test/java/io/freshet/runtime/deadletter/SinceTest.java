package io.freshet.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2026-11-25T08:30:00Z, 2026-11-25T08:30:00Z",
    "2026-11-25T10:30:00+02:00, 2026-11-25T08:30:00Z",
    "2026-11-25, 2026-11-25T00:00:00Z",
    "500ms, 2026-11-26T11:59:59.500Z",
    "90s, 2026-11-26T11:58:30Z",
    "30m, 2026-11-26T11:30:00Z",
    "2h, 2026-11-26T10:00:00Z",
    "7d, 2026-11-19T12:00:00Z",
    "PT90M, 2026-11-26T10:30:00Z",
    "P1D, 2026-11-25T12:00:00Z"
  })
  void sinceIsAnInstantADateOrATimeAgo(String text, String expected) {
    // Given a since as written on the command line or in a query
    // When it is parsed at a fixed now
    // Then it is the expected instant
    assertThat(Since.parse(text, NOW)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "5 minutes", "2026-13-01", "-5m"})
  void anythingElseIsRefusedWithTheFormsThatWork(String text) {
    // Given text that is no time
    // When it is parsed
    // Then the error shows the accepted forms
    assertThatThrownBy(() -> Since.parse(text, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + text
                + "' is not a time; use an ISO-8601 instant (2026-11-26T12:00:00Z), a date"
                + " (2026-11-26) or a duration back from now (30m, 2h, 7d)");
  }
}
