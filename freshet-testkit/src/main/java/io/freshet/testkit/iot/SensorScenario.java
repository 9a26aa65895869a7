package io.freshet.testkit.iot;

import io.freshet.testkit.windows.Arrivals;
import io.freshet.testkit.windows.Malformed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The IoT scenario the job test and the integration test share: ten minutes of six devices
 * reporting every second, arriving up to 3 s out of order, with a 180 °C pane on device 0 at t0+5m
 * (an anomaly and five alerts) and a 99 % humidity reading on device 3 at t0+2m (an alert); after
 * them two readings late but within the allowed lateness (device 1, pane t0+6m: revisions 1 and 2)
 * and one too late (device 2, pane t0+1m, whose lateness ended at t0+6m5s); and three malformed
 * records.
 *
 * @param generator the generator of the on-time readings (device ids, planted values)
 * @param onTime the on-time readings in arrival order
 * @param late the late readings in arrival order, to be sent once the on-time ones are processed
 * @param malformed records that must become dead letters
 */
public record SensorScenario(
    SensorGenerator generator,
    List<Reading> onTime,
    List<Reading> late,
    List<Malformed> malformed,
    Reading late1,
    Reading late2,
    Reading tooLate,
    Instant t0) {

  /** Arrival disorder of the on-time readings. */
  public static final Duration DISORDER = Duration.ofSeconds(3);

  /** Every reading, on-time then late, in arrival order. */
  public List<Reading> arrivals() {
    List<Reading> all = new ArrayList<>(onTime);
    all.addAll(late);
    return all;
  }

  /** Start of the pane holding the anomalous 180 °C readings of device 0. */
  public long spikePane() {
    return t0.toEpochMilli() + 5 * 60_000;
  }

  /** Start of the pane of device 1 revised twice by the late readings. */
  public long revisedPane() {
    return t0.toEpochMilli() + 6 * 60_000;
  }

  /** Start of the pane of device 2 the too-late reading missed. */
  public long expiredPane() {
    return t0.toEpochMilli() + 60_000;
  }

  /** The scenario from {@code t0}, seeded. */
  public static SensorScenario windowSemantics(long seed, Instant t0) {
    long base = t0.toEpochMilli();
    SensorGenerator generator =
        new SensorGenerator(seed, 6 * 600, 6)
            .withStart(t0)
            .withSpikeOneIn(0)
            .withPlantedPane(0, t0.plusSeconds(5 * 60), 180)
            .withPlantedReading(3, t0.plusSeconds(2 * 60), 99);
    List<Reading> onTime =
        Arrivals.withDisorder(generator.list(), Reading::eventTime, DISORDER.toMillis(), seed);
    Reading late1 = generator.reading(1, base + 6 * 60_000 + 1_001, 7);
    Reading late2 = generator.reading(1, base + 6 * 60_000 + 2_001, 3);
    Reading tooLate = generator.reading(2, base + 60_000 + 1, 8);
    return new SensorScenario(
        generator,
        onTime,
        List.of(late1, late2, tooLate),
        SensorEnvelopes.malformed(),
        late1,
        late2,
        tooLate,
        t0);
  }
}
