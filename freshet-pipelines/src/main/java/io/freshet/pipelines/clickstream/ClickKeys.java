package io.freshet.pipelines.clickstream;

/** Partitioning keys of the clickstream pipeline, joined with a separator ids do not contain. */
public final class ClickKeys {
  static final String SEPARATOR = "|";

  private ClickKeys() {}

  public static String of(String first, String second) {
    return first + SEPARATOR + second;
  }

  static String first(String key) {
    return key.substring(0, key.lastIndexOf(SEPARATOR));
  }

  static String second(String key) {
    return key.substring(key.lastIndexOf(SEPARATOR) + 1);
  }
}
