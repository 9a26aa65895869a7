package io.freshet.serving;

import static io.freshet.serving.TestRows.T0;
import static io.freshet.serving.TestRows.instant;
import static io.freshet.serving.TestRows.select;
import static io.freshet.serving.TestRows.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.iot.SensorStats5s;
import io.freshet.pipelines.iot.IotTables;
import io.freshet.pipelines.plugin.PipelineCatalog;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink inside a real Flink job: serialised, created by Flink, flushed at end of input. */
class ServingStoreSinkJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void jobMaterialisesItsLatestRevisions() throws Exception {
    // Given a store and a bounded job emitting two revisions of one window and another window
    String url = ServingStore.defaultUrl(dir);
    try (ServingStore store = ServingStore.open(url, PipelineCatalog.discovered().tables())) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      env.fromData(
              SensorStats5s.class,
              stats("d-1", T0, 20.0, 0),
              stats("d-2", T0, 30.0, 0),
              stats("d-1", T0, 21.0, 1))
          .sinkTo(new ServingStoreSink<>(url, IotTables.SENSOR_STATS_5S))
          .name("sensor_stats_5s");

      // When the job runs to completion, sharing the DuckDB file with this open store
      env.execute("serving-sink-test");

      // Then the table holds the latest revision of each window
      assertThat(
              select(
                  store,
                  "SELECT device_id, window_start, mean, revision FROM sensor_stats_5s"
                      + " ORDER BY device_id"))
          .containsExactly(
              List.of("d-1", instant("2026-11-26T12:00:00Z"), 21.0, 1),
              List.of("d-2", instant("2026-11-26T12:00:00Z"), 30.0, 0));
    }
  }
}
