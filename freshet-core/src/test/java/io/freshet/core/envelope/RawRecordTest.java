package io.freshet.core.envelope;

import static io.freshet.core.testing.TestEvents.NOON;
import static io.freshet.core.testing.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawRecordTest {

  static RawRecord record(String value, String header) {
    return new RawRecord(
        utf8("k"),
        utf8(value),
        List.of(new RawHeader("h", utf8(header))),
        "transactions",
        0,
        7L,
        NOON.toEpochMilli());
  }

  @Test
  void recordsWithEqualBytesInDistinctArraysAreEqual() {
    // Given two records built from distinct but equal arrays
    RawRecord a = record("v", "x");
    RawRecord b = record("v", "x");

    // Then they are equal with equal hash codes
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void recordsWithDifferentHeaderBytesDiffer() {
    assertThat(record("v", "x")).isNotEqualTo(record("v", "y"));
  }

  @Test
  void nullHeadersBecomeEmpty() {
    assertThat(new RawRecord(null, null, null, "t", 0, 0L, 0L).headers()).isEmpty();
  }
}
