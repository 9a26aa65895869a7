package io.freshet.runtime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.plugin.DashboardPage;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.http.AccessGuard;
import io.freshet.runtime.http.HttpRoutes;
import io.freshet.runtime.status.StatusService;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live dashboard served at {@code /}: its routes, the hub that pushes frames, the status
 * sampler, and, once the topics exist, the reader of the pages' feeds.
 */
public final class Dashboard implements AutoCloseable {
  private final List<FreshetPipeline> pipelines;
  private final ObjectMapper mapper = new ObjectMapper();
  private final LiveHub hub = new LiveHub(mapper);
  private final StatusPublisher statusPublisher;
  private final DashboardRoutes routes;
  private LiveFeedReader feeds;

  public Dashboard(
      List<FreshetPipeline> pipelines,
      StatusService status,
      Supplier<Optional<URI>> flinkUi,
      AccessGuard guard) {
    this.pipelines = List.copyOf(pipelines);
    this.routes = new DashboardRoutes(this.pipelines, hub, flinkUi, guard);
    this.statusPublisher = new StatusPublisher(status, hub, mapper);
  }

  /** The endpoints to register with the HTTP server. */
  public HttpRoutes routes() {
    return routes;
  }

  /** Starts streaming every declared feed from its end; call once its topics exist. */
  public synchronized void streamFeeds(String bootstrapServers, TopicNaming naming) {
    Map<String, String> feedByTopic = new LinkedHashMap<>();
    for (FreshetPipeline pipeline : pipelines) {
      for (TopicDescriptor<?, ?> feed :
          pipeline.dashboard().map(DashboardPage::feeds).orElse(List.of())) {
        feedByTopic.put(naming.name(feed), feed.name());
      }
    }
    if (!feedByTopic.isEmpty()) {
      feeds = new LiveFeedReader(bootstrapServers, feedByTopic, hub, mapper);
    }
  }

  /** The hub, for the number of open sockets. */
  public LiveHub hub() {
    return hub;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    statusPublisher.close();
    try {
      if (feeds != null) {
        feeds.close();
      }
    } finally {
      hub.close();
    }
  }
}
