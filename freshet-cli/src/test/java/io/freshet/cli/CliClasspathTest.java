package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production CLI carries no bench: {@code freshet bench} is a plugin that {@code ./freshet}
 * adds to the classpath for that command only.
 */
class CliClasspathTest {
  /** Written by the build (dependency:list, runtime scope) before the tests run. */
  private static final Path RUNTIME_DEPENDENCIES = Path.of("target", "runtime-dependencies.txt");

  @Test
  void runtimeClasspathHasNoBenchNorItsDependencies() throws IOException {
    assertThat(RUNTIME_DEPENDENCIES)
        .as("written by mvn (dependency:list in generate-test-resources)")
        .isRegularFile();
    String dependencies = Files.readString(RUNTIME_DEPENDENCIES, StandardCharsets.UTF_8);

    // The CLI's own dependencies are listed, so an empty or garbled list cannot pass.
    assertThat(dependencies).contains("io.freshet:freshet-runtime:", "info.picocli:picocli:");
    // HdrHistogram stays: the embedded broker's group coordinator (kafka_2.13) needs it too.
    assertThat(dependencies)
        .doesNotContain(
            "io.freshet:freshet-bench:", "org.jfree:jfreechart:", "org.apache.kafka:kafka-tools:");
  }

  @Test
  void mainClassesNeverReferToTheBench() throws IOException, URISyntaxException {
    Path classes =
        Path.of(FreshetCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(classes)) {
      classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
    }

    assertThat(classFiles).contains(classes.resolve("io/freshet/cli/FreshetCommand.class"));
    for (Path classFile : classFiles) {
      // Class names in the constant pool are in internal form; string constants in binary form.
      String content = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
      assertThat(content)
          .as(classFile.toString())
          .doesNotContain("io/freshet/bench", "io.freshet.bench");
    }
  }
}
