package io.freshet.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.freshet.pipelines.plugin.PipelineCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated manifest against the {@code openAPIV3Schema} of its CRD, offline, and proof that
 * the check rejects what the API server would.
 */
class KubernetesSchemaTest {
  private static final String CRDS_PROPERTY = "freshet.crds.dir";

  @Test
  void everyGeneratedDocumentMatchesItsCrd() throws IOException {
    CrdSchemas schemas = CrdSchemas.load(upstreamCrds());
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (ManifestFile f : KubernetesManifests.of(PipelineCatalog.discovered()).files()) {
      for (JsonNode doc : CrdSchemas.documents(f.yaml())) {
        checked++;
        for (String e : schemas.errors(doc)) {
          problems.add(
              f.name()
                  + " "
                  + doc.path("kind").asString()
                  + " "
                  + doc.path("metadata").path("name").asString()
                  + ": "
                  + e);
        }
      }
    }
    assertThat(problems).as("schema errors in deploy/kubernetes").isEmpty();
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void theUpstreamCrdsRejectAWrongTypeAMissingFieldAndAnUnknownOne() throws IOException {
    CrdSchemas schemas = CrdSchemas.load(upstreamCrds());
    KubernetesManifests manifests = KubernetesManifests.of(PipelineCatalog.discovered());

    ObjectNode deployment = first(manifests.flinkDeployments());
    assertThat(schemas.errors(deployment)).isEmpty();
    ((ObjectNode) deployment.path("spec").path("job")).put("parallelism", "four");
    assertThat(schemas.errors(deployment)).anyMatch(e -> e.contains("parallelism"));

    ObjectNode typo = first(manifests.flinkDeployments());
    ((ObjectNode) typo.path("spec"))
        .set("flinkConfguration", typo.path("spec").path("flinkConfiguration"));
    assertThat(schemas.errors(typo)).anyMatch(e -> e.contains("flinkConfguration"));

    ObjectNode pool = (ObjectNode) CrdSchemas.documents(manifests.kafka().yaml()).get(1);
    assertThat(schemas.errors(pool)).isEmpty();
    ((ObjectNode) pool.path("spec")).remove("roles");
    assertThat(schemas.errors(pool)).anyMatch(e -> e.contains("roles"));
  }

  @Test
  void kubernetesExtensionsAreUnderstoodAndRealErrorsCaught() throws IOException {
    CrdSchemas schemas = CrdSchemas.of(CrdSchemas.documents(resource("example-crd.yaml")));
    assertThat(schemas.types()).containsExactly("test.freshet.io/v1 Example");

    JsonNode valid =
        example(
            "{job: {jarURI: 'local:///a.jar', parallelism: 4}, port: 8080,"
                + " config: {anything: {goes: [1, 2]}}, labels: {a: b}}");
    assertThat(schemas.errors(valid)).isEmpty();
    assertThat(schemas.errors(example("{job: {jarURI: x}, port: http}"))).isEmpty();

    assertThat(schemas.errors(example("{job: {jarURI: x, parallelism: four}}")))
        .anyMatch(e -> e.contains("parallelism"));
    assertThat(schemas.errors(example("{job: {parallelism: 1}}")))
        .anyMatch(e -> e.contains("jarURI"));
    assertThat(schemas.errors(example("{job: {jarURI: x, paralelism: 1}}")))
        .anyMatch(e -> e.contains("paralelism"));
    assertThat(schemas.errors(example("{job: {jarURI: x}, port: [1]}"))).isNotEmpty();
    assertThat(schemas.errors(example("{job: {jarURI: x}, labels: {a: 1}}"))).isNotEmpty();
    assertThat(
            schemas.errors(
                CrdSchemas.documents("apiVersion: test.freshet.io/v0\nkind: Example\n").get(0)))
        .containsExactly("no CRD for test.freshet.io/v0 Example");
  }

  private static JsonNode example(String spec) {
    return CrdSchemas.documents(
            "apiVersion: test.freshet.io/v1\nkind: Example\nmetadata: {name: e}\nspec: "
                + spec
                + "\n")
        .get(0);
  }

  private static ObjectNode first(ManifestFile file) {
    return (ObjectNode) CrdSchemas.documents(file.yaml()).get(0);
  }

  /**
   * The upstream CRDs, which the repository does not carry (see deploy/kubernetes/crds/SOURCES.md):
   * from {@code -Dfreshet.crds.dir}, else {@code deploy/kubernetes/crds/}; the tests that need them
   * are skipped without them.
   */
  private static Path upstreamCrds() throws IOException {
    String configured = System.getProperty(CRDS_PROPERTY);
    Path dir =
        configured != null ? Path.of(configured) : Path.of("..", "deploy", "kubernetes", "crds");
    boolean present;
    try (var files = Files.exists(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
      present =
          files.anyMatch(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"));
    }
    assumeTrue(
        present,
        "no upstream CRDs in "
            + dir.toAbsolutePath().normalize()
            + ": get them as deploy/kubernetes/crds/SOURCES.md says, or pass -D"
            + CRDS_PROPERTY
            + "=DIR");
    return dir;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = KubernetesSchemaTest.class.getResourceAsStream("/deploy/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
