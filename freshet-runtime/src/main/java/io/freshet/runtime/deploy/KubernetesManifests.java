package io.freshet.runtime.deploy;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.kafka.BrokerDefaults;
import io.freshet.runtime.submit.JobArgs;
import io.freshet.runtime.submit.PipelineSubmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kubernetes manifests of {@code deploy/kubernetes/}, built from a pipeline catalog: one Flink
 * Kubernetes Operator {@code FlinkDeployment} per pipeline, a Strimzi KRaft cluster, one {@code
 * KafkaTopic} per declared topic and one KEDA {@code ScaledObject} per pipeline.
 */
public final class KubernetesManifests {
  /** The Strimzi cluster's name; its bootstrap service is {@code <name>-kafka-bootstrap}. */
  public static final String KAFKA_CLUSTER = "freshet";

  /** The address the jobs reach Kafka at: Strimzi's bootstrap service, plain listener. */
  public static final String BOOTSTRAP_SERVERS = KAFKA_CLUSTER + "-kafka-bootstrap:9092";

  /** A placeholder: the image a release builds, Flink 2.2 with the job jar in usrlib. */
  public static final String IMAGE = "freshet/freshet-job:0.1.0";

  static final String JAR_URI = "local:///opt/flink/usrlib/freshet-job.jar";
  static final String ENTRY_CLASS = PipelineSubmitter.ENTRY_CLASS;
  static final String STATE_BUCKET = "s3://freshet-flink-state";
  static final int KAFKA_NODES = 3;
  static final int MIN_INSYNC = 2;
  static final int TOPIC_REPLICAS = 3;
  static final int INITIAL_PARALLELISM = 2;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  /** The project's scaling policy: the lag per TaskManager that calls for more of them. */
  static final long LAG_PER_TASK_MANAGER = 10_000;

  /** ... for this long before scaling up, ... */
  static final Duration SCALE_UP_AFTER = Duration.ofMinutes(2);

  /** ... by at most this many TaskManagers at a time, ... */
  static final int MAX_SCALE_UP_STEP = 4;

  /** ... and down again only after this long without lag. */
  static final Duration SCALE_DOWN_AFTER = Duration.ofMinutes(10);

  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Broker settings of {@link BrokerDefaults} that size a small shared machine, not a broker. */
  private static final Set<String> SMALL_MACHINE_SETTINGS =
      Set.of(
          "num.network.threads",
          "num.io.threads",
          "background.threads",
          "num.recovery.threads.per.data.dir",
          "group.coordinator.threads",
          "share.coordinator.threads",
          "log.cleaner.dedupe.buffer.size",
          "offsets.topic.num.partitions",
          "transaction.state.log.num.partitions",
          "share.coordinator.state.topic.num.partitions");

  private final PipelineCatalog catalog;

  private KubernetesManifests(PipelineCatalog catalog) {
    this.catalog = catalog;
  }

  /** The manifests of {@code catalog}'s pipelines. */
  public static KubernetesManifests of(PipelineCatalog catalog) {
    return new KubernetesManifests(catalog);
  }

