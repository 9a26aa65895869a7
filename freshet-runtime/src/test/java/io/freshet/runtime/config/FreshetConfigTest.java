package io.freshet.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FreshetConfigTest {
  final FreshetConfig d = FreshetConfig.defaults();

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(d.validate()).isSameAs(d);
    assertThat(d.kafkaPort()).isEqualTo(9092);
    assertThat(d.httpPort()).isEqualTo(8080);
    assertThat(d.httpHost()).isEqualTo("127.0.0.1");
    assertThat(d.dataDir().toString()).isEqualTo("freshet-data");
    assertThat(d.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.embeddedKafka()).isTrue();
    assertThat(d.demo()).isTrue();
  }

  @Test
  void everyProblemIsReportedAtOnceNamingTheOption() {
    FreshetConfig bad =
        d.toBuilder()
            .bootstrapServers("kafka-1:9092,nonsense")
            .httpPort(70000)
            .demoRate(0)
            .parallelism(0)
            .checkpointInterval(Duration.ofMillis(10))
            .sourceIdleness(Duration.ZERO)
            .build();
    assertThatThrownBy(bad::validate)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--http-port must be a TCP port between 0 and 65535, was 70000",
                        "--bootstrap-servers entry 'nonsense' is not HOST:PORT (e.g. kafka-1:9092)",
                        "--rate must be between 1 and 1000000 events/s, was 0",
                        "--parallelism must be between 1 and 64, was 0",
                        "--checkpoint-interval must be at least 100ms, was PT0.01S",
                        "--source-idleness must be positive, was PT0S"));
  }

  @Test
  void externalKafkaSkipsEmbeddedPortChecks() {
    FreshetConfig external =
        d.toBuilder()
            .bootstrapServers("broker-a:9092,broker-b:9093")
            .kafkaPort(-1)
            .controllerPort(-1)
            .demo(false)
            .build();
    assertThat(external.validate().embeddedKafka()).isFalse();
  }

  @Test
  void anAddressOtherMachinesReachIsRefusedWithoutAToken() {
    FreshetConfig open = d.toBuilder().httpHost("0.0.0.0").build();
    assertThatThrownBy(open::validate)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--http-host 0.0.0.0 is reachable from other machines, and without a token"
                            + " anyone there could append events, run SQL and replay dead letters:"
                            + " add --api-token TOKEN (at least 8 characters), or leave"
                            + " --http-host at 127.0.0.1"));

    assertThat(open.toBuilder().apiToken("s3cret-token").build().validate().httpHost())
        .isEqualTo("0.0.0.0");
    assertThat(d.toBuilder().httpHost("localhost").build().validate().httpHost())
        .isEqualTo("localhost");
    assertThat(d.toBuilder().httpHost("::1").build().validate().httpHost()).isEqualTo("::1");
  }

  @Test
  void anUnknownHttpHostIsNamed() {
    FreshetConfig unknown = d.toBuilder().httpHost("no-such-host.invalid").build();
    assertThatThrownBy(unknown::validate)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--http-host 'no-such-host.invalid' is not a known host or address"));
  }

  @Test
  void aJobManagerNeedsExternalKafkaAndAStoreTheClusterCanWrite() {
    FreshetConfig remote = d.toBuilder().jobManager("localhost:8081").build();
    assertThatThrownBy(() -> remote.validate("jdbc:duckdb:freshet-data/serving.duckdb"))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--jobmanager needs --bootstrap-servers: the cluster's jobs read and write"
                            + " that Kafka, and cannot reach a broker embedded in this process",
                        "--jobmanager needs a serving store the cluster's TaskManagers can write"
                            + " too, and a DuckDB file (jdbc:duckdb:freshet-data/serving.duckdb)"
                            + " is held by one process: pass --store"
                            + " jdbc:postgresql://HOST:PORT/DB?user=...&password=..., the one the"
                            + " jobs were submitted with"));
  }

  @Test
  void aJobManagerWithExternalKafkaAndPostgresqlIsValid() {
    FreshetConfig remote =
        d.toBuilder().jobManager("jm-1:8081").bootstrapServers("kafka-1:9092").build();
    assertThat(remote.validate("jdbc:postgresql://db:5432/freshet?user=freshet").jobManager())
        .contains("jm-1:8081");
    // Without --jobmanager, DuckDB stays the default it always was.
    assertThat(d.validate("jdbc:duckdb:freshet-data/serving.duckdb").jobManager()).isEmpty();
  }

  @Test
  void withAJobManagerTheHttpPortMayBeTheFlinkPortNoMiniClusterBinds() {
    FreshetConfig remote =
        d.toBuilder()
            .jobManager("jm-1:8081")
            .bootstrapServers("kafka-1:9092")
            .httpPort(8081)
            .build();
    assertThat(remote.validate("jdbc:postgresql://db/freshet")).isSameAs(remote);
  }

  @Test
  void aJobManagerThatIsNotHostAndPortIsNamed() {
    FreshetConfig remote =
        d.toBuilder().jobManager("http://jm-1:8081/").bootstrapServers("kafka-1:9092").build();
    assertThatThrownBy(() -> remote.validate("jdbc:postgresql://db/freshet"))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--jobmanager 'http://jm-1:8081/' is not HOST:PORT of the JobManager's"
                            + " REST API (e.g. localhost:8081)"));
  }
}
