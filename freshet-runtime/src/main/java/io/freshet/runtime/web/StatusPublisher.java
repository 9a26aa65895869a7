package io.freshet.runtime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.runtime.status.StatusService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the platform status and hands it to the {@link LiveHub}: once a second while a dashboard
 * is open (the overview page's figures), every {@link #UNWATCHED_INTERVAL} while none is, since a
 * sample scrapes every metric and an idle process should cost next to nothing. Either way these are
 * the samples {@link StatusService} computes its rates from, so {@code freshet status} shows a real
 * rate on its first call.
 */
public final class StatusPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

  /** How often the status is sampled. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  /** How often the status is sampled while no dashboard is open. */
  public static final Duration UNWATCHED_INTERVAL = Duration.ofSeconds(10);

  private final ScheduledExecutorService sampler;
  private long lastSample = Long.MIN_VALUE;

  public StatusPublisher(StatusService status, LiveHub hub, ObjectMapper mapper) {
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "freshet-status-sampler");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          if (hub.sockets() == 0
              && lastSample != Long.MIN_VALUE
              && now - lastSample < UNWATCHED_INTERVAL.toNanos()) {
            return;
          }
          lastSample = now;
          try {
            hub.publishStatus(mapper.valueToTree(status.status()));
          } catch (RuntimeException e) {
            // One failed sample (a metric read while a job restarts) must not end the sampling.
            LOG.warn("Sampling the platform status failed", e);
          }
        },
        0,
        INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
