package io.freshet.pipelines.plugin;

/**
 * The program arguments of the pipelines' job jar, named once for the jar that reads them and for
 * the commands ({@code submit}, {@code upgrade}, {@code chaos}) and manifests that pass them. A
 * pipeline's settings follow under the option names of {@code freshet run}.
 */
public final class JobOptions {
  /** The pipeline the job runs, by name. */
  public static final String PIPELINE = "--pipeline";

  /** The Kafka cluster. */
  public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";

  /** One Kafka client property, {@code key=value}; repeatable. */
  public static final String KAFKA_PROPERTY = "--kafka-property";

  /** The prefix of every topic, group and transactional id. */
  public static final String TOPIC_PREFIX = "--topic-prefix";

  /** The serving store's JDBC URL (PostgreSQL), or {@value #NO_STORE}. */
  public static final String STORE = "--store";

  /** The value of {@link #STORE} that materialises nothing. */
  public static final String NO_STORE = "none";

  /** How often the job is checkpointed. */
  public static final String CHECKPOINT_INTERVAL = "--checkpoint-interval";

  /** The watermarks' out-of-orderness bound. */
  public static final String MAX_OUT_OF_ORDERNESS = "--max-out-of-orderness";

  /** How long a silent partition holds the watermark back. */
  public static final String SOURCE_IDLENESS = "--source-idleness";

  private JobOptions() {}
}
