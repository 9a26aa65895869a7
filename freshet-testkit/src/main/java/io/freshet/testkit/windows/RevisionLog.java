package io.freshet.testkit.windows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Every emission of a windowed output by (natural key, revision), so a check can demand that each
 * (key, revision) appears exactly once, that a key's revisions are 0, 1, ... without a gap, and
 * that the final revision equals the reference's: keeping only the highest revision would let a
 * repeated emission pass.
 *
 * @param <V> the row type (the reference's own records, production rows mapped onto them)
 */
public final class RevisionLog<V> {
  private final String output;
  private final Function<V, String> key;
  private final ToIntFunction<V> revision;
  private final Map<String, TreeMap<Integer, V>> rows = new HashMap<>();
  private final List<String> duplicates = new ArrayList<>();
  private long records;

  /**
   * A log for one output.
   *
   * @param output its name in messages
   * @param key the natural key of a row (without the revision)
   * @param revision the row's revision; use {@code r -> 0} for outputs without revisions
   */
  public RevisionLog(String output, Function<V, String> key, ToIntFunction<V> revision) {
    this.output = output;
    this.key = key;
    this.revision = revision;
  }

  /** Records one emitted row. */
  public void add(V row) {
    records++;
    String k = key.apply(row);
    int r = revision.applyAsInt(row);
    V previous = rows.computeIfAbsent(k, x -> new TreeMap<>()).putIfAbsent(r, row);
    if (previous != null) {
      duplicates.add(
          output + " " + k + " revision " + r + " emitted twice: " + previous + ", " + row);
    }
  }

  /** Records every row. */
  public void addAll(Collection<? extends V> emitted) {
    emitted.forEach(this::add);
  }

  /** How many rows were added, duplicates included. */
  public long records() {
    return records;
  }

  /** How many distinct keys were seen. */
  public int keys() {
    return rows.size();
  }

  /** The key of a row, as this log computes it. */
  public String keyOf(V row) {
    return key.apply(row);
  }

  /**
   * Removes and returns the row of {@code key} at {@code revision}, or null; for checks that stream
   * the reference's emissions instead of holding them all.
   */
  public V take(String key, int revision) {
    TreeMap<Integer, V> byRevision = rows.get(key);
    if (byRevision == null) {
      return null;
    }
    V row = byRevision.remove(revision);
    if (byRevision.isEmpty()) {
      rows.remove(key);
    }
    return row;
  }

  /** Every row not taken yet. */
  public List<V> remaining() {
    List<V> out = new ArrayList<>();
    rows.values().forEach(byRevision -> out.addAll(byRevision.values()));
    return out;
  }

  /** Hands the highest revision's row of every key to {@code action}. */
  public void forEachFinal(java.util.function.Consumer<V> action) {
    rows.values().forEach(byRevision -> action.accept(byRevision.lastEntry().getValue()));
  }

  /** The highest revision's row of every key. */
  public Map<String, V> finalRows() {
    Map<String, V> out = new LinkedHashMap<>();
    rows.forEach((k, byRevision) -> out.put(k, byRevision.lastEntry().getValue()));
    return out;
  }

  /**
   * The last row of every key in emission order, which is its final revision when {@code rows} are
   * a reference's emissions.
   */
  public static <V> List<V> lastPerKey(List<V> rows, Function<V, String> keyOf) {
    Map<String, V> last = new LinkedHashMap<>();
    rows.forEach(r -> last.put(keyOf.apply(r), r));
    return List.copyOf(last.values());
  }

  /** Every (key, revision) emitted more than once. */
  public List<String> duplicates() {
    return List.copyOf(duplicates);
  }

  /**
   * What differs from every reference emission, for runs whose watermarks the reference models
   * exactly: each (key, revision) must appear once and equal the reference's row of that key and
   * revision, and nothing else may appear.
   *
   * @param expectedAll every row the reference emitted, all revisions
   * @param same whether an actual row equals the expected one
   */
  public List<String> problemsInEveryRevision(Collection<V> expectedAll, BiPredicate<V, V> same) {
    List<String> problems = new ArrayList<>(duplicates);
    Map<String, TreeMap<Integer, V>> expected = new HashMap<>();
    for (V e : expectedAll) {
      if (expected
              .computeIfAbsent(key.apply(e), x -> new TreeMap<>())
              .put(revision.applyAsInt(e), e)
          != null) {
        throw new IllegalArgumentException(
            "two expected rows for " + key.apply(e) + " revision " + revision.applyAsInt(e));
      }
    }
    for (Map.Entry<String, TreeMap<Integer, V>> e : rows.entrySet()) {
      TreeMap<Integer, V> want = expected.getOrDefault(e.getKey(), new TreeMap<>());
      for (Map.Entry<Integer, V> got : e.getValue().entrySet()) {
        V w = want.get(got.getKey());
        if (w == null) {
          problems.add("unexpected " + output + " " + got.getValue());
        } else if (!same.test(w, got.getValue())) {
          problems.add(
              output
                  + " "
                  + e.getKey()
                  + " revision "
                  + got.getKey()
                  + ": expected "
                  + w
                  + ", got "
                  + got.getValue());
        }
      }
    }
    for (Map.Entry<String, TreeMap<Integer, V>> e : expected.entrySet()) {
      TreeMap<Integer, V> got = rows.getOrDefault(e.getKey(), new TreeMap<>());
      for (Map.Entry<Integer, V> w : e.getValue().entrySet()) {
        if (!got.containsKey(w.getKey())) {
          problems.add(
              output + " " + e.getKey() + " revision " + w.getKey() + " missing: " + w.getValue());
        }
      }
    }
    return problems;
  }

  /**
   * What differs from the reference's final rows: repeated (key, revision)s, revision gaps, keys
   * missing or unexpected, final revisions or rows that differ. Empty when everything matches.
   *
   * @param expectedFinal the reference's final row of every key
   * @param same whether an actual row equals the expected one (tolerances are the caller's)
   */
  public List<String> problems(Collection<V> expectedFinal, BiPredicate<V, V> same) {
    List<String> problems = new ArrayList<>(duplicates);
    Map<String, V> expected = new LinkedHashMap<>();
    for (V e : expectedFinal) {
      if (expected.put(key.apply(e), e) != null) {
        throw new IllegalArgumentException("two expected rows for " + key.apply(e));
      }
    }
    for (Map.Entry<String, TreeMap<Integer, V>> e : rows.entrySet()) {
      TreeMap<Integer, V> byRevision = e.getValue();
      if (byRevision.firstKey() != 0 || byRevision.lastKey() != byRevision.size() - 1) {
        problems.add(output + " " + e.getKey() + " has revisions " + byRevision.keySet());
      }
      V want = expected.get(e.getKey());
      V got = byRevision.lastEntry().getValue();
      if (want == null) {
        problems.add("unexpected " + output + " " + got);
      } else if (revision.applyAsInt(want) != revision.applyAsInt(got) || !same.test(want, got)) {
        problems.add(output + " " + e.getKey() + ": expected " + want + ", got " + got);
      }
    }
    for (Map.Entry<String, V> e : expected.entrySet()) {
      if (!rows.containsKey(e.getKey())) {
        problems.add(output + " " + e.getKey() + " missing, expected " + e.getValue());
      }
    }
    return problems;
  }
}
