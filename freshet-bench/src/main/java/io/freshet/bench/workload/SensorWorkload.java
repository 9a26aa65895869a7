package io.freshet.bench.workload;

import io.freshet.bench.BenchContext;
import io.freshet.bench.harness.BacklogLoader;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorThresholds;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.iot.IotTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A plant's sensors as a seeded, deterministic stream of readings with synthetic event time: every
 * device reports once per {@link #PERIOD}, devices in turn, so event time never goes back and every
 * 5-second pane of a device holds five readings.
 *
 * <p>Each device measures one sensor type around its own level with Gaussian noise; one reading in
 * {@value #SPIKE_ONE_IN} is a spike 10 % above the type's default limit, which raises a threshold
 * alert and shifts its 5-second mean far enough to be scored as an anomaly.
 */
public final class SensorWorkload {
  /** Event time of the first reading. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** How often each device reports. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  /** One reading in this many is a spike. */
  public static final int SPIKE_ONE_IN = 2_000;

  private static final String SOURCE = "freshet-bench";
  private static final long START_MILLIS = START.toEpochMilli();
  private static final long PERIOD_MILLIS = PERIOD.toMillis();
  private static final SensorType[] TYPES = SensorType.values();
  // Typical levels and noise per type, in SensorType order, well inside the default limits.
  private static final double[] LEVELS = {60, 5, 8, 45, 200};
  private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};

  private final long seed;
  private final long events;
  private final int devices;
  private final String[] deviceIds;
  private final double[] levels;
  private final double[] spikes;

  /** {@code events} readings from {@link #devicesFor(long)} devices. */
  public SensorWorkload(long seed, long events) {
    this(seed, events, devicesFor(events));
  }

  public SensorWorkload(long seed, long events, int devices) {
    if (events < 1 || devices < 1) {
      throw new IllegalArgumentException(
          "events and devices must be >= 1: " + events + ", " + devices);
    }
    this.seed = seed;
    this.events = events;
    this.devices = devices;
    this.deviceIds = new String[devices];
    this.levels = new double[devices];
    this.spikes = new double[devices];
    SensorThresholds limits = SensorThresholds.defaults();
    // A separate stream for device set-up, so the readings' stream does not depend on it.
    SplittableRandom setup = new SplittableRandom(seed ^ 0x5EED_DE71CEL);
    for (int d = 0; d < devices; d++) {
      SensorType type = typeOf(d);
      deviceIds[d] = String.format("device-%04d", d);
      levels[d] = LEVELS[type.ordinal()] * (0.9 + 0.2 * setup.nextDouble());
      spikes[d] = limits.limit(type).max() * 1.1;
    }
  }

  /**
   * 500 devices for a full backlog, fewer for small ones (at least 10) so each device still reports
   * about 200 times: enough 5-second means to warm up its anomaly baseline.
   */
  public static int devicesFor(long events) {
    return (int) Math.max(10, Math.min(500, events / 200));
  }

  public long events() {
    return events;
  }

  public int devices() {
    return devices;
  }

  /** The readings in event-time order; every call replays the same sequence. */
  public Iterator<SensorReading> readings() {
    return new Readings();
  }

  /** The readings as Kafka records like production writes them: key device id, the envelope. */
  public Iterator<BenchRecord> records() {
    Iterator<SensorReading> readings = readings();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return readings.hasNext();
      }

      @Override
      public BenchRecord next() {
        SensorReading reading = readings.next();
        return new BenchRecord(
            reading.deviceId().getBytes(StandardCharsets.UTF_8),
            SensorReadingWriter.write(reading, SOURCE));
      }
    };
  }

  /** A reading backlog loaded into a private topic. */
  public record Backlog(
      TopicDescriptor<String, SensorReading> topic, BacklogLoader.Loaded loaded) {}

  /**
   * This workload loaded into a private copy of {@link Topics#SENSOR_READINGS}, once per run:
   * scenarios asking for the same seed and size share it.
   */
  public Backlog loadOnce(BenchContext context) {
    String name = "sensor-readings-" + seed + "-" + events + "-" + devices;
    return context.backlog(
        name,
        () -> {
          TopicDescriptor<String, SensorReading> topic;
          try {
            topic = context.kafka().createTopic(IotTopics.SENSOR_READINGS, name);
          } catch (Exception e) {
            throw new IllegalStateException("cannot create the sensor backlog topic " + name, e);
          }
          return new Backlog(topic, context.loader().load(topic.name(), records(), events));
        });
  }

  private static SensorType typeOf(int device) {
    return TYPES[device % TYPES.length];
  }

  private final class Readings implements Iterator<SensorReading> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private long index;

    @Override
    public boolean hasNext() {
      return index < events;
    }

    @Override
    public SensorReading next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long round = index / devices;
      int d = (int) (index % devices);
      index++;
      // Devices report in turn, evenly spread over the period.
      long eventTime = START_MILLIS + round * PERIOD_MILLIS + d * PERIOD_MILLIS / devices;
      SensorType type = typeOf(d);
      double value =
          random.nextInt(SPIKE_ONE_IN) == 0
              ? spikes[d]
              : levels[d] + random.nextGaussian() * NOISE[type.ordinal()];
      return new SensorReading(
          new UUID(random.nextLong(), random.nextLong()).toString(),
          eventTime,
          deviceIds[d],
          "plant-" + (d % 4 + 1),
          "line-" + (d % 3 + 1),
          type,
          value,
          type.defaultUnit());
    }
  }
}
