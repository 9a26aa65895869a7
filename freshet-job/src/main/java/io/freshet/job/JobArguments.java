package io.freshet.job;

import io.freshet.core.time.DurationText;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.SourceStart;
import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.JobOptions;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.plugin.PipelineContext;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.Setting;
import io.freshet.pipelines.plugin.StoreSinks;
import io.freshet.pipelines.topic.TopicNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The program arguments of the job jar, read and validated before anything is wired: which
 * pipeline, the Kafka cluster, the topic naming, where the serving tables go, the checkpoint
 * interval, the watermark bounds, and the pipeline's settings under the option names of {@code
 * freshet run}.
 *
 * @param pipeline the pipeline to run
 * @param bootstrapServers the Kafka cluster
 * @param kafkaProperties extra client properties (TLS, SASL), from {@code --kafka-property k=v}
 * @param naming the topic naming, from {@code --topic-prefix}
 * @param storeUrl the serving store's JDBC URL, empty for none
 * @param checkpointInterval how often the job is checkpointed, which is how soon its outputs commit
 * @param maxOutOfOrderness the watermarks' out-of-orderness bound
 * @param sourceIdleness how long a silent partition holds the watermark back
 * @param settings the pipeline's settings
 */
public record JobArguments(
    FreshetPipeline pipeline,
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    TopicNaming naming,
    Optional<String> storeUrl,
    Duration checkpointInterval,
    Duration maxOutOfOrderness,
    Duration sourceIdleness,
    PipelineSettings settings) {

  /** The checkpoint interval when none is given, the same as {@code freshet run}'s. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private static final String PIPELINE = JobOptions.PIPELINE;
  private static final String BOOTSTRAP_SERVERS = JobOptions.BOOTSTRAP_SERVERS;
  private static final String KAFKA_PROPERTY = JobOptions.KAFKA_PROPERTY;
  private static final String TOPIC_PREFIX = JobOptions.TOPIC_PREFIX;
  private static final String STORE = JobOptions.STORE;
  private static final String CHECKPOINT_INTERVAL = JobOptions.CHECKPOINT_INTERVAL;
  private static final String MAX_OUT_OF_ORDERNESS = JobOptions.MAX_OUT_OF_ORDERNESS;
  private static final String SOURCE_IDLENESS = JobOptions.SOURCE_IDLENESS;
  private static final String NO_STORE = JobOptions.NO_STORE;

  public JobArguments {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    kafkaProperties = Map.copyOf(kafkaProperties);
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(storeUrl, "storeUrl");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    Objects.requireNonNull(sourceIdleness, "sourceIdleness");
    Objects.requireNonNull(settings, "settings");
  }

  /**
   * Reads {@code --option value} pairs.
   *
   * @throws IllegalArgumentException with every problem found, each naming its option
   */
  public static JobArguments parse(String[] args, PipelineCatalog catalog) {
    Map<String, List<String>> given = pairs(args);
    List<String> problems = new ArrayList<>();
    Optional<FreshetPipeline> pipeline =
        single(given, PIPELINE, problems)
            .flatMap(
                name -> {
                  Optional<FreshetPipeline> found = catalog.byName(name);
                  if (found.isEmpty()) {
                    problems.add(
                        PIPELINE + ": no pipeline " + name + "; known: " + catalog.names());
                  }
                  return found;
                });
    Optional<String> bootstrap = single(given, BOOTSTRAP_SERVERS, problems);
    if (bootstrap.isEmpty() && !given.containsKey(BOOTSTRAP_SERVERS)) {
      problems.add(BOOTSTRAP_SERVERS + " is required: the Kafka cluster the job reads and writes");
    }
    Map<String, String> kafkaProperties = new LinkedHashMap<>();
    for (String property : given.getOrDefault(KAFKA_PROPERTY, List.of())) {
      int eq = property.indexOf('=');
      if (eq <= 0) {
        problems.add(KAFKA_PROPERTY + " takes key=value, got " + property);
      } else {
        kafkaProperties.put(property.substring(0, eq), property.substring(eq + 1));
      }
    }
    TopicNaming naming = TopicNaming.PRODUCTION;
    Optional<String> prefix = single(given, TOPIC_PREFIX, problems);
    if (prefix.isPresent()) {
      try {
        naming = TopicNaming.prefixed(prefix.get());
      } catch (IllegalArgumentException e) {
        problems.add(TOPIC_PREFIX + ": " + e.getMessage());
      }
    }
    Optional<String> store = single(given, STORE, problems).filter(s -> !s.equals(NO_STORE));
    if (store.isPresent() && !store.get().startsWith("jdbc:postgresql:")) {
      problems.add(
          STORE
              + ": "
              + store.get()
              + " cannot be shared by the TaskManagers of a cluster (a DuckDB file belongs to one"
              + " process); give a jdbc:postgresql:// URL, or none");
    }
    Duration checkpoint =
        duration(given, CHECKPOINT_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL, problems);
    Duration outOfOrderness =
        duration(
            given, MAX_OUT_OF_ORDERNESS, PipelineContext.DEFAULT_MAX_OUT_OF_ORDERNESS, problems);
    Duration idleness =
        duration(given, SOURCE_IDLENESS, PipelineContext.DEFAULT_SOURCE_IDLENESS, problems);

    PipelineSettings settings = PipelineSettings.defaults();
    Set<String> known =
        new TreeSet<>(
            List.of(
                PIPELINE,
                BOOTSTRAP_SERVERS,
                KAFKA_PROPERTY,
                TOPIC_PREFIX,
                STORE,
                CHECKPOINT_INTERVAL,
                MAX_OUT_OF_ORDERNESS,
                SOURCE_IDLENESS));
    List<Setting<?>> declared = pipeline.map(FreshetPipeline::settings).orElse(List.of());
    for (Setting<?> setting : declared) {
      known.add(setting.option());
      List<String> texts = given.get(setting.option());
      if (texts != null) {
        try {
          settings = fold(settings, setting, texts);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    problems.addAll(settings.problems(declared));
    for (String option : given.keySet()) {
      if (!known.contains(option)) {
        problems.add("unknown option " + option + "; this job takes " + known);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid job arguments:\n  " + String.join("\n  ", problems));
    }
    return new JobArguments(
        pipeline.orElseThrow(),
        bootstrap.orElseThrow(),
        kafkaProperties,
        naming,
        store,
        checkpoint,
        outOfOrderness,
        idleness,
        settings);
  }

  /** What the pipeline wires its job from. */
  public PipelineContext context() {
    KafkaConnection kafka =
        new KafkaConnection(bootstrapServers, SourceStart.COMMITTED, kafkaProperties);
    return new PipelineContext(
        kafka,
        naming,
        storeUrl.map(StoreSinks::jdbc).orElseGet(StoreSinks::discarding),
        maxOutOfOrderness,
        sourceIdleness,
        settings);
  }

  private static <T> PipelineSettings fold(
      PipelineSettings values, Setting<T> setting, List<String> texts) {
    if (texts.size() > 1 && !setting.repeatable()) {
      throw new IllegalArgumentException(setting.option() + " is given more than once");
    }
    T value = values.get(setting);
    for (String text : texts) {
      value = setting.parse(value, text);
    }
    return values.with(setting, value);
  }

  private static Map<String, List<String>> pairs(String[] args) {
    Map<String, List<String>> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.startsWith("--")) {
        throw new IllegalArgumentException(
            "Invalid job arguments: expected an --option, got " + option);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Invalid job arguments: " + option + " has no value");
      }
      given.computeIfAbsent(option, o -> new ArrayList<>()).add(args[++i]);
    }
    return given;
  }

  private static Optional<String> single(
      Map<String, List<String>> given, String option, List<String> problems) {
    List<String> values = given.getOrDefault(option, List.of());
    if (values.size() > 1) {
      problems.add(option + " is given more than once");
      return Optional.empty();
    }
    if (option.equals(PIPELINE) && values.isEmpty()) {
      problems.add(PIPELINE + " is required: the pipeline this job runs");
    }
    return values.stream().findFirst();
  }

  private static Duration duration(
      Map<String, List<String>> given, String option, Duration fallback, List<String> problems) {
    Optional<String> text = single(given, option, problems);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      Duration value = DurationText.parse(text.get());
      if (value.isNegative() || value.isZero()) {
        problems.add(option + " must be positive, got " + text.get());
      }
      return value;
    } catch (IllegalArgumentException e) {
      problems.add(option + ": " + e.getMessage());
      return fallback;
    }
  }
}
