package io.freshet.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.clickstream.RevenueRow;
import io.freshet.core.clickstream.RevenueRowCodec;
import io.freshet.core.clickstream.SessionRow;
import io.freshet.core.clickstream.SessionRowCodec;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.EquipmentBaselineCodec;
import io.freshet.core.iot.SensorAlert;
import io.freshet.core.iot.SensorAlertCodec;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorAnomalyCodec;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorStats5sCodec;
import io.freshet.core.iot.SensorStddev1m;
import io.freshet.core.iot.SensorStddev1mCodec;
import io.freshet.core.iot.SensorType;
import io.freshet.core.iot.ThresholdBreach;
import io.freshet.core.late.LateEvent;
import io.freshet.core.late.LateEventCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming codecs write exactly the bytes of the tree-model writers they replaced, for random
 * values and for the numbers whose printing differs most between Jackson's paths.
 */
class OutputCodecBytesTest {
  private static final int SAMPLES = 5_000;

  private static final double[] SPECIAL_DOUBLES = {
    0.0,
    -0.0,
    1.0,
    1.0e-5,
    0.1,
    12.5,
    1869.27,
    1e-300,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    1e21,
    123456789.123,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY
  };

  private static final String[] SPECIAL_DECIMALS = {
    "12.50",
    "0",
    "0.00",
    "100.00",
    "1E+3",
    "0.000010",
    "1.0E-5",
    "-3.25",
    "123456789012345678901234.5678"
  };

  private static final String[] SPECIAL_TEXT = {
    "",
    "d-1",
    "a\"b\\c",
    "tab\tnew\nline\u0001",
    "caf\u00e9 \u20ac \ud83d\ude00",
    "long-".repeat(3_000)
  };

  private final Random random = new Random(44);

  @Test
  void sensorStats() {
    same(
        () ->
            new SensorStats5s(
                text(), type(), millis(), millis(), count(), d(), d(), d(), revision()),
        new SensorStats5sCodec()::encode,
        TreeOutputJson::stats);
  }

  @Test
  void sensorStddev() {
    same(
        () -> new SensorStddev1m(text(), type(), millis(), millis(), count(), d(), d(), revision()),
        new SensorStddev1mCodec()::encode,
        TreeOutputJson::stddev);
  }

  @Test
  void sensorAnomaly() {
    same(
        () -> new SensorAnomaly(text(), type(), millis(), millis(), d(), d(), d(), d()),
        new SensorAnomalyCodec()::encode,
        TreeOutputJson::anomaly);
  }

  @Test
  void sensorAlert() {
    same(
        () ->
            new SensorAlert(
                text(),
                type(),
                random.nextInt(10) == 0 ? null : text(),
                millis(),
                d(),
                d(),
                ThresholdBreach.Bound.values()[random.nextInt(2)],
                millis()),
        new SensorAlertCodec()::encode,
        TreeOutputJson::alert);
  }

  @Test
  void equipmentBaseline() {
    same(
        () -> new EquipmentBaseline(type(), d(), d()),
        new EquipmentBaselineCodec()::encode,
        TreeOutputJson::baseline);
  }

  @Test
  void revenueRow() {
    same(
        () ->
            new RevenueRow(
                text(),
                text(),
                millis(),
                millis(),
                decimal(),
                count(),
                decimal(),
                count(),
                revision()),
        new RevenueRowCodec()::encode,
        TreeOutputJson::revenue);
  }

  @Test
  void sessionRow() {
    same(
        () -> {
          String[] categories = new String[random.nextInt(4)];
          for (int i = 0; i < categories.length; i++) {
            categories[i] = text();
          }
          return new SessionRow(
              text(),
              text(),
              millis(),
              millis(),
              count(),
              categories,
              random.nextBoolean(),
              revision(),
              random.nextBoolean());
        },
        new SessionRowCodec()::encode,
        TreeOutputJson::session);
  }

  @Test
  void lateEvent() {
    same(
        () ->
            new LateEvent(
                text(),
                random.nextInt(10) == 0 ? null : text(),
                text(),
                millis(),
                millis(),
                millis(),
                millis()),
        new LateEventCodec()::encode,
        TreeOutputJson::late);
  }

  private static <T> void same(
      Supplier<T> values, Function<T, byte[]> streaming, Function<T, byte[]> tree) {
    for (int i = 0; i < SAMPLES; i++) {
      T value = values.get();
      assertThat(new String(streaming.apply(value), StandardCharsets.UTF_8))
          .isEqualTo(new String(tree.apply(value), StandardCharsets.UTF_8));
      assertThat(streaming.apply(value)).isEqualTo(tree.apply(value));
    }
  }

  private double d() {
    return switch (random.nextInt(4)) {
      case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
      case 1 -> Math.round(random.nextDouble() * 1_000_000) / 100.0;
      case 2 -> random.nextGaussian() * 1e-4;
      default -> Double.longBitsToDouble(random.nextLong());
    };
  }

  private BigDecimal decimal() {
    return switch (random.nextInt(3)) {
      case 0 -> new BigDecimal(SPECIAL_DECIMALS[random.nextInt(SPECIAL_DECIMALS.length)]);
      case 1 -> BigDecimal.valueOf(random.nextLong() >> random.nextInt(40), random.nextInt(6));
      default -> new BigDecimal(random.nextDouble() * 1e6);
    };
  }

  private String text() {
    return random.nextInt(3) == 0
        ? SPECIAL_TEXT[random.nextInt(SPECIAL_TEXT.length)]
        : "id-" + Long.toHexString(random.nextLong());
  }

  private SensorType type() {
    return SensorType.values()[random.nextInt(SensorType.values().length)];
  }

  private long count() {
    return random.nextBoolean() ? random.nextInt(1000) : random.nextLong();
  }

  private int revision() {
    return random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(5);
  }

  private long millis() {
    return switch (random.nextInt(10)) {
      case 0 -> random.nextLong() >> random.nextInt(20);
      default -> 1_767_225_600_000L + (random.nextLong() >> 30);
    };
  }
}
