package io.freshet.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.TopicDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed {@code deploy/kubernetes/} files are what the catalog generates, and what it
 * generates follows the pipelines' declarations.
 */
class KubernetesManifestsTest {
  private static final Path COMMITTED = Path.of("..", "deploy", "kubernetes");
  private static final String REGENERATE =
      "cd freshet-runtime && mvn test -Dtest=KubernetesManifestsTest -Dfreshet.manifests.write=true";

  private final PipelineCatalog catalog = PipelineCatalog.discovered();
  private final KubernetesManifests manifests = KubernetesManifests.of(catalog);

  @Test
  void theCommittedFilesAreCurrent() throws IOException {
    if (Boolean.getBoolean("freshet.manifests.write")) {
      manifests.writeTo(COMMITTED);
    }
    List<String> stale = new ArrayList<>();
    for (ManifestFile f : manifests.files()) {
      Path committed = COMMITTED.resolve(f.name());
      if (!Files.exists(committed)
          || !Files.readString(committed, StandardCharsets.UTF_8).equals(f.yaml())) {
        stale.add("deploy/kubernetes/" + f.name());
      }
    }
    assertThat(stale)
        .as("generated manifests differ from the committed ones; regenerate with: " + REGENERATE)
        .isEmpty();
  }

  @Test
  void oneDeploymentPerPipelineNeverWiderThanItsInput() {
    List<JsonNode> deployments = CrdSchemas.documents(manifests.flinkDeployments().yaml());
    assertThat(deployments.stream().map(d -> d.path("metadata").path("name").asString()))
        .containsExactlyElementsOf(catalog.names());
    for (JsonNode d : deployments) {
      FreshetPipeline p = catalog.byName(d.path("metadata").path("name").asString()).orElseThrow();
      int partitions =
          p.inputs().stream().mapToInt(TopicDescriptor::partitions).min().orElseThrow();
      JsonNode job = d.path("spec").path("job");
      assertThat(job.path("parallelism").asInt()).isBetween(1, partitions);
      assertThat(
              d.path("spec")
                  .path("flinkConfiguration")
                  .path("job.autoscaler.vertex.max-parallelism")
                  .asString())
          .isEqualTo(Integer.toString(partitions));
      assertThat(job.path("args").toString()).contains("\"--pipeline\",\"" + p.name() + "\"");
    }
  }

  @Test
  void everyDeclaredTopicHasAKafkaTopic() {
    List<JsonNode> topics = CrdSchemas.documents(manifests.kafkaTopics().yaml());
    assertThat(topics).hasSize(catalog.topics().size());
    for (int i = 0; i < topics.size(); i++) {
      TopicDescriptor<?, ?> declared = catalog.topics().get(i);
      JsonNode spec = topics.get(i).path("spec");
      assertThat(topics.get(i).path("metadata").path("name").asString()).isEqualTo(declared.name());
      assertThat(spec.path("partitions").asInt()).isEqualTo(declared.partitions());
      assertThat(spec.path("replicas").asInt()).isEqualTo(3);
      declared
          .topicConfigs()
          .forEach((k, v) -> assertThat(spec.path("config").path(k).asString()).as(k).isEqualTo(v));
    }
    assertThat(catalog.topics().stream().map(TopicDescriptor::name))
        .contains("transactions.dlq", "late-events");
  }

  @Test
  void everyPipelineScalesOnItsOwnConsumerGroup() {
    List<JsonNode> scaled = CrdSchemas.documents(manifests.scaledObjects().yaml());
    assertThat(scaled).hasSize(catalog.pipelines().size());
    for (JsonNode s : scaled) {
      FreshetPipeline p = catalog.byName(s.path("metadata").path("name").asString()).orElseThrow();
      JsonNode trigger = s.path("spec").path("triggers").get(0).path("metadata");
      assertThat(trigger.path("consumerGroup").asString())
          .isEqualTo(p.consumerGroup().orElseThrow());
      assertThat(trigger.path("topic").asString()).isEqualTo(p.inputs().get(0).name());
      assertThat(trigger.path("lagThreshold").asString()).isEqualTo("10000");
      assertThat(s.path("spec").path("scaleTargetRef").path("kind").asString())
          .isEqualTo("FlinkDeployment");
    }
  }

  @Test
  void flinkConfigurationUsesOnlyKeysFlinkKnows() throws IllegalAccessException {
    Set<String> known = new HashSet<>();
    for (Class<?> options :
        List.of(
            CheckpointingOptions.class,
            StateBackendOptions.class,
            RestartStrategyOptions.class,
            HighAvailabilityOptions.class,
            TaskManagerOptions.class)) {
      for (Field f : options.getFields()) {
        if (Modifier.isStatic(f.getModifiers())
            && ConfigOption.class.isAssignableFrom(f.getType())) {
          ConfigOption<?> option = (ConfigOption<?>) f.get(null);
          known.add(option.key());
        }
      }
    }
    List<String> unknown = new ArrayList<>();
    for (JsonNode d : CrdSchemas.documents(manifests.flinkDeployments().yaml())) {
      for (String key : d.path("spec").path("flinkConfiguration").propertyNames()) {
        // The autoscaler's keys belong to the operator, whose classes are not on this classpath.
        if (!key.startsWith("job.autoscaler.") && !known.contains(key)) {
          unknown.add(key);
        }
      }
    }
    assertThat(unknown).as("keys that are no Flink 2.2 option, or only deprecated ones").isEmpty();
  }
}
