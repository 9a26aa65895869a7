package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class FlinkSettingsTest {
  @TempDir Path dir;

  final FlinkSettings settings =
      new FlinkSettings(2, Duration.ofSeconds(1), Path.of("checkpoints"), StateBackendKind.ROCKSDB);

  @Test
  void rocksDbFilesAreZstdCompressedThroughFlinksOwnOption() {
    // A misspelt key would be ignored silently; read it back through Flink's typed option.
    Configuration conf = settings.toConfiguration();

    assertThat(conf.get(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL))
        .isEqualTo(List.of(CompressionType.ZSTD_COMPRESSION));
  }

  @Test
  void flinksRocksDbLibraryHasZstdLinkedIn() throws Exception {
    RocksDB.loadLibrary();
    try (Options options =
            new Options()
                .setCreateIfMissing(true)
                .setCompressionType(CompressionType.ZSTD_COMPRESSION);
        RocksDB db = RocksDB.open(options, dir.resolve("db").toString());
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.put(new byte[] {1}, new byte[] {2});
      // Writing a file is where an unlinked compression would fail.
      db.flush(flush);

      assertThat(db.get(new byte[] {1})).containsExactly(2);
    }
  }
}
