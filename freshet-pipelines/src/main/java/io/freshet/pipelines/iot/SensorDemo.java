package io.freshet.pipelines.iot;

import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingWriter;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.plugin.DemoGenerator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Sensor readings from a small plant for the demo: noisy but steady signals per device, with rare
 * spikes that breach limits and shift 5-second means.
 */
public final class SensorDemo implements DemoGenerator {
  private static final int DEVICES = 50;
  private static final SensorType[] TYPES = SensorType.values();
  private static final double[] LEVELS = {60, 5, 8, 45, 200};
  private static final double[] NOISE = {1.5, 0.2, 1.0, 2.0, 10};

  private final SplittableRandom random;
  private final String topic;

  /** Events for {@code topic}, the same for the same seed. */
  public SensorDemo(String topic, long seed) {
    this.topic = topic;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void next(long now, DemoGenerator.Sender send) {
    String device = "device-" + random.nextInt(DEVICES);
    int t = Math.floorMod(device.hashCode(), TYPES.length);
    double value = LEVELS[t] + random.nextGaussian() * NOISE[t];
    if (random.nextInt(2000) == 0) {
      value = LEVELS[t] * 2;
    }
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    SensorReading reading =
        new SensorReading(
            id,
            now,
            device,
            "plant-1",
            "line-" + (Math.floorMod(device.hashCode(), 3) + 1),
            TYPES[t],
            value,
            TYPES[t].defaultUnit());
    send.send(
        topic,
        device.getBytes(StandardCharsets.UTF_8),
        SensorReadingWriter.write(reading, "freshet-demo"));
  }
}
