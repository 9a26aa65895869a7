package io.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.runtime.config.ApiToken;
import io.freshet.serving.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code freshet sql}: one read-only query against a running instance's serving store. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run one read-only SQL query (SELECT, WITH, ...) against the serving store of a running"
            + " freshet (through its /api/sql) and print the result as a table or JSON.")
public final class SqlCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(names = "--json", description = "Print the rows as a JSON array of objects.")
  boolean json;

  @Option(
      names = "--url",
      defaultValue = "http://localhost:8080",
      description = "Freshet's HTTP address (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--api-token",
      defaultValue = "${env:FRESHET_API_TOKEN}",
      description =
          "The API token (default: $FRESHET_API_TOKEN, else the one freshet run generated into"
              + " --data-dir).")
  String apiToken;

  @Option(
      names = "--data-dir",
      defaultValue = "freshet-data",
      description = "Where to find a generated API token (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  // Printing through picocli's writers (System.out/err unless redirected) lets callers capture it.
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Queries time out on the server after 30 s; the client waits a little longer for the answer.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    Optional<String> token;
    try {
      token =
          apiToken == null || apiToken.isBlank() ? ApiToken.kept(dataDir) : Optional.of(apiToken);
    } catch (IOException e) {
      err.println("Cannot read the API token in " + dataDir + ": " + e.getMessage());
      return 1;
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url + "/api/sql"))
            .timeout(Duration.ofSeconds(40))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("No Freshet instance answers at " + url + " (is ./freshet run up?): " + e);
      return 1;
    }
    if (response.statusCode() == 400) {
      err.println("Bad query: " + error(response.body()));
      return 2;
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      err.println(
          "Freshet refused the query (HTTP "
              + response.statusCode()
              + "): SQL needs the API token; pass --api-token or set FRESHET_API_TOKEN (freshet run"
              + " prints it, and keeps a generated one in its data dir)");
      return 1;
    }
    if (response.statusCode() != 200) {
      err.println("Query failed (HTTP " + response.statusCode() + "): " + error(response.body()));
      return 1;
    }
    QueryResult result = QueryResult.fromJson(response.body());
    if (json) {
      out.println(result.toJsonRecords());
    } else {
      out.print(result.toTable());
    }
    out.flush();
    return 0;
  }

  /** The {@code error} of a JSON error body, or the body itself when it is not one. */
  static String error(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.path("error").isTextual() ? node.path("error").asText() : body;
    } catch (IOException e) {
      // An error page that is not JSON (from a proxy, say) is still worth showing as it is.
      return body;
    }
  }
}
