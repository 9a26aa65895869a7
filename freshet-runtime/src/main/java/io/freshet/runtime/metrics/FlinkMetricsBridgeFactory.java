package io.freshet.runtime.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Lets Flink instantiate {@link FlinkMetricsBridge} by class name; Flink gives reporters no other
 * handle on the host process, so the bridge uses the Prometheus client's default registry.
 */
public final class FlinkMetricsBridgeFactory implements MetricReporterFactory {
  /** The Flink configuration entries that install the bridge. */
  public static final String CONFIG_KEY = "metrics.reporter.freshet.factory.class";

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new FlinkMetricsBridge(PrometheusRegistry.defaultRegistry);
  }
}
