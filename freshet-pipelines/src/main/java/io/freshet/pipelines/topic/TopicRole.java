package io.freshet.pipelines.topic;

/**
 * What a topic is to the pipeline that declares it; a {@link TopicNaming} versions outputs only.
 */
public enum TopicRole {
  /** Events the pipeline consumes, written by producers outside it. */
  INPUT,
  /** Reference data the pipeline reads whole (a compacted topic written by operators). */
  REFERENCE,
  /** Results the pipeline writes. */
  OUTPUT,
  /** Records of an input that could not be processed, with their reason. */
  DEAD_LETTER;

  /** Whether the pipeline writes this topic, so a second version of it needs its own copy. */
  public boolean written() {
    return this == OUTPUT || this == DEAD_LETTER;
  }
}
