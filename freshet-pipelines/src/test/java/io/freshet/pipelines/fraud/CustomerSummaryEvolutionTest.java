package io.freshet.pipelines.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.fraud.CustomerSummary;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State schema evolution of the fraud summary: a snapshot taken with today's {@link
 * CustomerSummary} restores into a next version of the class with one more component, on the heap
 * and on RocksDB (incremental), and the job goes on deciding exactly what an uninterrupted run
 * decides.
 *
 * <p>The next version is compiled here from today's record components plus {@code long
 * addedInNextVersion} (and a constructor without it, as an evolved class would keep for its
 * callers), and loaded child-first with Freshet's own classes, so the restored job really runs on
 * it; Flink's POJO serializer fills the new component with its default.
 */
class CustomerSummaryEvolutionTest {
  private static final String ADDED = "addedInNextVersion";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb"})
  void snapshotRestoresIntoASummaryWithOneMoreComponent(String backend) throws Exception {
    // Given the first half judged with today's classes, and a snapshot
    EvolvedSummaryRun.Harness today =
        EvolvedSummaryRun.Harness.open(backend, getClass().getClassLoader());
    today.harness.open();
    today.send(EvolvedSummaryRun.firstHalf());
    assertThat(today.outputs())
        .filteredOn(line -> line.startsWith("alert"))
        .containsExactly(
            "alert VELOCITY:ann-tx-15", "alert VELOCITY:ben-tx-15", "alert VELOCITY:cat-tx-15");
    OperatorSubtaskState snapshot = today.harness.snapshot(1L, 1L);
    // (what an uninterrupted run decides next)
    today.send(EvolvedSummaryRun.secondHalf());
    List<String> uninterrupted = today.outputs();
    today.harness.close();
    assertThat(uninterrupted)
        .containsExactly(
            "ann-tx-20 BLOCK [VELOCITY, IMPOSSIBLE_TRAVEL, AMOUNT_ANOMALY]",
            "ben-tx-21 REVIEW [VELOCITY]",
            "cat-tx-22 APPROVE []",
            "cat-tx-23 REVIEW [AMOUNT_ANOMALY]",
            "ann-tx-24 APPROVE []",
            "alert IMPOSSIBLE_TRAVEL:ann-tx-20",
            "alert AMOUNT_ANOMALY:ann-tx-20",
            "alert AMOUNT_ANOMALY:cat-tx-23");

    // When the snapshot is restored by the next version of the summary
    try (URLClassLoader next = nextVersionLoader()) {
      @SuppressWarnings("unchecked")
      Function<Object[], List<String>> run =
          (Function<Object[], List<String>>)
              next.loadClass(EvolvedSummaryRun.class.getName()).getConstructor().newInstance();
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(next);
      List<String> restored;
      try {
        restored = run.apply(new Object[] {snapshot, backend});
      } finally {
        Thread.currentThread().setContextClassLoader(context);
      }

      // Then it ran on the evolved class and decided exactly as the uninterrupted run
      assertThat(restored.get(restored.size() - 1)).endsWith(", " + ADDED + "]");
      assertThat(EvolvedSummaryRun.componentNames()).doesNotContain(ADDED);
      assertThat(restored.subList(0, restored.size() - 1)).containsExactlyElementsOf(uninterrupted);
    }
  }

  /** Freshet's classes child-first, with the next version of {@link CustomerSummary} first. */
  private URLClassLoader nextVersionLoader() throws IOException {
    Path classes = compileNextVersion();
    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (Class<?> c :
        List.of(CustomerSummary.class, FraudDetectionFunction.class, EvolvedSummaryRun.class)) {
      URL location = c.getProtectionDomain().getCodeSource().getLocation();
      if (!urls.contains(location)) {
        urls.add(location);
      }
    }
    return new ChildFirst(urls.toArray(URL[]::new), getClass().getClassLoader());
  }

  private Path compileNextVersion() throws IOException {
    RecordComponent[] components = CustomerSummary.class.getRecordComponents();
    String params =
        Arrays.stream(components)
            .map(c -> c.getType().getCanonicalName() + " " + c.getName())
            .collect(Collectors.joining(", "));
    String names =
        Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", "));
    String source =
        "package io.freshet.core.fraud;\n"
            + "public record CustomerSummary("
            + params
            + ", long "
            + ADDED
            + ") {\n"
            + "  public CustomerSummary("
            + params
            + ") {\n    this("
            + names
            + ", 0L);\n  }\n}\n";
    Path src = dir.resolve("src/io/freshet/core/fraud/CustomerSummary.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(null, null, null, "--release", "17", "-d", out.toString(), src.toString());
    assertThat(status).as("compiling %s", source).isZero();
    return out;
  }

  /** Loads io.freshet classes from its own URLs before asking the parent. */
  private static final class ChildFirst extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.freshet.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notOurs) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
