package io.freshet.cli;

import io.freshet.core.sizing.CapacityPlan;
import io.freshet.core.sizing.CapacityPlanJson;
import io.freshet.core.sizing.CapacityPlanner;
import io.freshet.core.sizing.CostEstimate;
import io.freshet.core.sizing.CostLine;
import io.freshet.core.sizing.Figure;
import io.freshet.core.sizing.Measure;
import io.freshet.core.sizing.PriceTable;
import io.freshet.core.sizing.SizingAssumptions;
import io.freshet.core.sizing.SizingRequest;
import io.freshet.core.sizing.SizingWarning;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code freshet size}: brokers, storage, network, Flink and cost for a workload, worked out. */
@Command(
    name = "size",
    mixinStandardHelpOptions = true,
    description =
        "Plan capacity for a workload: Kafka brokers, storage and network, Flink slots,"
            + " TaskManagers and memory, and a monthly cost self-managed and managed, each figure"
            + " with its arithmetic. Decimal units (1 MB = 10^6 B). The assumptions are printed"
            + " with their sources; see docs/operations.md, Capacity planning.")
public final class SizeCommand implements Callable<Integer> {
  private static final SizingAssumptions DEFAULTS = SizingAssumptions.DEFAULTS;

  /** Prose lines (arithmetic, sources, warnings) are broken to fit a terminal this wide. */
  static final int WIDTH = 100;

  @Option(
      names = "--events-per-sec",
      paramLabel = "N",
      required = true,
      description = "Sustained input rate.")
  long eventsPerSecond;

  @Option(
      names = "--event-bytes",
      paramLabel = "BYTES",
      required = true,
      description = "Mean size of one event as written to Kafka, in bytes.")
  long eventBytes;

  @Option(
      names = "--retention-days",
      paramLabel = "DAYS",
      description = "How long Kafka keeps the events (default: ${DEFAULT-VALUE}).")
  int retentionDays = 7;

  @Option(
      names = "--replication",
      paramLabel = "RF",
      description = "Kafka's replication factor (default: ${DEFAULT-VALUE}).")
  int replication = 3;

  @Option(
      names = "--consumer-groups",
      paramLabel = "N",
      description = "Consumer groups that each read every event (default: ${DEFAULT-VALUE}).")
  int consumerGroups = SizingRequest.DEFAULT_CONSUMER_GROUPS;

  @Option(names = "--stateful", description = "The job keeps keyed state: size its memory.")
  boolean stateful;

