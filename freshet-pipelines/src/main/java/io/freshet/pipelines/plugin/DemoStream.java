package io.freshet.pipelines.plugin;

import java.util.Objects;

/**
 * One stream of demo traffic a pipeline offers for {@code freshet run}.
 *
 * @param name names the producer (client id {@code freshet-demo-<name>}) and the banner line
 * @param topic the topic it writes, for the banner
 * @param generator makes the events
 */
public record DemoStream(String name, String topic, DemoGenerator generator) {
  public DemoStream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(generator, "generator");
  }
}
