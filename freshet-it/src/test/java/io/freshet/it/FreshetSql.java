package io.freshet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.cli.FreshetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code freshet sql --json} against a running instance and reads the rows back. */
final class FreshetSql {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private FreshetSql() {}

  /** The JSON rows of {@code query}; fails the test when the command fails. */
  static List<JsonNode> rows(int httpPort, String query) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "sql",
            query,
            "--json",
            "--url",
            "http://localhost:" + httpPort,
            "--api-token",
            TestConfigs.API_TOKEN);
    assertThat(exit).as("freshet sql: %s", err).isZero();
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(out.toString()).forEach(rows::add);
    return rows;
  }

  /** A JSON-array column, whether the store returned it parsed or as JSON text. */
  static List<String> strings(JsonNode node) throws IOException {
    JsonNode array = node.isTextual() ? JSON.readTree(node.asText()) : node;
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
