package io.freshet.pipelines.topic;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How declared topic names become real ones: an optional prefix for every topic (a benchmark run's
 * private {@code bench.<run>.} copies) and an optional version suffix for the topics a pipeline
 * writes ({@code fraud-alerts.v2} beside {@code fraud-alerts} while a shadow replay catches up).
 *
 * <p>Consumer groups and transactional ids go through the same naming, so two namings never share
 * offsets or fence each other's producers.
 *
 * @param prefix put before every topic name, group and transactional id; empty for production
 * @param outputVersion appended as {@code .<version>} to written topics, groups and transactional
 *     ids; empty for the live version
 */
public record TopicNaming(String prefix, String outputVersion) implements Serializable {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

  /** The names the pipelines declare, unchanged. */
  public static final TopicNaming PRODUCTION = new TopicNaming("", "");

  public TopicNaming {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(outputVersion, "outputVersion");
    if (!LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix may hold only letters, digits, '.', '_' and '-': '" + prefix + "'");
    }
    if (!LEGAL.matcher(outputVersion).matches() || outputVersion.startsWith(".")) {
      throw new IllegalArgumentException(
          "output version may hold only letters, digits, '.', '_' and '-' and must not start"
              + " with '.': '"
              + outputVersion
              + "'");
    }
  }

  /** Every topic, group and transactional id under {@code prefix}. */
  public static TopicNaming prefixed(String prefix) {
    return new TopicNaming(prefix, "");
  }

  /** The same prefix with written topics suffixed {@code .<version>}. */
  public TopicNaming withOutputVersion(String version) {
    return new TopicNaming(prefix, version);
  }

  /** The real name of a declared topic. */
  public String name(TopicDescriptor<?, ?> declared) {
    return prefix + declared.name() + suffix(declared.role().written());
  }

  /** The declared topic under its real name, with partitions, configs and codecs unchanged. */
  public <K, V> TopicDescriptor<K, V> resolve(TopicDescriptor<K, V> declared) {
    return declared.withName(name(declared));
  }

  /**
   * The real name of a consumer group or transactional id prefix: a versioned pipeline reads its
   * inputs from the beginning under its own group and writes under its own transactional ids.
   */
  public String id(String declared) {
    return prefix + declared + suffix(true);
  }

  private String suffix(boolean written) {
    return written && !outputVersion.isEmpty() ? "." + outputVersion : "";
  }
}
