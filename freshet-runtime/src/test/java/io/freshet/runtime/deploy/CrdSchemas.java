package io.freshet.runtime.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code openAPIV3Schema} of every served version of some CRDs, as JSON schemas keyed by
 * apiVersion and kind, rewritten so a plain JSON-schema validator judges a document the way the API
 * server with strict field validation would.
 */
final class CrdSchemas {
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final Map<String, Schema> byType;

  private CrdSchemas(Map<String, Schema> byType) {
    this.byType = Map.copyOf(byType);
  }

  /** The CRDs in the {@code .yaml} and {@code .yml} files of {@code dir}. */
  static CrdSchemas load(Path dir) throws IOException {
    List<JsonNode> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          crds.addAll(documents(Files.readString(f)));
        }
      }
    }
    return of(crds);
  }

  /** The CRDs given. */
  static CrdSchemas of(List<JsonNode> crds) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    Map<String, Schema> byType = new HashMap<>();
    for (JsonNode crd : crds) {
      if (!"CustomResourceDefinition".equals(crd.path("kind").asString(""))) {
        continue;
      }
      String group = crd.path("spec").path("group").asString();
      String kind = crd.path("spec").path("names").path("kind").asString();
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (!version.path("served").asBoolean(false)) {
          continue;
        }
        JsonNode openApi = version.path("schema").path("openAPIV3Schema");
        ObjectNode schema = (ObjectNode) strict(openApi.deepCopy(), true);
        byType.put(
            key(group + "/" + version.path("name").asString(), kind),
            registry.getSchema(
                YAML.writeValueAsString(schema), com.networknt.schema.InputFormat.YAML));
      }
    }
    return new CrdSchemas(byType);
  }

  /** Every document in a YAML text of several. */
  static List<JsonNode> documents(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    YAML.readerFor(JsonNode.class)
        .readValues(yaml)
        .forEachRemaining(
            n -> {
              if (n != null && !((JsonNode) n).isNull() && !((JsonNode) n).isMissingNode()) {
                docs.add((JsonNode) n);
              }
            });
    return docs;
  }

  /** The types known, as {@code apiVersion kind}. */
  java.util.Set<String> types() {
    return byType.keySet();
  }

  /** The schema of this document's apiVersion and kind, if a CRD gives one. */
  Optional<Schema> schemaOf(JsonNode document) {
    return Optional.ofNullable(
        byType.get(key(document.path("apiVersion").asString(), document.path("kind").asString())));
  }

  /** The document's errors against its schema, as readable lines; one line if it has none. */
  List<String> errors(JsonNode document) {
    Optional<Schema> schema = schemaOf(document);
    if (schema.isEmpty()) {
      return List.of(
          "no CRD for "
              + document.path("apiVersion").asString()
              + " "
              + document.path("kind").asString());
    }
    return schema.get().validate(document).stream().map(Error::toString).toList();
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }

  /**
   * The schema with Kubernetes' extensions spelled in JSON schema: int-or-string as an anyOf,
   * nullable as a null type, and objects with declared properties closed unless they preserve
   * unknown fields, as strict field validation rejects unknown fields the server would prune.
   */
  private static JsonNode strict(JsonNode node, boolean root) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode o = (ObjectNode) node;
    if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
      o.remove("type");
      if (!o.has("anyOf") && !o.has("oneOf")) {
        ArrayNode any = o.putArray("anyOf");
        any.addObject().put("type", "integer");
        any.addObject().put("type", "string");
      }
    }
    if (o.path("nullable").asBoolean(false) && o.path("type").isString()) {
      ArrayNode types = NODES.arrayNode().add(o.path("type").asString()).add("null");
      o.set("type", types);
    }
    if (root) {
      ObjectNode props =
          o.has("properties") ? (ObjectNode) o.get("properties") : o.putObject("properties");
      for (String k : List.of("apiVersion", "kind")) {
        if (!props.has(k)) {
          props.putObject(k).put("type", "string");
        }
      }
      if (!props.has("metadata")) {
        props.putObject("metadata").put("type", "object");
      }
    }
    if (o.has("properties")
        && !o.has("additionalProperties")
        && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      o.put("additionalProperties", false);
    }
    // Checked above or not checkable here (x-kubernetes-validations are CEL rules); dropped so the
    // validator does not warn about keywords it does not know.
    for (String k : List.copyOf(o.propertyNames())) {
      if (k.startsWith("x-kubernetes-") || k.equals("example")) {
        o.remove(k);
      }
    }
    for (String k : List.of("properties", "patternProperties", "definitions")) {
      if (o.get(k) instanceof ObjectNode children) {
        for (String name : List.copyOf(children.propertyNames())) {
          children.set(name, strict(children.get(name), false));
        }
      }
    }
    for (String k : List.of("items", "additionalProperties", "not")) {
      if (o.get(k) != null && o.get(k).isObject()) {
        o.set(k, strict(o.get(k), false));
      }
    }
    for (String k : List.of("allOf", "anyOf", "oneOf")) {
      if (o.get(k) instanceof ArrayNode parts) {
        for (int i = 0; i < parts.size(); i++) {
          parts.set(i, strict(parts.get(i), false));
        }
      }
    }
    return o;
  }
}
