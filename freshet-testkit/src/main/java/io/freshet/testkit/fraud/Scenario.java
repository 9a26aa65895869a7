package io.freshet.testkit.fraud;

import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A generated input for the transactions topic: records in production order plus the patterns
 * planted in them.
 *
 * @param seed the seed it was generated from
 * @param baseInstant the event time background traffic starts from
 * @param records every record in the order to produce them; each customer's records keep their
 *     relative order
 * @param plants the planted patterns, one per planted customer
 */
public record Scenario(
    long seed, Instant baseInstant, List<GeneratedRecord> records, List<Plant> plants) {

  public Scenario {
    records = List.copyOf(records);
    plants = List.copyOf(plants);
  }

  public int size() {
    return records.size();
  }

  /** First deliveries of valid transactions, in production order. */
  public List<GeneratedRecord> validRecords() {
    return ofKind(Kind.VALID);
  }

  public List<GeneratedRecord> duplicateRecords() {
    return ofKind(Kind.DUPLICATE);
  }

  public List<GeneratedRecord> malformedRecords() {
    return ofKind(Kind.MALFORMED);
  }

  public List<GeneratedRecord> ofKind(Kind kind) {
    return records.stream().filter(r -> r.kind() == kind).toList();
  }

  public long count(Kind kind) {
    return records.stream().filter(r -> r.kind() == kind).count();
  }

  /** How many records of each kind, every kind present (zero when absent). */
  public Map<Kind, Long> countsByKind() {
    Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, 0L);
    }
    records.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
    return counts;
  }

  /** How many malformed records of each defect, every defect present (zero when absent). */
  public Map<MalformedKind, Long> malformedCounts() {
    Map<MalformedKind, Long> counts = new EnumMap<>(MalformedKind.class);
    for (MalformedKind kind : MalformedKind.values()) {
      counts.put(kind, 0L);
    }
    records.stream()
        .filter(r -> r.kind() == Kind.MALFORMED)
        .forEach(r -> counts.merge(r.malformedKind(), 1L, Long::sum));
    return counts;
  }

  /** Every customer id, sorted. */
  public List<String> customerIds() {
    TreeSet<String> ids = new TreeSet<>();
    records.forEach(r -> ids.add(r.customerId()));
    return List.copyOf(ids);
  }

  /** One customer's records in production order (= its partition order). */
  public List<GeneratedRecord> recordsOf(String customerId) {
    return records.stream().filter(r -> r.customerId().equals(customerId)).toList();
  }

  public List<Plant> plantsOf(PlantedPattern pattern) {
    return plants.stream().filter(p -> p.pattern() == pattern).toList();
  }

  /**
   * The records as {@code key<TAB>json} lines, each ending in a newline; records whose value cannot
   * sit on one line (tombstones, empty values) are left out.
   */
  public String toJsonLines() {
    StringBuilder sb = new StringBuilder();
    for (String line : jsonLines()) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@link #toJsonLines()} to a UTF-8 file. */
  public void writeJsonLines(Path file) throws IOException {
    Files.write(file, jsonLines(), StandardCharsets.UTF_8);
  }

  private List<String> jsonLines() {
    List<String> lines = new ArrayList<>();
    for (GeneratedRecord r : records) {
      String value = r.valueAsString();
      if (value == null
          || value.isEmpty()
          || value.indexOf('\n') >= 0
          || value.indexOf('\r') >= 0) {
        continue;
      }
      lines.add(r.key() + '\t' + value);
    }
    return Collections.unmodifiableList(lines);
  }
}
