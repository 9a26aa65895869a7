package io.freshet.cli;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterHeader;
import io.freshet.core.time.Timestamps;
import io.freshet.runtime.deadletter.DeadLetterCount;
import io.freshet.runtime.deadletter.DeadLetterEntry;
import io.freshet.runtime.deadletter.DeadLetterListing;
import io.freshet.runtime.deadletter.DeadLetterSummary;
import io.freshet.runtime.deadletter.ReplayReport;
import io.freshet.runtime.deadletter.ReplaySkip;
import io.freshet.runtime.deadletter.ReplayedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text {@code freshet dlq} prints: listings as aligned tables, one dead letter in full. */
final class DlqText {
  private static final String NONE = "-";

  private DlqText() {}

  /** Counts by pipeline and error type, then per topic one line per dead letter. */
  static String listing(DeadLetterListing listing) {
    StringBuilder text = new StringBuilder();
    String topics = String.join(", ", listing.topics());
    if (listing.total() == 0) {
      text.append("No matching dead letters in ").append(topics).append('\n');
    } else {
      text.append(plural(listing.total(), "dead letter"))
          .append(" in ")
          .append(topics)
          .append("\n\n");
      List<List<String>> counts = new ArrayList<>();
      for (DeadLetterCount c : listing.counts()) {
        counts.add(List.of(orNone(c.pipeline()), c.errorType().name(), Long.toString(c.count())));
      }
      text.append(table(List.of("PIPELINE", "ERROR_TYPE", "COUNT"), counts));
      Map<String, List<List<String>>> byTopic = new TreeMap<>();
      for (DeadLetterSummary r : listing.records()) {
        byTopic
            .computeIfAbsent(r.topic(), t -> new ArrayList<>())
            .add(
                List.of(
                    Long.toString(r.offset()),
                    Timestamps.format(r.failedAt()),
                    orNone(r.pipeline()),
                    r.errorType().name(),
                    oneLine(orNone(r.errorMessage())),
                    r.valuePreview()));
      }
      byTopic.forEach(
          (topic, rows) ->
              text.append('\n')
                  .append(topic)
                  .append('\n')
                  .append(
                      table(
                          List.of(
                              "OFFSET",
                              "FAILED_AT",
                              "PIPELINE",
                              "ERROR_TYPE",
                              "ERROR_MESSAGE",
                              "VALUE"),
                          rows)));
    }
    if (listing.unreadable() > 0) {
      text.append("\n")
          .append(plural(listing.unreadable(), "record"))
          .append(" on these topics are not dead letters and were left out (see the log)\n");
    }
    return text.toString();
  }

  /** Everything a dead letter says, the original value and stack trace verbatim. */
  static String entry(DeadLetterEntry entry) {
    DeadLetter l = entry.letter();
    StringBuilder text = new StringBuilder();
    text.append(entry.topic())
        .append(" offset ")
        .append(entry.offset())
        .append(" (partition ")
        .append(entry.partition())
        .append(")\n");
    field(text, "failed_at", Timestamps.format(l.failedAt()));
    field(text, "pipeline", orNone(l.pipeline()));
    field(text, "pipeline_version", orNone(l.pipelineVersion()));
    field(text, "error_type", l.errorType().name());
    field(text, "error_field", orNone(l.errorField()));
    field(text, "error_message", orNone(l.errorMessage()));
    field(text, "replay_count", Integer.toString(l.replayCount()));
    field(
        text,
        "source",
        orNone(l.sourceTopic())
            + " partition "
            + l.sourcePartition()
            + " offset "
            + l.sourceOffset()
            + " at "
            + Timestamps.format(l.sourceTimestamp()));
    field(text, "key", encoded(l.originalKey(), l.keyEncoding()));
    field(text, "headers", Integer.toString(l.headers().size()));
    for (DeadLetterHeader h : l.headers()) {
      text.append("  ").append(h.key()).append(": ").append(encoded(h.value(), h.encoding()));
      text.append('\n');
    }
    byte[] value = l.originalValueBytes();
    if (value == null) {
      field(text, "value", "(null)");
    } else {
      text.append("value (")
          .append(l.valueEncoding())
          .append(", ")
          .append(plural(value.length, "byte"))
          .append("):\n")
          .append(l.originalValue())
          .append('\n');
    }
    if (l.stackTrace() == null) {
      field(text, "stack_trace", NONE);
    } else {
      text.append("stack_trace:\n").append(l.stackTrace().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** How many of the selected dead letters were sent, where to, and why any were skipped. */
  static String report(ReplayReport report, int selected) {
    StringBuilder text = new StringBuilder();
    text.append("Replayed ")
        .append(report.sent().size())
        .append(" of ")
        .append(plural(selected, "dead letter"));
    if (!report.skipped().isEmpty()) {
      text.append(", skipped ").append(report.skipped().size());
    }
    text.append('\n');
    for (ReplayedRecord r : report.sent()) {
      text.append(r.dlqTopic())
          .append(" offset ")
          .append(r.dlqOffset())
          .append(" -> ")
          .append(r.topic())
          .append(" partition ")
          .append(r.partition())
          .append(" offset ")
          .append(r.offset())
          .append('\n');
    }
    for (ReplaySkip s : report.skipped()) {
      text.append(s.dlqTopic())
          .append(" offset ")
          .append(s.dlqOffset())
          .append(" skipped: ")
          .append(oneLine(s.reason()))
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Left-aligned columns two spaces apart, each as wide as its widest cell; the last column is not
   * padded so no line ends in spaces.
   */
  static String table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(name).append(": ").append(value).append('\n');
  }

  private static String encoded(String text, String encoding) {
    if (text == null) {
      return "(null)";
    }
    return DeadLetter.BASE64.equals(encoding) ? text + " (base64)" : text;
  }

  private static String orNone(String s) {
    return s == null ? NONE : s;
  }

  private static String oneLine(String s) {
    StringBuilder line = new StringBuilder(s.length());
    s.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return line.toString();
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
