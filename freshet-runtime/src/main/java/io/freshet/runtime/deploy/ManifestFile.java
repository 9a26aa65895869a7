package io.freshet.runtime.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One generated file of {@code deploy/kubernetes/}: its name, the comment it opens with and its
 * Kubernetes documents, each with a comment of its own.
 */
public record ManifestFile(String name, List<String> header, List<Document> documents) {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  public ManifestFile {
    header = List.copyOf(header);
    documents = List.copyOf(documents);
  }

  /** One Kubernetes object and the comment lines written above it. */
  public record Document(List<String> comment, Map<String, Object> body) {
    public Document {
      comment = List.copyOf(comment);
    }

    /** The object's {@code apiVersion}. */
    public String apiVersion() {
      return (String) body.get("apiVersion");
    }

    /** The object's {@code kind}. */
    public String kind() {
      return (String) body.get("kind");
    }
  }

  /** The file's text: the header, then each document after {@code ---} and its comment. */
  public String yaml() {
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(comment(line)));
    for (Document d : documents) {
      out.append("---\n");
      d.comment().forEach(line -> out.append(comment(line)));
      try {
        out.append(YAML.writeValueAsString(d.body()));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  private static String comment(String line) {
    return line.isEmpty() ? "#\n" : "# " + line + "\n";
  }
}
