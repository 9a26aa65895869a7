package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.bench.scenario.TransactionPayloads.PayloadFile;
import io.freshet.core.fraud.TransactionReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionPayloadsTest {

  @Test
  void writesOneValidEnvelopePerLine(@TempDir Path dir) throws Exception {
    PayloadFile file = TransactionPayloads.write(dir.resolve("payloads.txt"), 2_000, 7L);

    List<String> lines = Files.readAllLines(file.path(), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2_000).doesNotContain("");
    TransactionReader reader = new TransactionReader();
    for (String line : lines) {
      // What Freshet's pipeline would accept from its transactions topic.
      assertThat(reader.read(line.getBytes(StandardCharsets.UTF_8)).customerId()).startsWith("c");
    }
    double mean =
        lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length).average().orElse(0);
    assertThat(file.meanBytes()).isEqualTo(mean);
    assertThat(mean).isBetween(450.0, 600.0);
  }

  @Test
  void sameSeedSameFile(@TempDir Path dir) throws Exception {
    PayloadFile a = TransactionPayloads.write(dir.resolve("a.txt"), 50, 7L);
    PayloadFile b = TransactionPayloads.write(dir.resolve("b.txt"), 50, 7L);

    assertThat(Files.readString(a.path())).isEqualTo(Files.readString(b.path()));
  }
}