  /** Writes the files into {@code args[0]} (default {@code deploy/kubernetes}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "deploy/kubernetes");
    for (Path written : of(PipelineCatalog.discovered()).writeTo(dir)) {
      System.out.println("wrote " + written);
    }
  }

  /** Writes every file into {@code dir}, replacing what is there; returns the paths written. */
  public List<Path> writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (ManifestFile f : files()) {
      Path path = dir.resolve(f.name());
      Files.writeString(path, f.yaml(), StandardCharsets.UTF_8);
      written.add(path);
    }
    return written;
  }

  /** The files, one per kind of object. */
  public List<ManifestFile> files() {
    return List.of(kafka(), kafkaTopics(), flinkDeployments(), scaledObjects());
  }

  private static List<String> header(String what, String... more) {
    List<String> lines = new ArrayList<>();
    lines.add(what);
    lines.add("");
    lines.add(
        "Generated from the pipeline catalog by io.freshet.runtime.deploy.KubernetesManifests;");
    lines.add("do not edit. Regenerate with (see deploy/kubernetes/README.md):");
    lines.add(
        "  cd freshet-runtime && mvn test -Dtest=KubernetesManifestsTest -Dfreshet.manifests.write=true");
    if (more.length > 0) {
      lines.add("");
      lines.addAll(List.of(more));
    }
    return lines;
  }

  ManifestFile kafka() {
    Map<String, Object> config = new LinkedHashMap<>();
    BrokerDefaults.shared(KAFKA_NODES, MIN_INSYNC)
        .forEach(
            (k, v) -> {
              if (!SMALL_MACHINE_SETTINGS.contains(k)) {
                config.put(k, v);
              }
            });
    Map<String, Object> kafka =
        object(
            "kafka.strimzi.io/v1",
            "Kafka",
            KAFKA_CLUSTER,
            Map.of(),
            Map.of("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"));
    kafka.put(
        "spec",
        map(
            "kafka",
            map(
                "version",
                "4.1.1",
                "listeners",
                List.of(
                    map("name", "plain", "port", 9092, "type", "internal", "tls", false),
                    map("name", "tls", "port", 9093, "type", "internal", "tls", true)),
                "config",
                config),
            "entityOperator",
            map("topicOperator", map(), "userOperator", map())));
    Map<String, Object> pool =
        object(
            "kafka.strimzi.io/v1",
            "KafkaNodePool",
            "dual-role",
            Map.of("strimzi.io/cluster", KAFKA_CLUSTER),
            Map.of());
    pool.put(
        "spec",
        map(
            "replicas",
            KAFKA_NODES,
            "roles",
            List.of("controller", "broker"),
            "storage",
            map(
                "type",
                "jbod",
                "volumes",
                List.of(
                    map(
                        "id",
                        0,
                        "type",
                        "persistent-claim",
                        "size",
                        "100Gi",
                        "kraftMetadata",
                        "shared",
                        "deleteClaim",
                        false))),
            "resources",
            map(
                "requests",
                map("cpu", "1", "memory", "4Gi"),
                "limits",
                map("cpu", "2", "memory", "4Gi"))));
    return new ManifestFile(
        "kafka.yaml",
        header(
            "Strimzi 0.49: the Kafka cluster the pipelines use, KRaft, 3 nodes that are controllers and",
            "brokers at once. The broker settings are the ones every Freshet broker has (BrokerDefaults):",
            "declared topics only, RF 3, min ISR 2, no unclean leader election, records up to 10 MiB."),
        List.of(
            new ManifestFile.Document(
                List.of(
                    "Plain listener on 9092 inside the cluster (freshet-kafka-bootstrap:9092, what the jobs'",
                    "--bootstrap-servers names); TLS on 9093 for clients that need it."),
                kafka),
            new ManifestFile.Document(
                List.of(
                    "Three dual-role nodes: a quorum of 3 controllers survives one loss, and so does min ISR 2",
                    "with RF 3. The volume holds both the log and the KRaft metadata; 100Gi is a placeholder,",
                    "size it with `freshet size`."),
                pool)));
  }

  ManifestFile kafkaTopics() {
    List<ManifestFile.Document> docs = new ArrayList<>();
    for (TopicDescriptor<?, ?> t : catalog.topics(TopicNaming.PRODUCTION)) {
      String resource = resourceName(t.name());
      Map<String, Object> topic =
          object(
              "kafka.strimzi.io/v1",
              "KafkaTopic",
              resource,
              Map.of("strimzi.io/cluster", KAFKA_CLUSTER),
              Map.of());
      Map<String, Object> spec = new LinkedHashMap<>();
      if (!resource.equals(t.name())) {
        spec.put("topicName", t.name());
      }
      spec.put("partitions", t.partitions());
      spec.put("replicas", TOPIC_REPLICAS);
      spec.put("config", new LinkedHashMap<String, Object>(t.topicConfigs()));
      topic.put("spec", spec);
      docs.add(new ManifestFile.Document(List.of(t.name() + " (" + role(t) + ")"), topic));
    }
    return new ManifestFile(
        "kafka-topics.yaml",
        header(
            "Strimzi 0.49: every topic the pipelines declare (PipelineCatalog.topics()), with the",
            "partitions, retention and configs of its TopicDescriptor, 3 replicas. The brokers never",
            "auto-create topics, so these must exist before the jobs start."),
        docs);
  }

  ManifestFile flinkDeployments() {
    List<ManifestFile.Document> docs = new ArrayList<>();
    for (FreshetPipeline p : catalog.pipelines()) {
      int maxParallelism = maxParallelism(p);
      Map<String, Object> d =
          object(
              "flink.apache.org/v1beta1",
              "FlinkDeployment",
              p.name(),
              Map.of("app.kubernetes.io/part-of", "freshet", "freshet.io/pipeline", p.name()),
              Map.of());
      d.put(
          "spec",
          map(
              "image",
              IMAGE,
              "flinkVersion",
              "v2_2",
              "serviceAccount",
              "flink",
              "flinkConfiguration",
              flinkConfiguration(p, maxParallelism),
              "jobManager",
              map("replicas", 1, "resource", map("memory", "2048m", "cpu", 1)),
              "taskManager",
              map("resource", map("memory", "4096m", "cpu", 1)),
              "job",
              map(
                  "jarURI",
                  JAR_URI,
                  "entryClass",
                  ENTRY_CLASS,
                  "args",
                  JobArgs.of(p.name(), BOOTSTRAP_SERVERS).toList(),
                  "parallelism",
                  Math.min(INITIAL_PARALLELISM, maxParallelism),
                  "upgradeMode",
                  "savepoint",
                  "state",
                  "running")));
      docs.add(
          new ManifestFile.Document(
              List.of(
                  p.name() + ": " + p.description(),
                  "Parallelism at most "
                      + maxParallelism
                      + ", the partitions of its input topic(s): a subtask more would read nothing."),
              d));
    }
    return new ManifestFile(
        "flink-deployments.yaml",
        header(
            "Flink Kubernetes Operator 1.15: one application-mode FlinkDeployment per pipeline.",
            "State: checkpoints, savepoints and HA metadata go to "
                + STATE_BUCKET
                + "/<pipeline>/ (S3; the image must",
            "enable Flink's S3 filesystem plugin and the pods need credentials for the bucket). A shared",
            "ReadWriteMany PVC mounted at the same path in the JobManager and TaskManagers works too: put",
            "file:///<mount>/<pipeline>/... in the three *dir keys instead.",
            "",
            "Scaling: the operator's autoscaler (job.autoscaler.*) is on. The project's policy is: scale",
            "up when the lag per TaskManager exceeds 10,000 records for 2 minutes, by at most 4 at a",
            "time; scale down after 10 minutes of calm. The autoscaler does not scale on a record count:",
            "it scales on busy time against utilization.target and sizes for catching up the backlog in",
            "catch-up.duration, so the 10,000 has no key here; metrics.window and stabilization.interval",
            "give the 2 minutes, scale-down.interval the 10 minutes, and scale-up.max-factor is 4 /",
            "initial parallelism, which is +4 only from the initial parallelism (it is a factor, not a",
            "step); vertex.max-parallelism caps it at the input's partitions. keda-scaledobjects.yaml has",
            "the exact policy as the alternative; never run both on one deployment."),
        docs);
  }

  private static Map<String, Object> flinkConfiguration(FreshetPipeline p, int maxParallelism) {
    String state = STATE_BUCKET + "/" + p.name();
    int initial = Math.min(INITIAL_PARALLELISM, maxParallelism);
    Map<String, Object> c = new LinkedHashMap<>();
    // One slot per TaskManager: a TaskManager is then one subtask, so "lag per TaskManager" is lag
    // per subtask, and the operator adds TaskManagers one per parallelism step.
    c.put("taskmanager.numberOfTaskSlots", "1");
    c.put("state.backend.type", "rocksdb");
    c.put("execution.checkpointing.incremental", "true");
    // Exactly-once sinks commit on checkpoints: the interval is the visibility delay of results
    // for read_committed readers, so it stays short.
    c.put("execution.checkpointing.interval", seconds(CHECKPOINT_INTERVAL));
    c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
    c.put("execution.checkpointing.dir", state + "/checkpoints");
    c.put("execution.checkpointing.savepoint-dir", state + "/savepoints");
    // A cancelled job keeps its last checkpoint so that it can be resumed by hand.
    c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    // A streaming job should outlive any outage of Kafka or a node: retry forever, backing off.
    c.put("restart-strategy.type", "exponential-delay");
    c.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
    c.put("restart-strategy.exponential-delay.max-backoff", "2 min");
    c.put("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
    c.put("restart-strategy.exponential-delay.reset-backoff-threshold", "10 min");
    c.put("restart-strategy.exponential-delay.jitter-factor", "0.1");
    c.put(
        "restart-strategy.exponential-delay.attempts-before-reset-backoff",
        Integer.toString(Integer.MAX_VALUE));
    c.put("high-availability.type", "kubernetes");
    c.put("high-availability.storageDir", state + "/ha");
    c.put("job.autoscaler.enabled", "true");
    c.put("job.autoscaler.metrics.window", seconds(SCALE_UP_AFTER));
    c.put("job.autoscaler.stabilization.interval", seconds(SCALE_UP_AFTER));
    c.put("job.autoscaler.utilization.target", "0.7");
    c.put("job.autoscaler.scale-down.interval", seconds(SCALE_DOWN_AFTER));
    c.put(
        "job.autoscaler.scale-up.max-factor",
        Double.toString((double) MAX_SCALE_UP_STEP / initial));
    c.put("job.autoscaler.vertex.min-parallelism", "1");
    c.put("job.autoscaler.vertex.max-parallelism", Integer.toString(maxParallelism));
    return c;
  }

  ManifestFile scaledObjects() {
    List<ManifestFile.Document> docs = new ArrayList<>();
    for (FreshetPipeline p : catalog.pipelines()) {
      Optional<String> group = p.consumerGroup();
      List<TopicDescriptor<?, ?>> inputs = inputs(p);
      if (group.isEmpty() || inputs.isEmpty()) {
        continue;
      }
      String groupId = TopicNaming.PRODUCTION.id(group.get());
      List<Object> triggers = new ArrayList<>();
      for (TopicDescriptor<?, ?> in : inputs) {
        triggers.add(
            map(
                "type",
                "kafka",
                "metadata",
                map(
                    "bootstrapServers",
                    BOOTSTRAP_SERVERS,
                    "consumerGroup",
                    groupId,
                    "topic",
                    in.name(),
                    "lagThreshold",
                    Long.toString(LAG_PER_TASK_MANAGER),
                    "offsetResetPolicy",
                    "earliest")));
      }
      Map<String, Object> so =
          object(
              "keda.sh/v1alpha1",
              "ScaledObject",
              p.name(),
              Map.of("app.kubernetes.io/part-of", "freshet", "freshet.io/pipeline", p.name()),
              Map.of());
      so.put(
          "spec",
          map(
              "scaleTargetRef",
              map(
                  "apiVersion",
                  "flink.apache.org/v1beta1",
                  "kind",
                  "FlinkDeployment",
                  "name",
                  p.name()),
              "pollingInterval",
              30,
              "minReplicaCount",
              1,
              "maxReplicaCount",
              maxParallelism(p),
              "advanced",
              map(
                  "horizontalPodAutoscalerConfig",
                  map(
                      "behavior",
                      map(
                          "scaleUp",
                          map(
                              "stabilizationWindowSeconds",
                              (int) SCALE_UP_AFTER.toSeconds(),
                              "policies",
                              List.of(
                                  map(
                                      "type",
                                      "Pods",
                                      "value",
                                      MAX_SCALE_UP_STEP,
                                      "periodSeconds",
                                      (int) SCALE_UP_AFTER.toSeconds()))),
                          "scaleDown",
                          map("stabilizationWindowSeconds", (int) SCALE_DOWN_AFTER.toSeconds())))),
              "triggers",
              triggers));
      docs.add(
          new ManifestFile.Document(
              List.of(
                  p.name()
                      + ": lag of consumer group "
                      + groupId
                      + ", at most "
                      + maxParallelism(p)
                      + " TaskManagers (the input's partitions)."),
              so));
    }
    return new ManifestFile(
        "keda-scaledobjects.yaml",
        header(
            "KEDA: the ALTERNATIVE to the operator's autoscaler, one ScaledObject per pipeline, scaling on",
            "the Kafka consumer lag of the pipeline's consumer group (FreshetPipeline.consumerGroup()).",
            "Apply these only after setting job.autoscaler.enabled to \"false\" in flink-deployments.yaml:",
            "two autoscalers on one job undo each other's decisions and restart it again and again.",
            "",
            "Target: FlinkDeployment has a scale subresource (specReplicasPath .spec.taskManager.replicas,",
            "checked in its 1.15 CRD), so KEDA's HPA scales TaskManagers directly; with replicas set the",
            "operator runs the job at replicas x taskmanager.numberOfTaskSlots (1) and ignores",
            "job.parallelism, and every change is a savepoint-and-restart upgrade. KEDA's operator needs",
            "RBAC to get/update flinkdeployments/scale.",
            "",
            "Policy, exactly: lagThreshold 10000 is the average lag per replica (TaskManager); scale-up",
            "stabilization 120 s means the lag was above it for the whole 2 minutes; at most +4 per 2",
            "minutes; scale-down stabilization 600 s means 10 minutes of calm. The lag KEDA sees is that of",
            "committed offsets, which Flink commits on checkpoints: it trails by up to one checkpoint",
            "interval. KEDA's kafka scaler never asks for more replicas than the topic has partitions."),
        docs);
  }

  /** The input topics under production names. */
  private static List<TopicDescriptor<?, ?>> inputs(FreshetPipeline p) {
    return p.inputs().stream().<TopicDescriptor<?, ?>>map(TopicNaming.PRODUCTION::resolve).toList();
  }

  /** The partitions of the smallest input topic, the most subtasks a source can keep busy. */
  static int maxParallelism(FreshetPipeline p) {
    return p.inputs().stream()
        .mapToInt(TopicDescriptor::partitions)
        .min()
        .orElse(INITIAL_PARALLELISM);
  }

  private static String role(TopicDescriptor<?, ?> t) {
    return t.role().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + ", "
        + t.partitions()
        + " partition"
        + (t.partitions() == 1 ? "" : "s")
        + ", "
        + t.retention().toDays()
        + " days";
  }

  /** A Kubernetes name for a topic: the topic's own name when it is one. */
  static String resourceName(String topic) {
    if (topic.length() <= 253 && RESOURCE_NAME.matcher(topic).matches()) {
      return topic;
    }
    String name = topic.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return name.replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  private static Map<String, Object> object(
      String apiVersion,
      String kind,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (!labels.isEmpty()) {
      metadata.put("labels", new TreeMap<>(labels));
    }
    if (!annotations.isEmpty()) {
      metadata.put("annotations", new TreeMap<>(annotations));
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", metadata);
    return o;
  }

  /** An ordered map from alternating keys and values. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
