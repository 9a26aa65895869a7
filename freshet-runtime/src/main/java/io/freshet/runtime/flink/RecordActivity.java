package io.freshet.runtime.flink;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * How many records the operators of each job have taken in and given out so far: the sum of every
 * operator's {@code numRecordsIn} and {@code numRecordsOut} counters, read in process. It moves
 * whenever a job reads, computes or emits anything (a timer's output included), and stands still
 * while the job has nothing to do, which is what {@link CheckpointPacer} asks.
 *
 * <p>A Flink metric reporter gets no handle on the host process: the MiniCluster instantiates it by
 * class name ({@link Factory}), with a token in its configuration that names the instance {@link
 * #create()} registered.
 */
public final class RecordActivity implements MetricReporter, AutoCloseable {
  /** The reporter's name in the Flink configuration. */
  static final String REPORTER = "freshet-activity";

  private static final String TOKEN = "token";
  private static final Set<String> COUNTERS = Set.of("numRecordsIn", "numRecordsOut");
  private static final Map<String, RecordActivity> BY_TOKEN = new ConcurrentHashMap<>();

  private final String token;
  private final Map<JobID, Set<Counter>> counters = new ConcurrentHashMap<>();
  private volatile boolean installed;

  private RecordActivity(String token) {
    this.token = token;
  }

  /** A new instance, found by the MiniCluster through the options of {@link #configure}. */
  static RecordActivity create() {
    RecordActivity activity = new RecordActivity(UUID.randomUUID().toString());
    BY_TOKEN.put(activity.token, activity);
    return activity;
  }

  /** The Flink options that install this instance as a metric reporter. */
  Map<String, String> configure() {
    return Map.of(
        "metrics.reporter." + REPORTER + ".factory.class",
        Factory.class.getName(),
        "metrics.reporter." + REPORTER + "." + TOKEN,
        token);
  }

  /** Records the operators of {@code job} have counted so far (0 before it runs). */
  public long records(JobID job) {
    long sum = 0;
    for (Counter counter : counters.getOrDefault(job, Set.of())) {
      sum += counter.getCount();
    }
    return sum;
  }

  /** Whether Flink installed this instance as a reporter (its metric registry opened it). */
  boolean installed() {
    return installed;
  }

  @Override
  public void open(MetricConfig config) {
    installed = true;
  }

  /** Forgets the instance; the MiniCluster closes its reporter when it stops. */
  @Override
  public void close() {
    BY_TOKEN.remove(token);
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    jobOfOperatorCounter(metric, metricName, group)
        .ifPresent(
            job ->
                counters
                    .computeIfAbsent(job, j -> ConcurrentHashMap.newKeySet())
                    .add((Counter) metric));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    jobOfOperatorCounter(metric, metricName, group)
        .ifPresent(
            job ->
                counters.computeIfPresent(
                    job,
                    (j, set) -> {
                      set.remove(metric);
                      return set.isEmpty() ? null : set;
                    }));
  }

  private static Optional<JobID> jobOfOperatorCounter(
      Metric metric, String metricName, MetricGroup group) {
    if (!(metric instanceof Counter) || !COUNTERS.contains(metricName)) {
      return Optional.empty();
    }
    Map<String, String> variables = group.getAllVariables();
    String job = variables.get("<job_id>");
    if (job == null || !variables.containsKey("<operator_id>")) {
      return Optional.empty();
    }
    return Optional.of(JobID.fromHexString(job));
  }

  /** Lets Flink instantiate the reporter: it returns the instance the token names. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      String token = properties.getProperty(TOKEN);
      RecordActivity activity = token == null ? null : BY_TOKEN.get(token);
      if (activity == null) {
        throw new IllegalStateException(
            "no RecordActivity for token " + token + "; install it with RecordActivity.configure");
      }
      return activity;
    }
  }
}
