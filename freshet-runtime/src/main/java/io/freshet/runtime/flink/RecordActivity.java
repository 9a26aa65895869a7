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
 * How many records the operators of each job have taken in so far: the sum of every operator's
 * {@code numRecordsIn} counter, read in process, committers excepted. It moves whenever a job reads
 * a record or hands one to the next operator or a sink (a timer's output included), and stands
 * still while the job has nothing to do, which is what {@link CheckpointPacer} asks.
 *
 * <p>Committers are left out because checkpoints themselves feed them: at every checkpoint each
 * sink writer sends its committer a summary of its committables, empty or not. Counting those (or
 * the writers' {@code numRecordsOut}) would make every checkpoint the activity that asks for the
 * next one.
 *
 * <p>A Flink metric reporter gets no handle on the host process: the MiniCluster instantiates it by
 * class name ({@link Factory}), with a token in its configuration that names the instance {@link
 * #create()} registered.
 */
public final class RecordActivity implements MetricReporter, AutoCloseable {
  /** The reporter's name in the Flink configuration. */
  static final String REPORTER = "freshet-activity";

  private static final String TOKEN = "token";
  private static final String COUNTER = "numRecordsIn";

  /** How Flink names the committer operator of a two-phase sink ({@code <sink>: Committer}). */
  private static final String COMMITTER_SUFFIX = ": Committer";

  private static final Map<String, RecordActivity> BY_TOKEN = new ConcurrentHashMap<>();

  private final String token;

  /** The input counter of every operator (subtask) seen, by job. */
  private final Map<JobID, Map<Counter, Operator>> counters = new ConcurrentHashMap<>();

  /** Operators that registered committer metrics. */
  private final Set<Operator> committers = ConcurrentHashMap.newKeySet();

  private volatile boolean installed;

  /** One operator of a job, across its subtasks. */
  private record Operator(JobID job, String operatorId) {}

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

  /** Records the operators of {@code job} have taken in so far (0 before it runs). */
  public long records(JobID job) {
    long sum = 0;
    for (Map.Entry<Counter, Operator> counter : counters.getOrDefault(job, Map.of()).entrySet()) {
      if (!committers.contains(counter.getValue())) {
        sum += counter.getKey().getCount();
      }
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
    Optional<Operator> operator = operatorOf(group);
    if (operator.isEmpty()) {
      return;
    }
    if (isCommitterMetric(metricName, group)) {
      committers.add(operator.get());
    } else if (metric instanceof Counter && COUNTER.equals(metricName)) {
      counters
          .computeIfAbsent(operator.get().job(), j -> new ConcurrentHashMap<>())
          .put((Counter) metric, operator.get());
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    operatorOf(group)
        .ifPresent(
            operator ->
                counters.computeIfPresent(
                    operator.job(),
                    (job, ofJob) -> {
                      ofJob.remove(metric);
                      return ofJob.isEmpty() ? null : ofJob;
                    }));
  }

  /**
   * Committers register {@code pendingCommittables}, {@code totalCommittables} and the like in
   * their operator's group, and Flink names them {@code <sink>: Committer}.
   */
  private static boolean isCommitterMetric(String metricName, MetricGroup group) {
    String name = group.getAllVariables().getOrDefault("<operator_name>", "");
    return metricName.endsWith("Committables") || name.endsWith(COMMITTER_SUFFIX);
  }

  private static Optional<Operator> operatorOf(MetricGroup group) {
    Map<String, String> variables = group.getAllVariables();
    String job = variables.get("<job_id>");
    String operator = variables.get("<operator_id>");
    if (job == null || operator == null) {
      return Optional.empty();
    }
    return Optional.of(new Operator(JobID.fromHexString(job), operator));
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
