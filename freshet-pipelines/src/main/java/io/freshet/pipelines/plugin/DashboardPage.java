package io.freshet.pipelines.plugin;

import io.freshet.pipelines.topic.TopicDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * A pipeline's page on the live dashboard: its title, the script that draws it, and the output
 * topics whose committed records the page receives as they are written.
 *
 * <p>The script is the classpath resource {@code dashboard/pages/{script}} of the pipeline's jar,
 * served at {@code /pages/{script}}; it registers itself with {@code Freshet.page(pipelineName,
 * title, factory)} (see the platform's {@code freshet-dashboard/app.js}). Each feed arrives under
 * its topic's declared name, every record as the JSON its codec wrote.
 *
 * @param title the navigation label
 * @param script the page script's path below {@code dashboard/pages/}, e.g. {@code fraud.js}
 * @param feeds the output topics streamed to the page, under their declared names
 */
public record DashboardPage(String title, String script, List<TopicDescriptor<?, ?>> feeds) {
  public DashboardPage {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(script, "script");
    if (!script.matches("[a-z0-9][a-z0-9/_.-]*\\.js") || script.contains("..")) {
      throw new IllegalArgumentException("dashboard script must be a relative .js path: " + script);
    }
    feeds = List.copyOf(feeds);
  }
}
