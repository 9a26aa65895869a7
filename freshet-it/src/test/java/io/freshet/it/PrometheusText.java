package io.freshet.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes a {@code /metrics} endpoint and reads samples out of the Prometheus text format. */
final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText scrape(int port) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    List<Sample> samples = new ArrayList<>();
    for (String line : body.split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return new PrometheusText(samples);
  }

  /** Sum of the samples of {@code name} whose labels include all of {@code match}. */
  double sum(String name, String... match) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), match)) {
        total += s.value();
      }
    }
    return total;
  }

  /** Sum of the samples of {@code name} whose label {@code key} starts with {@code prefix}. */
  double sumWithPrefix(String name, String key, String prefix) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().getOrDefault(key, "").startsWith(prefix))
        .mapToDouble(Sample::value)
        .sum();
  }

  boolean has(String name, String... match) {
    return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), match));
  }

  private static boolean matches(Map<String, String> labels, String[] match) {
    for (int i = 0; i < match.length; i += 2) {
      if (!match[i + 1].equals(labels.get(match[i]))) {
        return false;
      }
    }
    return true;
  }
}