  @Option(
      names = "--keys",
      paramLabel = "N",
      description =
          "Distinct keys of the keyed state, with --stateful (default: "
              + SizingRequest.DEFAULT_KEYS
              + ").")
  Long keys;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of the input topic, if chosen.")
  Integer partitions;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "The Flink parallelism asked for, if chosen.")
  Integer parallelism;

  @Option(
      names = "--broker-write-mb-per-sec",
      paramLabel = "MB",
      description = "What one broker writes, all replicas, in MB/s (default: ${DEFAULT-VALUE}).")
  double brokerWriteMbPerSecond = DEFAULTS.brokerWriteBytesPerSecond() / 1e6;

  @Option(
      names = "--events-per-slot",
      paramLabel = "N",
      description = "Events/s one Flink slot processes (default: ${DEFAULT-VALUE}, measured).")
  double eventsPerSlot = DEFAULTS.eventsPerSlot();

  @Option(
      names = "--slots-per-taskmanager",
      paramLabel = "N",
      description = "Task slots of one TaskManager (default: ${DEFAULT-VALUE}).")
  int slotsPerTaskManager = DEFAULTS.slotsPerTaskManager();

  @Option(
      names = "--state-bytes-per-key",
      paramLabel = "BYTES",
      description = "Serialized keyed state of one key, with --stateful (default: 322, measured).")
  Double stateBytesPerKey;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "A properties file of prices to use instead of the shipped ones.")
  Path prices;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("freshet size: " + p));
      err.flush();
      return 2;
    }
    PriceTable table;
    try {
      table = priceTable();
    } catch (IOException | IllegalArgumentException e) {
      err.println("freshet size: --prices " + prices + ": " + e.getMessage());
      err.flush();
      return 2;
    }
    CapacityPlan plan = CapacityPlanner.plan(request(), assumptions(), table);
    out.print(json ? CapacityPlanJson.text(plan) + System.lineSeparator() : render(plan));
    out.flush();
    return 0;
  }

  /** Every bad option at once, named as the user typed it. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    atLeast(problems, "--events-per-sec", eventsPerSecond, 1);
    atLeast(problems, "--event-bytes", eventBytes, 1);
    atLeast(problems, "--retention-days", retentionDays, 1);
    atLeast(problems, "--replication", replication, 1);
    atLeast(problems, "--consumer-groups", consumerGroups, 0);
    if (keys != null) {
      atLeast(problems, "--keys", keys, 1);
    }
    if (partitions != null) {
      atLeast(problems, "--partitions", partitions, 1);
    }
    if (parallelism != null) {
      atLeast(problems, "--parallelism", parallelism, 1);
    }
    positive(problems, "--broker-write-mb-per-sec", brokerWriteMbPerSecond);
    positive(problems, "--events-per-slot", eventsPerSlot);
    atLeast(problems, "--slots-per-taskmanager", slotsPerTaskManager, 1);
    if (stateBytesPerKey != null) {
      positive(problems, "--state-bytes-per-key", stateBytesPerKey);
    }
    if (!stateful && (keys != null || stateBytesPerKey != null)) {
      problems.add("--keys and --state-bytes-per-key size keyed state: add --stateful");
    }
    if (prices != null && !Files.isReadable(prices)) {
      problems.add("--prices " + prices + ": no such readable file");
    }
    return problems;
  }

  SizingRequest request() {
    return new SizingRequest(
        eventsPerSecond,
        eventBytes,
        retentionDays,
        replication,
        consumerGroups,
        stateful,
        keys == null ? SizingRequest.DEFAULT_KEYS : keys,
        partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
        parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism));
  }

  SizingAssumptions assumptions() {
    SizingAssumptions a =
        DEFAULTS
            .withBrokerWriteBytesPerSecond(brokerWriteMbPerSecond * 1e6)
            .withEventsPerSlot(eventsPerSlot)
            .withSlotsPerTaskManager(slotsPerTaskManager);
    return stateBytesPerKey == null ? a : a.withStateBytesPerKey(stateBytesPerKey);
  }

  private PriceTable priceTable() throws IOException {
    if (prices == null) {
      return PriceTable.defaults();
    }
    try (Reader in = Files.newBufferedReader(prices, StandardCharsets.UTF_8)) {
      return PriceTable.withOverrides(in);
    }
  }

  /** The plan as text: the figures as a table, then their arithmetic, cost, sources, warnings. */
  static String render(CapacityPlan plan) {
    SizingRequest r = plan.request();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Capacity plan: %,d events/s × %,d B, kept %d days, replication factor %d,\n"
                + "%d consumer %s, %s.\n"
                + "Decimal units: 1 MB = 10^6 B, 1 TB = 10^12 B; a month is 730 h.\n",
            r.eventsPerSecond(),
            r.eventBytes(),
            r.retentionDays(),
            r.replicationFactor(),
            r.consumerGroups(),
            r.consumerGroups() == 1 ? "group" : "groups",
            r.stateful()
                ? String.format(Locale.ROOT, "stateful over %,d keys", r.keys())
                : "stateless"));
    String section = null;
    for (Figure f : plan.figures()) {
      if (!f.measure().section().equals(section)) {
        section = f.measure().section();
        b.append('\n').append(section.toUpperCase(Locale.ROOT)).append('\n');
      }
      b.append(String.format(Locale.ROOT, "  %-32s %14s\n", f.measure().label(), f.shown()));
    }
    if (plan.find(Measure.KEYED_STATE).isEmpty()) {
      b.append("\nMEMORY\n  no keyed state: stateless (--stateful --keys N sizes it)\n");
    }

    b.append("\nARITHMETIC\n");
    for (Figure f : plan.figures()) {
      wrap(b, "  ", f.measure().label() + ": " + f.arithmetic());
    }

    b.append("\nMONTHLY COST, USD: ")
        .append(plan.prices().source())
        .append(" (price table of ")
        .append(plan.prices().date())
        .append(")\n");
    cost(b, plan.selfManaged());
    cost(b, plan.managed());
    b.append(
        "  Neither includes the people who run it, support, monitoring or checkpoint storage.\n");

    b.append("\nASSUMPTIONS\n");
    for (String source : plan.assumptions().sources()) {
      wrap(b, "  ", source);
    }

    b.append("\nWARNINGS\n");
    if (plan.warnings().isEmpty()) {
      b.append("  none\n");
    }
    for (SizingWarning w : plan.warnings()) {
      wrap(b, "  ! ", w.message());
    }
    return b.toString();
  }

  private static void cost(StringBuilder b, CostEstimate estimate) {
    b.append("  ")
        .append(Character.toUpperCase(estimate.name().charAt(0)))
        .append(estimate.name().substring(1))
        .append('\n');
    for (CostLine line : estimate.lines()) {
      b.append(
          String.format(
              Locale.ROOT,
              "    %-24s %-50s %10s\n",
              line.item(),
              line.arithmetic(),
              usd(line.usd())));
    }
    b.append(String.format(Locale.ROOT, "    %-75s %10s\n", "Total", usd(estimate.total())));
  }

  /**
   * Appends {@code text} after {@code first}, broken at spaces into lines of at most {@link #WIDTH}
   * characters, the later ones indented two more than the first.
   */
  static void wrap(StringBuilder b, String first, String text) {
    String indent = " ".repeat(first.length() + 2);
    StringBuilder line = new StringBuilder(first);
    int start = line.length();
    for (String word : text.split(" ")) {
      if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
        b.append(line).append('\n');
        line = new StringBuilder(indent);
        start = line.length();
      } else if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    b.append(line).append('\n');
  }

  private static String usd(double amount) {
    return String.format(Locale.ROOT, "$%,.0f", amount);
  }

  private static void atLeast(List<String> problems, String option, long value, long min) {
    if (value < min) {
      problems.add(option + " must be at least " + min + ", was " + value);
    }
  }

  private static void positive(List<String> problems, String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      problems.add(option + " must be a number above 0, was " + value);
    }
  }
}
