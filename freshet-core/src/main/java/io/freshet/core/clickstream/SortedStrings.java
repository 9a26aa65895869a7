package io.freshet.core.clickstream;

import java.util.Arrays;

/**
 * Sorted, duplicate-free {@code String[]} sets: a plain array keeps aggregates cheap for Flink to
 * serialise (no Kryo fallback for collection types) and gives a deterministic output order.
 */
final class SortedStrings {
  private SortedStrings() {}

  /** The set with {@code value} added; the same array when it is already there. */
  static String[] insert(String[] set, String value) {
    int at = Arrays.binarySearch(set, value);
    if (at >= 0) {
      return set;
    }
    int insertion = -at - 1;
    String[] result = new String[set.length + 1];
    System.arraycopy(set, 0, result, 0, insertion);
    result[insertion] = value;
    System.arraycopy(set, insertion, result, insertion + 1, set.length - insertion);
    return result;
  }

  /** The union of two sets, by a linear merge. */
  static String[] union(String[] a, String[] b) {
    String[] result = new String[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      int cmp = a[i].compareTo(b[j]);
      if (cmp < 0) {
        result[n++] = a[i++];
      } else if (cmp > 0) {
        result[n++] = b[j++];
      } else {
        result[n++] = a[i++];
        j++;
      }
    }
    while (i < a.length) {
      result[n++] = a[i++];
    }
    while (j < b.length) {
      result[n++] = b[j++];
    }
    return n == result.length ? result : Arrays.copyOf(result, n);
  }

  /**
   * A private copy of a set, checking that it is strictly ascending and has no nulls.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  static String[] checkedCopy(String[] set, String what) {
    if (set == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    String[] copy = set.clone();
    for (int k = 0; k < copy.length; k++) {
      if (copy[k] == null) {
        throw new IllegalArgumentException(what + " must not contain null");
      }
      if (k > 0 && copy[k - 1].compareTo(copy[k]) >= 0) {
        throw new IllegalArgumentException(
            what + " must be sorted and distinct, but has " + copy[k - 1] + " before " + copy[k]);
      }
    }
    return copy;
  }
}
