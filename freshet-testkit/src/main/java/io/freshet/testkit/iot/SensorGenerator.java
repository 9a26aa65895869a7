package io.freshet.testkit.iot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A plant's sensors as a seeded, deterministic stream of readings with synthetic event time: every
 * device reports once per {@link #PERIOD}, devices in turn (evenly spread over the period), so
 * event time never goes back and every 5-second pane of a device holds five readings.
 *
 * <p>Device {@code d} measures sensor type {@code TYPES[d % 5]} around its own level with Gaussian
 * noise well inside the type's limit. Planted on top: random spikes (one reading in {@link
 * #spikeOneIn()} is 10 % above its type's limit: a threshold alert that also shifts its 5 s mean),
 * whole panes at a fixed value (an anomaly, and alerts when above the limit) and single readings at
 * a fixed value (a threshold breach). Late readings are made with {@link #reading}; arrival
 * disorder with {@link io.freshet.testkit.windows.Arrivals}. The same configuration always gives
 * the same readings.
 */
public final class SensorGenerator {
  /** Event time of the first reading, unless {@link #withStart} says otherwise. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** How often each device reports. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  /** One reading in this many is a spike, unless {@link #withSpikeOneIn} says otherwise. */
  public static final int SPIKE_ONE_IN = 2_000;

  /** Sensor type wire names; device {@code d} has type {@code TYPES[d % TYPES.length]}. */
  public static final List<String> TYPES =
      List.of("temperature", "pressure", "vibration", "humidity", "power");

  private static final String[] UNITS = {"\u00b0C", "bar", "mm/s", "%", "kW"};
  // Typical levels and noise per type, well inside the documented limits (90, 10, 20, 95, 500).
  private static final double[] LEVELS = {60, 5, 8, 45, 200};
  private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};
  private static final double[] LIMITS = {90, 10, 20, 95, 500};
  private static final long PERIOD_MILLIS = PERIOD.toMillis();
  private static final long PANE_MILLIS = 5_000;

  private record Plant(int device, long from, long until, double value) {}

  private final long seed;
  private final long events;
  private final int devices;
  private final long start;
  private final int spikeOneIn;
  private final List<Plant> plants;
  private final String[] deviceIds;
  private final double[] levels;

  /** {@code events} readings from {@link #devicesFor(long)} devices. */
  public SensorGenerator(long seed, long events) {
    this(seed, events, devicesFor(events));
  }

  /** {@code events} readings from {@code devices} devices, from {@link #START}. */
  public SensorGenerator(long seed, long events, int devices) {
    this(seed, events, devices, START.toEpochMilli(), SPIKE_ONE_IN, List.of());
  }

  private SensorGenerator(
      long seed, long events, int devices, long start, int spikeOneIn, List<Plant> plants) {
    if (events < 1 || devices < 1) {
      throw new IllegalArgumentException(
          "events and devices must be >= 1: " + events + ", " + devices);
    }
    this.seed = seed;
    this.events = events;
    this.devices = devices;
    this.start = start;
    this.spikeOneIn = spikeOneIn;
    this.plants = List.copyOf(plants);
    this.deviceIds = new String[devices];
    this.levels = new double[devices];
    // A separate stream for device set-up, so the readings' stream does not depend on it.
    SplittableRandom setup = new SplittableRandom(seed ^ 0x5EED_DE71CEL);
    for (int d = 0; d < devices; d++) {
      deviceIds[d] = String.format("device-%04d", d);
      levels[d] = LEVELS[d % LEVELS.length] * (0.9 + 0.2 * setup.nextDouble());
    }
  }

  /**
   * 500 devices for a large stream, fewer for small ones (at least 10) so each device still reports
   * about 200 times: enough 5-second means to warm up its anomaly baseline.
   */
  public static int devicesFor(long events) {
    return (int) Math.max(10, Math.min(500, events / 200));
  }

  /** This stream starting at another instant. */
  public SensorGenerator withStart(Instant first) {
    return new SensorGenerator(seed, events, devices, first.toEpochMilli(), spikeOneIn, plants);
  }

  /** This stream with one random spike in {@code n} readings; 0 for none. */
  public SensorGenerator withSpikeOneIn(int n) {
    return new SensorGenerator(seed, events, devices, start, n, plants);
  }

  /** This stream with every reading of {@code device} in the 5 s pane at {@code pane} set. */
  public SensorGenerator withPlantedPane(int device, Instant pane, double value) {
    long from = pane.toEpochMilli() - Math.floorMod(pane.toEpochMilli(), PANE_MILLIS);
    return withPlant(new Plant(device, from, from + PANE_MILLIS, value));
  }

  /** This stream with {@code device}'s reading of the period starting at {@code at} set. */
  public SensorGenerator withPlantedReading(int device, Instant at, double value) {
    long round = (at.toEpochMilli() - start) / PERIOD_MILLIS;
    long from = start + round * PERIOD_MILLIS;
    return withPlant(new Plant(device, from, from + PERIOD_MILLIS, value));
  }

  private SensorGenerator withPlant(Plant plant) {
    List<Plant> more = new ArrayList<>(plants);
    more.add(plant);
    return new SensorGenerator(seed, events, devices, start, spikeOneIn, more);
  }

  public long events() {
    return events;
  }

  public int devices() {
    return devices;
  }

  /** Event time of the first reading. */
  public long start() {
    return start;
  }

  public int spikeOneIn() {
    return spikeOneIn;
  }

  /** The id of device {@code d}. */
  public String deviceId(int d) {
    return deviceIds[d];
  }

  /** The sensor type (wire name) of device {@code d}. */
  public static String typeOf(int d) {
    return TYPES.get(d % TYPES.size());
  }

  /** The documented upper limit of a device's sensor type. */
  public static double limitOf(int d) {
    return LIMITS[d % LIMITS.length];
  }

  /** A reading of device {@code d} at {@code eventTime}, e.g. a late one; its id says so. */
  public Reading reading(int d, long eventTime, double value) {
    return new Reading(
        "r-" + deviceIds[d] + "-" + eventTime,
        eventTime,
        deviceIds[d],
        site(d),
        line(d),
        typeOf(d),
        value,
        UNITS[d % UNITS.length]);
  }

  /** The readings in event-time order; every call replays the same sequence. */
  public Iterator<Reading> readings() {
    return new Readings();
  }

  /** The readings as a list, for small streams. */
  public List<Reading> list() {
    List<Reading> out = new ArrayList<>();
    readings().forEachRemaining(out::add);
    return out;
  }

  private static String site(int d) {
    return "plant-" + (d % 4 + 1);
  }

  private static String line(int d) {
    return "line-" + (d % 3 + 1);
  }

  private final class Readings implements Iterator<Reading> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private long index;

    @Override
    public boolean hasNext() {
      return index < events;
    }

    @Override
    public Reading next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long round = index / devices;
      int d = (int) (index % devices);
      index++;
      long eventTime = start + round * PERIOD_MILLIS + d * PERIOD_MILLIS / devices;
      int type = d % LEVELS.length;
      // Both draws happen for every reading, so plants do not shift the rest of the stream.
      boolean spike = random.nextInt(Math.max(1, spikeOneIn)) == 0 && spikeOneIn > 0;
      double noise = random.nextGaussian() * NOISE[type];
      double value = spike ? LIMITS[type] * 1.1 : levels[d] + noise;
      for (Plant p : plants) {
        if (p.device == d && eventTime >= p.from && eventTime < p.until) {
          value = p.value;
        }
      }
      return new Reading(
          new UUID(random.nextLong(), random.nextLong()).toString(),
          eventTime,
          deviceIds[d],
          site(d),
          line(d),
          typeOf(d),
          value,
          UNITS[type]);
    }
  }
}
