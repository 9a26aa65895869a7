package io.freshet.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.core.time.Timestamps;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.http.HttpServer;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.runtime.topics.TopicRoutes;
import io.freshet.testkit.kafka.TestProducer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic endpoints on an embedded broker against records whose every field is known: two
 * partitions of {@code orders}, one written plainly with keys, headers, JSON and a text value, the
 * other by transactions of which one aborted; the exact answers of offset, timestamp and tail
 * seeks, of each filter, of both isolation levels, of bad queries, and of consumer lag after a
 * group commits known offsets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicRoutesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDERS = "orders";
  private static final String AUDIT = "audit";

  /** Long past, so no broker refuses the timestamps as being in the future. */
  private static final long T0 = Timestamps.parse("2020-01-01T00:00:00Z");

  @TempDir static Path kafkaDir;
  EmbeddedKafkaBroker broker;
  Admin admin;
  HttpServer http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(kafkaDir).withPorts(0, 0)).start();
    admin = admin(broker.bootstrapServers());
    admin
        .createTopics(
            List.of(
                new NewTopic(ORDERS, 2, (short) 1).configs(Map.of("retention.ms", "-1")),
                new NewTopic(AUDIT, 1, (short) 1).configs(Map.of("retention.ms", "3600000"))))
        .all()
        .get(30, TimeUnit.SECONDS);
    produceOrders();
    http =
        server(new TopicRoutes(() -> new KafkaConnection(broker.bootstrapServers()), () -> admin));
  }

  @AfterAll
  void stop() {
    if (http != null) {
      http.close();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * Partition 0, plainly: k1 {id 1} at T0 (source=web), k2 {id 2} at T0+1 s (source=app,
   * trace=t-2), k1 "plain text" at T0+2 s, no key {id 4} at T0+3 s (source=web). Partition 1, in
   * transactions: k3 {id 3} at T0+1.5 s committed (marker at 1), k1 {id 99} at T0+2.5 s aborted
   * (marker at 3), k5 {id 5} at T0+4 s committed (marker at 5).
   */
  private void produceOrders() throws Exception {
    try (KafkaProducer<byte[], byte[]> plain = TestProducer.create(broker.bootstrapServers())) {
      send(plain, 0, 0, "k1", order(1, "c1", 10), "source", "web");
      send(plain, 0, 1000, "k2", order(2, "c2", 20), "source", "app", "trace", "t-2");
      send(plain, 0, 2000, "k1", "plain text");
      send(plain, 0, 3000, null, order(4, "c1", 40), "source", "web");
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "topic-routes-it");
    try (KafkaProducer<byte[], byte[]> tx =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      tx.initTransactions();
      tx.beginTransaction();
      send(tx, 1, 1500, "k3", order(3, "c3", 30));
      tx.commitTransaction();
      tx.beginTransaction();
      send(tx, 1, 2500, "k1", order(99, "c1", 990), "source", "web");
      tx.flush();
      tx.abortTransaction();
      tx.beginTransaction();
      send(tx, 1, 4000, "k5", order(5, "c1", 50));
      tx.commitTransaction();
    }
    // The last commit marker is written after commitTransaction returns: wait for it, so that
    // read_committed sees the whole partition.
    TopicPartition p1 = new TopicPartition(ORDERS, 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .listOffsets(
                            Map.of(p1, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .partitionResult(p1)
                        .get()
                        .offset()
                    == 6);
  }

  private static String order(int id, String customer, int amount) {
    return "{\"id\":"
        + id
        + ",\"customer\":{\"id\":\""
        + customer
        + "\"},\"amount\":"
        + amount
        + "}";
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer,
      int partition,
      long afterT0,
      String key,
      String value,
      String... headers)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            ORDERS, partition, T0 + afterT0, TestProducer.utf8(key), TestProducer.utf8(value));
    for (int i = 0; i < headers.length; i += 2) {
      record.headers().add(new RecordHeader(headers[i], TestProducer.utf8(headers[i + 1])));
    }
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  @Test
  void theTopicsListShowsPartitionsOffsetsRetentionAndARateFromTheSecondLookOn() throws Exception {
    // Given a server of its own, so this is its first look at the topics
    try (HttpServer fresh =
        server(
            new TopicRoutes(() -> new KafkaConnection(broker.bootstrapServers()), () -> admin))) {
      // When the topics are listed
      Reply first = get(fresh, "/api/topics");
      // Then both are there (not the internal ones) with their offsets and retention, and no rate
      // yet
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json()).isEqualTo(JSON.readTree(topicsJson("null", "null", "null")));

      // When listed again at least a second later, nothing having been written
      Reply later =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> get(fresh, "/api/topics"), r -> !r.json().get("rate_window_ms").isNull());
      // Then both rates are 0 records/s, over the span since the first look
      long window = later.json().get("rate_window_ms").asLong();
      assertThat(window).isBetween(1000L, 10_000L);
      assertThat(later.json()).isEqualTo(JSON.readTree(topicsJson("0.0", "0.0", "" + window)));
    }
  }

  private static String topicsJson(String auditRate, String ordersRate, String window) {
    return """
        {"topics":[
          {"name":"audit","partition_count":1,"replication_factor":1,"retention_ms":3600000,
           "cleanup_policy":"delete","records":0,"records_per_second":%s,
           "partitions":[{"partition":0,"start_offset":0,"end_offset":0,"records":0,
                          "leader":1,"replicas":1,"in_sync_replicas":1}]},
          {"name":"orders","partition_count":2,"replication_factor":1,"retention_ms":-1,
           "cleanup_policy":"delete","records":10,"records_per_second":%s,
           "partitions":[{"partition":0,"start_offset":0,"end_offset":4,"records":4,
                          "leader":1,"replicas":1,"in_sync_replicas":1},
                         {"partition":1,"start_offset":0,"end_offset":6,"records":6,
                          "leader":1,"replicas":1,"in_sync_replicas":1}]}],
         "rate_window_ms":%s}
        """
        .formatted(auditRate, ordersRate, window);
  }

  @Test
  void aWholeBrowseMergesThePartitionsInTimestampOrderAndHidesTheAbortedRecord() throws Exception {
    // When the whole topic is browsed with the defaults (read_committed, from the beginning)
    Reply reply = get(http, "/api/topics/orders/messages");
    // Then every committed record is there, oldest first, each decoded, and the scan says it
    // read both partitions to their ends
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json())
        .isEqualTo(
            JSON.readTree(
                """
                {"topic":"orders","isolation":"read_committed",
                 "start_offsets":{"0":0,"1":0},"end_offsets":{"0":4,"1":6},
                 "messages":[%s,%s,%s,%s,%s,%s],
                 "next_offsets":{"0":4,"1":6},
                 "scanned":6,"scan_limit":10000,"stopped_by":"end"}
                """
                    .formatted(P0_O0, P0_O1, P1_O0, P0_O2, P0_O3, P1_O4)));
  }

  @Test
  void readUncommittedShowsTheAbortedRecordThatReadCommittedHides() throws Exception {
    // When the records of key k1 are browsed committed, then uncommitted
    Reply committed = get(http, "/api/topics/orders/messages?key=k1");
    Reply uncommitted = get(http, "/api/topics/orders/messages?key=k1&isolation=read_uncommitted");
    // Then committed shows the two of partition 0, having examined the six committed records
    assertThat(committed.json())
        .isEqualTo(
            JSON.readTree(
                """
                {"topic":"orders","isolation":"read_committed",
                 "start_offsets":{"0":0,"1":0},"end_offsets":{"0":4,"1":6},
                 "messages":[%s,%s],"next_offsets":{"0":4,"1":6},
                 "scanned":6,"scan_limit":10000,"stopped_by":"end"}
                """
                    .formatted(P0_O0, P0_O2)));
    // and uncommitted also the aborted one of partition 1, among seven
    assertThat(uncommitted.json())
        .isEqualTo(
            JSON.readTree(
                """
                {"topic":"orders","isolation":"read_uncommitted",
                 "start_offsets":{"0":0,"1":0},"end_offsets":{"0":4,"1":6},
                 "messages":[%s,%s,%s],"next_offsets":{"0":4,"1":6},
                 "scanned":7,"scan_limit":10000,"stopped_by":"end"}
                """
                    .formatted(P0_O0, P0_O2, P1_O2_ABORTED)));
  }

  @Test
  void anOffsetSeekReturnsTheLimitAndTheOffsetsToGoOnFrom() throws Exception {
    // When partition 0 is read from offset 1, two at a time
    Reply page = get(http, "/api/topics/orders/messages?partition=0&offset=1&limit=2");
    // Then offsets 1 and 2 come back, and the next page starts at 3
    assertThat(page.json())
        .isEqualTo(
            JSON.readTree(
                """
                {"topic":"orders","isolation":"read_committed",
                 "start_offsets":{"0":1},"end_offsets":{"0":4},
                 "messages":[%s,%s],"next_offsets":{"0":3},
                 "scanned":2,"scan_limit":10000,"stopped_by":"limit"}
                """
                    .formatted(P0_O1, P0_O2)));

    // When the whole topic is read three at a time
    Reply first = get(http, "/api/topics/orders/messages?limit=3");
    // Then the three oldest come back, and each partition goes on from its first unshown match
    assertThat(positions(first)).containsExactly("0@0", "0@1", "1@0");
    assertThat(first.json().get("next_offsets")).isEqualTo(JSON.readTree("{\"0\":2,\"1\":4}"));
    assertThat(first.json().get("stopped_by").asText()).isEqualTo("limit");
    // and going on from there with offset=partition:offset,... shows the rest
    Reply rest = get(http, "/api/topics/orders/messages?limit=3&offset=0:2,1:4");
    assertThat(positions(rest)).containsExactly("0@2", "0@3", "1@4");
    assertThat(rest.json().get("next_offsets")).isEqualTo(JSON.readTree("{\"0\":4,\"1\":6}"));
    assertThat(rest.json().get("stopped_by").asText()).isEqualTo("end");

    // When the newest two are asked for
    Reply latest = get(http, "/api/topics/orders/messages?offset=latest&limit=2");
    // Then they are the last two by timestamp, oldest first, and the next offsets are the ends
    assertThat(positions(latest)).containsExactly("0@3", "1@4");
    assertThat(latest.json().get("start_offsets")).isEqualTo(JSON.readTree("{\"0\":2,\"1\":4}"));
    assertThat(latest.json().get("next_offsets")).isEqualTo(JSON.readTree("{\"0\":4,\"1\":6}"));
  }

  @Test
  void aTimestampSeekStartsAtTheFirstRecordAtOrAfterTheTime() throws Exception {
    // When partition 0 is read from T0+2 s, given as ISO-8601 and as epoch milliseconds
    Reply iso = get(http, "/api/topics/orders/messages?partition=0&timestamp=2020-01-01T00:00:02Z");
    Reply millis = get(http, "/api/topics/orders/messages?partition=0&timestamp=" + (T0 + 2000));
    // Then it starts at offset 2, whose timestamp that is
    String expected =
        """
        {"topic":"orders","isolation":"read_committed",
         "start_offsets":{"0":2},"end_offsets":{"0":4},
         "messages":[%s,%s],"next_offsets":{"0":4},
         "scanned":2,"scan_limit":10000,"stopped_by":"end"}
        """
            .formatted(P0_O2, P0_O3);
    assertThat(iso.json()).isEqualTo(JSON.readTree(expected));
    assertThat(millis.json()).isEqualTo(JSON.readTree(expected));

    // When both partitions are read from T0+2.2 s
    Reply both = get(http, "/api/topics/orders/messages?timestamp=2020-01-01T00:00:02.200Z");
    // Then the committed records from then on come back, the aborted one of T0+2.5 s not
    assertThat(positions(both)).containsExactly("0@3", "1@4");
    assertThat(both.json().get("start_offsets")).isEqualTo(JSON.readTree("{\"0\":3,\"1\":1}"));

    // When the time is after every record
    Reply after = get(http, "/api/topics/orders/messages?timestamp=2020-01-01T00:01:00Z");
    // Then partition 0 starts at its end; partition 1 starts at its first commit marker, whose
    // timestamp is the broker's clock and so after any time here (Kafka's offsetsForTimes counts
    // markers), and shows what follows it: timestamps need not grow along a partition
    assertThat(after.json().get("start_offsets")).isEqualTo(JSON.readTree("{\"0\":4,\"1\":1}"));
    assertThat(positions(after)).containsExactly("1@4");
  }

  @Test
  void keyHeaderAndJsonFieldFiltersApplyWhileScanning() throws Exception {
    assertThat(positions(get(http, "/api/topics/orders/messages?key=k2"))).containsExactly("0@1");
    assertThat(positions(get(http, "/api/topics/orders/messages?header=source:web")))
        .containsExactly("0@0", "0@3");
    assertThat(positions(get(http, "/api/topics/orders/messages?header=trace")))
        .containsExactly("0@1");
    assertThat(positions(get(http, "/api/topics/orders/messages?field=customer.id:c1")))
        .containsExactly("0@0", "0@3", "1@4");
    assertThat(positions(get(http, "/api/topics/orders/messages?field=amount:20")))
        .containsExactly("0@1");
    // and the parts of a filter must all hold
    Reply both = get(http, "/api/topics/orders/messages?key=k1&header=source:web&field=id:1");
    assertThat(positions(both)).containsExactly("0@0");
    assertThat(both.json().get("scanned").asLong()).isEqualTo(6);
  }

  @Test
  void aScanStopsAtItsBoundAndSaysSo() throws Exception {
    // Given routes that examine at most three records per browse
    try (HttpServer bounded =
        server(
            new TopicRoutes(
                () -> new KafkaConnection(broker.bootstrapServers()),
                () -> admin,
                Duration.ofSeconds(10),
                3))) {
      // When partition 0's four records are browsed for a key none has
      Reply reply = get(bounded, "/api/topics/orders/messages?partition=0&key=nobody");
      // Then three were scanned, none matched, and the next browse goes on at offset 3
      assertThat(reply.json())
          .isEqualTo(
              JSON.readTree(
                  """
                  {"topic":"orders","isolation":"read_committed",
                   "start_offsets":{"0":0},"end_offsets":{"0":4},
                   "messages":[],"next_offsets":{"0":3},
                   "scanned":3,"scan_limit":3,"stopped_by":"scan_limit"}
                  """));
    }
  }

  @Test
  void badQueriesAnswer400AndAnUnknownTopic404() throws Exception {
    assertThat(get(http, "/api/topics/orders/messages?limit=501"))
        .isEqualTo(new Reply(400, error("limit must be 1 to 500, not 501")));
    assertThat(get(http, "/api/topics/orders/messages?partition=2"))
        .isEqualTo(
            new Reply(400, error("partition 2 does not exist; orders has partitions 0 to 1")));
    assertThat(get(http, "/api/topics/orders/messages?isolation=dirty"))
        .isEqualTo(
            new Reply(
                400, error("isolation must be read_committed or read_uncommitted, not 'dirty'")));
    assertThat(get(http, "/api/topics/orders/messages?offset=1&timestamp=5"))
        .isEqualTo(new Reply(400, error("give offset or timestamp, not both")));
    assertThat(get(http, "/api/topics/nope/messages"))
        .isEqualTo(new Reply(404, error("no topic 'nope' on the cluster")));
  }

  @Test
  void anUnreachableKafkaAnswers503WithinTheTimeoutAndOneNotStartedAt503AtOnce() throws Exception {
    // Given routes whose cluster is a port nothing listens on, with a 2 s timeout
    String nowhere = "127.0.0.1:" + freePort();
    Admin unreachable = admin(nowhere);
    // Its calls have timed out already; do not wait for them to be wound down.
    try (AutoCloseable closing = () -> unreachable.close(Duration.ZERO);
        HttpServer down =
            server(
                new TopicRoutes(
                    () -> new KafkaConnection(nowhere),
                    () -> unreachable,
                    Duration.ofSeconds(2),
                    10_000));
        HttpServer notStarted = server(new TopicRoutes(() -> null, () -> null))) {
      for (String path :
          List.of("/api/topics", "/api/topics/orders/messages", "/api/consumer-groups")) {
        // When asked
        long begin = System.nanoTime();
        Reply reply = get(down, path);
        // Then it answers 503 saying where Kafka was looked for, without hanging
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.json().get("error").asText())
            .as(path)
            .startsWith("cannot use Kafka at " + nowhere + ": ");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
        assertThat(get(notStarted, path))
            .isEqualTo(new Reply(503, error("Kafka is not started yet")));
      }
      // and a bad query is still refused as such
      assertThat(get(down, "/api/topics/orders/messages?limit=0").status()).isEqualTo(400);
    }
  }

  @Test
  void consumerGroupsShowTheLagOfEachPartitionAfterACommit() throws Exception {
    // Given a group that committed offset 2 on partition 0 and 1 on partition 1, then left
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-routes-it-group");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(
          Map.of(
              new TopicPartition(ORDERS, 0), new OffsetAndMetadata(2),
              new TopicPartition(ORDERS, 1), new OffsetAndMetadata(1)));
    }
    // When the consumer groups are listed
    Reply reply = get(http, "/api/consumer-groups");
    // Then the group is empty, 2 behind on partition 0 and 5 on partition 1 (its end offset, 6,
    // counts the transaction markers, as Kafka's own lag does)
    assertThat(reply)
        .isEqualTo(
            new Reply(
                200,
                JSON.readTree(
                    """
                    {"groups":[{"group":"topic-routes-it-group","state":"EMPTY","members":0,"lag":7,
                      "partitions":[
                        {"topic":"orders","partition":0,"committed":2,"end_offset":4,"lag":2},
                        {"topic":"orders","partition":1,"committed":1,"end_offset":6,"lag":5}]}]}
                    """)));
  }

  // The messages as the API shows them, by partition and offset.
  private static final String P0_O0 =
      message(0, 0, 0, "\"k1\"", "[{\"name\":\"source\",\"value\":\"web\"}]", order(1, "c1", 10));
  private static final String P0_O1 =
      message(
          0,
          1,
          1000,
          "\"k2\"",
          "[{\"name\":\"source\",\"value\":\"app\"},{\"name\":\"trace\",\"value\":\"t-2\"}]",
          order(2, "c2", 20));
  private static final String P0_O2 =
      """
      {"partition":0,"offset":2,"timestamp":"2020-01-01T00:00:02.000Z","key":"k1","headers":[],
       "value_type":"text","value":"plain text","value_bytes":10,"truncated":false}
      """;
  private static final String P0_O3 =
      message(0, 3, 3000, "null", "[{\"name\":\"source\",\"value\":\"web\"}]", order(4, "c1", 40));
  private static final String P1_O0 = message(1, 0, 1500, "\"k3\"", "[]", order(3, "c3", 30));
  private static final String P1_O2_ABORTED =
      message(
          1, 2, 2500, "\"k1\"", "[{\"name\":\"source\",\"value\":\"web\"}]", order(99, "c1", 990));
  private static final String P1_O4 = message(1, 4, 4000, "\"k5\"", "[]", order(5, "c1", 50));

  private static String message(
      int partition, long offset, long afterT0, String key, String headers, String value) {
    return """
        {"partition":%d,"offset":%d,"timestamp":"%s","key":%s,"headers":%s,
         "value_type":"json","value":%s,"value_bytes":%d,"truncated":false}
        """
        .formatted(
            partition,
            offset,
            Timestamps.format(T0 + afterT0),
            key,
            headers,
            value,
            value.length());
  }

  /** A status and its JSON body. */
  record Reply(int status, JsonNode json) {}

  private static JsonNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static List<String> positions(Reply reply) {
    assertThat(reply.status()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    reply.json().get("messages").forEach(m -> out.add(m.get("partition") + "@" + m.get("offset")));
    return out;
  }

  private Reply get(HttpServer server, String path) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  private static HttpServer server(TopicRoutes routes) {
    return HttpServer.start(0, () -> HealthReport.of(Map.of()), List.of(routes));
  }

  private static Admin admin(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(props);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
