package io.freshet.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.openapi.plugin.OpenApiPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * Freshet's OpenAPI document at {@code /api/openapi.json}: what Javalin's OpenAPI plugin serves,
 * with the routes of every module joined in.
 *
 * <p>The plugin's annotation processor writes one document per module under the same resource name,
 * and the plugin reads only the first on the classpath; the platform's routes and the pipelines'
 * own APIs live in different modules, so the others' paths are merged in here.
 */
public final class OpenApiDocument {
  /** Where the document is served. */
  public static final String PATH = "/api/openapi.json";

  static final String RESOURCE = "openapi-plugin/openapi-default.json";

  private OpenApiDocument() {}

  /** The plugin, configured: Freshet's title, the bearer scheme, every module's paths. */
  static OpenApiPlugin plugin() {
    return new OpenApiPlugin(
        openapi ->
            openapi
                .withDocumentationPath(PATH)
                .withDefinitionConfiguration(
                    (version, definition) ->
                        definition
                            .withInfo(
                                info -> {
                                  info.setTitle("Freshet API");
                                  info.setVersion("1");
                                  info.setDescription(
                                      "Health, status, serving views, commands, decisions,"
                                          + " alerts and dead letters. Writes need 'Authorization:"
                                          + " Bearer <the API token>'.");
                                })
                            .withSecurity(security -> security.withBearerAuth())
                            .withDefinitionProcessor(OpenApiDocument::mergeModules)));
  }

  /** Adds the paths and schemas of every module's generated document to {@code document}. */
  static String mergeModules(ObjectNode document) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode paths = objectField(document, "paths");
    ObjectNode schemas = objectField(objectField(document, "components"), "schemas");
    try {
      for (URL url :
          Collections.list(OpenApiDocument.class.getClassLoader().getResources(RESOURCE))) {
        JsonNode module;
        try (InputStream in = url.openStream()) {
          module = mapper.readTree(in);
        }
        copyAbsent(module.path("paths"), paths);
        copyAbsent(module.path("components").path("schemas"), schemas);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the modules' OpenAPI documents failed", e);
    }
    return document.toPrettyString();
  }

  private static void copyAbsent(JsonNode from, ObjectNode to) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!to.has(field.getKey())) {
        to.set(field.getKey(), field.getValue());
      }
    }
  }

  private static ObjectNode objectField(ObjectNode parent, String name) {
    JsonNode existing = parent.get(name);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(name);
  }
}
