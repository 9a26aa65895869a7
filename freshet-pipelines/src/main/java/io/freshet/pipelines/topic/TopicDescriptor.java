package io.freshet.pipelines.topic;

import io.freshet.core.codec.Codec;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic as code and tests both see it: declared name, partitions, retention, extra topic
 * configs, the codecs of its keys and values, and its role for the pipeline that declares it. The
 * real name comes from a {@link TopicNaming}.
 */
public record TopicDescriptor<K, V>(
    String name,
    int partitions,
    Duration retention,
    Map<String, String> configs,
    Codec<K> keyCodec,
    Codec<V> valueCodec,
    TopicRole role)
    implements Serializable {

  public TopicDescriptor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name is blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1, was " + partitions);
    }
    Objects.requireNonNull(retention, "retention");
    configs = Map.copyOf(configs);
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
    Objects.requireNonNull(role, "role");
  }

  /** A topic the pipeline writes. */
  public TopicDescriptor(
      String name,
      int partitions,
      Duration retention,
      Map<String, String> configs,
      Codec<K> keyCodec,
      Codec<V> valueCodec) {
    this(name, partitions, retention, configs, keyCodec, valueCodec, TopicRole.OUTPUT);
  }

  /** The same topic in another role. */
  public TopicDescriptor<K, V> as(TopicRole newRole) {
    return new TopicDescriptor<>(
        name, partitions, retention, configs, keyCodec, valueCodec, newRole);
  }

  /**
   * The topic-level configs to create it with: retention, and broker append time as record
   * timestamp so end-to-end latency is measured on one clock (event time travels in the payload).
   */
  public Map<String, String> topicConfigs() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("message.timestamp.type", "LogAppendTime");
    all.putAll(configs);
    all.put("retention.ms", Long.toString(retention.toMillis()));
    return all;
  }

  /**
   * The same topic under another name, for private copies (benchmark runs on a shared cluster) that
   * keep partitions, configs and codecs.
   */
  public TopicDescriptor<K, V> withName(String newName) {
    return new TopicDescriptor<>(
        newName, partitions, retention, configs, keyCodec, valueCodec, role);
  }
}
