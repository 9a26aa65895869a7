package io.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freshet status}: the running instance's pipelines, throughput, lag and checkpoints. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show pipelines and their state, throughput, lag, last checkpoint, watermark lag and"
            + " dead letters of a running freshet (from its /api/status).")
public final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  @Option(
      names = "--url",
      defaultValue = "http://localhost:8080",
      description = "Freshet's HTTP address (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--watch", description = "Refresh until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      description = "Refresh interval with --watch (default: 2s).")
  Duration interval = Duration.ofSeconds(2);

  @Override
  public Integer call() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/status"))
            .timeout(Duration.ofSeconds(10))
            .build();
    PrintStream out = System.out;
    do {
      JsonNode status;
      try {
        status = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      } catch (IOException e) {
        System.err.println(
            "No Freshet instance answers at " + url + " (is ./freshet run up?): " + e);
        return 1;
      }
      if (watch && System.console() != null) {
        out.print(CLEAR_SCREEN);
      }
      out.print(render(url, status));
      out.flush();
      if (watch) {
        Thread.sleep(interval.toMillis());
      }
    } while (watch);
    return 0;
  }

  /** The state of a pipeline whose job is not on the cluster {@code run --jobmanager} reads. */
  private static final String NOT_SUBMITTED = "NOT_SUBMITTED";

  /** The status as a plain-text table. */
  static String render(String url, JsonNode s) {
    StringBuilder b = new StringBuilder();
    b.append("Freshet at ")
        .append(url)
        .append(" - ")
        .append(s.path("status").asText())
        .append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "%-20s %-13s %10s %12s %8s %8s %16s %16s %12s %10s%n",
            "PIPELINE",
            "STATE",
            "IN/s",
            "RECORDS IN",
            "DLQ",
            "DUPS",
            "CHECKPOINTS",
            "DECLINED@START",
            "LAST CKPT",
            "WM LAG"));
    long declined = 0;
    boolean notSubmitted = false;
    for (JsonNode p : s.path("pipelines")) {
      declined += p.path("checkpoints_declined_starting").asLong();
      notSubmitted |= NOT_SUBMITTED.equals(p.path("state").asText());
      b.append(
          String.format(
              Locale.ROOT,
              "%-20s %-13s %10.1f %12d %8d %8d %16s %16d %12s %10s%n",
              p.path("name").asText(),
              p.path("state").asText(),
              p.path("throughput_per_second").asDouble(),
              p.path("records_in").asLong(),
              p.path("dead_letters").asLong(),
              p.path("duplicates_skipped").asLong(),
              p.path("checkpoints_completed").asLong()
                  + " ok/"
                  + p.path("checkpoints_failed").asLong()
                  + " failed",
              p.path("checkpoints_declined_starting").asLong(),
              number(p.path("last_checkpoint_duration_ms"), "%.0f ms"),
              number(p.path("watermark_lag_seconds"), "%.1f s")));
    }
    if (declined > 0) {
      // Operators page on failed checkpoints: say why these others are none.
      b.append(
          "DECLINED@START: checkpoints Flink declined while a job's tasks were not all running"
              + " (start, restart, stop); not failures.\n");
    }
    if (notSubmitted) {
      // Against a cluster (run --jobmanager) the platform submits nothing: say who does.
      b.append(
          "NOT_SUBMITTED: the Flink cluster has no job of that name; submit it with 'freshet"
              + " submit PIPELINE --jobmanager HOST:PORT' (/api/health names the address).\n");
    }
    b.append(
        String.format(
            Locale.ROOT, "%n%-32s %-24s %10s %10s%n", "CONSUMER GROUP", "TOPIC", "LAG", "LAG (s)"));
    for (JsonNode l : s.path("consumer_lag")) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-32s %-24s %10d %10.1f%n",
              l.path("group").asText(),
              l.path("topic").asText(),
              l.path("records").asLong(),
              l.path("seconds").asDouble()));
    }
    return b.toString();
  }

  private static String number(JsonNode node, String format) {
    return node.isNumber() && !Double.isNaN(node.asDouble())
        ? String.format(Locale.ROOT, format, node.asDouble())
        : "-";
  }
}
