package io.freshet.runtime.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes live updates to every open dashboard socket: records are gathered per feed and sent as one
 * frame per batch interval by a single sender thread, so sockets see frames in order, a slow
 * browser never holds up a Kafka poll, and an idle dashboard sends nothing.
 *
 * <p>A frame is {@code {"seq":n,"sent_at":epochMillis,"feeds":{name:{"records":[...],
 * "skipped":k}},"status":{...}}}; {@code skipped} counts the records beyond {@link #MAX_PER_FEED}
 * of one frame, which the page is told about rather than sent.
 */
public final class LiveHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

  /** How often pending updates are sent: four frames a second at most. */
  public static final Duration BATCH_INTERVAL = Duration.ofMillis(250);

  /** The most records of one feed a frame carries; the newest are kept. */
  public static final int MAX_PER_FEED = 500;

  private final ObjectMapper mapper;
  private final Set<WsContext> sockets = ConcurrentHashMap.newKeySet();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final ScheduledExecutorService sender;
  private JsonNode status;
  private long seq;

  public LiveHub(ObjectMapper mapper) {
    this.mapper = mapper;
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "freshet-dashboard-sender");
              t.setDaemon(true);
              return t;
            });
    long millis = BATCH_INTERVAL.toMillis();
    sender.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Queues records of a feed for the next frame. */
  public void publish(String feed, List<JsonNode> records) {
    if (records.isEmpty()) {
      return;
    }
    synchronized (this) {
      Pending p = pending.computeIfAbsent(feed, f -> new Pending());
      for (JsonNode record : records) {
        p.add(record);
      }
    }
  }

  /** Replaces the platform status the next frame carries. */
  public synchronized void publishStatus(JsonNode newStatus) {
    status = newStatus;
  }

  /** The status last published, for a page that has just connected. */
  public synchronized Optional<JsonNode> latestStatus() {
    return Optional.ofNullable(status);
  }

  void opened(WsContext socket) {
    sockets.add(socket);
  }

  void closed(WsContext socket) {
    sockets.remove(socket);
  }

  /** How many sockets are open. */
  public int sockets() {
    return sockets.size();
  }

  private void flush() {
    String frame;
    synchronized (this) {
      if (pending.isEmpty() && status == null) {
        return;
      }
      ObjectNode root = mapper.createObjectNode();
      root.put("seq", ++seq);
      root.put("sent_at", System.currentTimeMillis());
      ObjectNode feeds = root.putObject("feeds");
      pending.forEach(
          (feed, p) -> {
            ObjectNode node = feeds.putObject(feed);
            ArrayNode records = node.putArray("records");
            p.records.forEach(records::add);
            node.put("skipped", p.skipped);
          });
      if (status != null) {
        root.set("status", status);
      }
      pending.clear();
      status = null;
      frame = root.toString();
    }
    for (WsContext socket : sockets) {
      try {
        if (socket.session.isOpen()) {
          socket.send(frame);
        } else {
          sockets.remove(socket);
        }
      } catch (RuntimeException e) {
        // A socket closing while we send: it is dropped, the others still get the frame.
        LOG.debug("Dropping a dashboard socket that failed a send", e);
        sockets.remove(socket);
      }
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
    for (WsContext socket : sockets) {
      socket.closeSession();
    }
    sockets.clear();
  }

  /** One feed's records waiting for the next frame, newest kept. */
  private static final class Pending {
    private final Deque<JsonNode> records = new ArrayDeque<>();
    private long skipped;

    void add(JsonNode record) {
      if (records.size() == MAX_PER_FEED) {
        records.removeFirst();
        skipped++;
      }
      records.addLast(record);
    }
  }
}
