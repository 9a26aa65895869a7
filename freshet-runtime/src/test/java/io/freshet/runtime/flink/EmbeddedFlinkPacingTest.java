package io.freshet.runtime.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.kafka.SingleTopicSerializationSchema;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.runtime.metrics.CheckpointStateCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MiniCluster's paced checkpoints on a real job (Kafka in, an exactly-once Kafka sink
 * out): records read are committed (source offsets go to the group on each completed checkpoint)
 * round after round, well before Flink's own once-a-minute checkpoint could have done it more than
 * once, a checkpoint of a job with nothing to do does not count as activity, no checkpoint is
 * triggered (and failed) by the pacer before the job's tasks run, and one Flink's own trigger may
 * fail then counts as declined while starting, not as a failure.
 */
class EmbeddedFlinkPacingTest {
  private static final String TOPIC = "paced-input";
  private static final String OUTPUT = "paced-output";
  private static final String GROUP = "paced-job";
  private static final int ROUNDS = 3;
  private static final int RECORDS_PER_ROUND = 10;

  @TempDir Path dir;

  @Test
  void everyRoundOfRecordsIsCheckpointedWithinSecondsAndTheActivityCountMoves() throws Exception {
    FlinkSettings settings =
        new FlinkSettings(
            1, Duration.ofMillis(500), dir.resolve("checkpoints"), StateBackendKind.HEAP);
    assertThat(settings.paced()).isTrue();
    try (EmbeddedKafkaBroker broker =
            new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.defaults(dir.resolve("kafka")).withPorts(0, 0))
                .start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName()));
        EmbeddedFlink flink = EmbeddedFlink.start(settings, 1, ManagedMemory.DEFAULT, 0)) {
      admin
          .createTopics(
              List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(OUTPUT, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      KafkaConnection kafka = new KafkaConnection(broker.bootstrapServers());
      FlinkJobSpec spec =
          new FlinkJobSpec(
              "paced",
              env ->
                  env.fromSource(
                          kafka.source(
                              TOPIC,
                              GROUP,
                              KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class)),
                          WatermarkStrategy.noWatermarks(),
                          "source")
                      .sinkTo(kafka.exactlyOnceSink(new Copy(), "paced-job")));
      flink.submit(spec);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  flink.jobStatuses().get("paced")
                      == org.apache.flink.api.common.JobStatus.RUNNING);

      for (int round = 1; round <= ROUNDS; round++) {
        for (int i = 0; i < RECORDS_PER_ROUND; i++) {
          producer.send(new ProducerRecord<>(TOPIC, "k", "round " + round + " record " + i));
        }
        producer.flush();
        long expected = (long) round * RECORDS_PER_ROUND;
        // Well under the minute of Flink's own periodic checkpoints, which could cover one round.
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin) == expected);
      }
      long counted = flink.recordsCounted(spec.jobId());
      assertThat(counted).isPositive();

      // A checkpoint is no activity: its writer-to-committer summaries are not counted, or every
      // checkpoint would ask for the next one.
      assertThat(flink.checkpoint(spec.jobId()).get(1, TimeUnit.MINUTES)).isPositive();
      assertThat(flink.recordsCounted(spec.jobId())).isEqualTo(counted);

      // The pacer triggers nothing before the tasks run, so a healthy start has no failed
      // checkpoint from it (before this change: one per second until the tasks ran). Flink's own
      // once-a-minute safety net picks its first trigger at random within the minute, and so may
      // rarely land in the second the tasks deploy: at most that one.
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              flink.restAddress() + "/jobs/" + spec.jobId() + "/checkpoints"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode counts = new ObjectMapper().readTree(stats.body()).path("counts");
      assertThat(counts.path("completed").asLong()).isGreaterThanOrEqualTo(ROUNDS);
      assertThat(counts.path("failed").asLong()).isLessThanOrEqualTo(1);
      // And that one, if any, is no failure for the operator: declined while starting.
      MetricSnapshots scraped = new CheckpointStateCollector(flink.restAddress()).collect();
      assertThat(counter(scraped, CheckpointStateCollector.FAILED)).isZero();
      assertThat(counter(scraped, CheckpointStateCollector.DECLINED_STARTING))
          .isEqualTo(counts.path("failed").asLong());
    }
  }

  /** Writes every record read to the output topic, exactly once. */
  private static final class Copy implements SingleTopicSerializationSchema<String> {
    @Override
    public String topic() {
      return OUTPUT;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        String element, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(OUTPUT, element.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static long counter(MetricSnapshots scraped, String name) {
    return scraped.stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .flatMap(s -> s.getDataPoints().stream())
        .map(CounterSnapshot.CounterDataPointSnapshot.class::cast)
        .filter(p -> "paced".equals(p.getLabels().get("pipeline")))
        .mapToLong(p -> (long) p.getValue())
        .sum();
  }

  private static long committed(Admin admin) throws Exception {
    Map<?, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(GROUP)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    return offsets.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
  }
}
