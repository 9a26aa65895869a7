package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void decimalsOfAtMostSixPlacesAreExact() {
    assertThat(Amounts.toMicros(0.0)).isZero();
    assertThat(Amounts.toMicros(0.1)).isEqualTo(100_000L);
    assertThat(Amounts.toMicros(300.01)).isEqualTo(300_010_000L);
    assertThat(Amounts.toMicros(123.456789)).isEqualTo(123_456_789L);
    assertThat(Amounts.toMicros(99_999_999.99)).isEqualTo(99_999_999_990_000L);
    assertThat(Amounts.toMicros(1e9)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void everyAmountRoundsItsShortestDecimalHalfEven() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double amount =
          switch (i % 4) {
            case 0 -> random.nextLong(100_000_000) / 100.0;
            case 1 -> random.nextDouble() * 1_000;
            case 2 -> random.nextDouble() * 1e12;
            default -> random.nextLong(1_000_000_000_000L) / 1e6;
          };
      long expected =
          new BigDecimal(Double.toString(amount))
              .setScale(6, RoundingMode.HALF_EVEN)
              .unscaledValue()
              .longValueExact();
      assertThat(Amounts.toMicros(amount)).as("%s", amount).isEqualTo(expected);
    }
  }

  @Test
  void anAmountBeyondTheRangeIsRefused() {
    assertThatThrownBy(() -> Amounts.toMicros(1e13)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void fingerprintsAreFixedAndTellIdsApart() {
    // Restored state holds fingerprints: the function must never change.
    assertThat(EventIds.fingerprint("evt-1")).isEqualTo(-7760651335627788313L);
    assertThat(EventIds.fingerprint("evt-1")).isNotEqualTo(EventIds.fingerprint("evt-2"));
    assertThat(EventIds.fingerprint("")).isNotEqualTo(EventIds.fingerprint("\0"));
  }
}
