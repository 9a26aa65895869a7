package io.freshet.it.security;

import static io.freshet.testkit.fraud.Instants.T0;
import static io.freshet.testkit.fraud.TransactionEnvelopeBuilder.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.it.FreshetProcess;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.runtime.config.KafkaClientConfig;
import io.freshet.runtime.http.HealthReport;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config} against a broker whose only client listener Freshet may use is SASL_SSL
 * (PLAIN over TLS, a self-signed certificate made with the JDK's keytool): the platform's admin,
 * the Flink jobs' sources and exactly-once sinks, the decision API's producer and listener, the
 * command API's transactional producer and the alert read model all work through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSaslSslIT {
  static final String STORE_PASSWORD = "store-secret-1";
  static final String USER = "freshet";
  static final String PASSWORD = "sasl-secret-1";
  static final String TOKEN = "sasl-test-token";

  @TempDir static Path dir;
  EmbeddedKafkaBroker broker;
  FreshetPlatform platform;
  List<String> banner = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    // Given a broker with a SASL_SSL listener, and a client config file for it
    Path keystore = dir.resolve("broker.p12");
    Path truststore = dir.resolve("trust.p12");
    makeCertificates(keystore, truststore);
    int plain = FreshetProcess.freePort();
    int controller = FreshetProcess.freePort();
    int secure = FreshetProcess.freePort();
    broker =
        new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.defaults(dir.resolve("kafka"))
                    .withPorts(plain, controller)
                    .withOverrides(
                        Map.ofEntries(
                            Map.entry(
                                "listeners",
                                "PLAINTEXT://localhost:"
                                    + plain
                                    + ",CONTROLLER://localhost:"
                                    + controller
                                    + ",SASL_SSL://localhost:"
                                    + secure),
                            Map.entry(
                                "advertised.listeners",
                                "PLAINTEXT://localhost:"
                                    + plain
                                    + ",SASL_SSL://localhost:"
                                    + secure),
                            Map.entry(
                                "listener.security.protocol.map",
                                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL"),
                            Map.entry("sasl.enabled.mechanisms", "PLAIN"),
                            Map.entry("listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN"),
                            Map.entry(
                                "listener.name.sasl_ssl.plain.sasl.jaas.config",
                                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                    + " username=\""
                                    + USER
                                    + "\" password=\""
                                    + PASSWORD
                                    + "\" user_"
                                    + USER
                                    + "=\""
                                    + PASSWORD
                                    + "\";"),
                            Map.entry(
                                "listener.name.sasl_ssl.ssl.keystore.location",
                                keystore.toString()),
                            Map.entry(
                                "listener.name.sasl_ssl.ssl.keystore.password", STORE_PASSWORD),
                            Map.entry("listener.name.sasl_ssl.ssl.key.password", STORE_PASSWORD),
                            Map.entry("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12"))))
            .start();
    Path clientConfig = dir.resolve("client.properties");
    Files.writeString(
        clientConfig,
        String.join(
            "\n",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\""
                + USER
                + "\" password=\""
                + PASSWORD
                + "\";",
            "ssl.truststore.location=" + truststore,
            "ssl.truststore.password=" + STORE_PASSWORD,
            "ssl.truststore.type=PKCS12",
            ""));

    // When Freshet runs the fraud pipeline on that listener with the file
    platform =
        FreshetPlatform.start(
            FreshetConfig.builder()
                .dataDir(dir.resolve("data"))
                .bootstrapServers("localhost:" + secure)
                .kafkaConfig(KafkaClientConfig.load(clientConfig))
                .httpPort(0)
                .flinkPort(0)
                .demo(false)
                .parallelism(1)
                .checkpointInterval(Duration.ofMillis(500))
                .pipelines(List.of("fraud"))
                .apiToken(TOKEN)
                .build(),
            banner::add);
    await().atMost(Duration.ofMinutes(2)).until(() -> HealthReport.allUp(platform.health()));
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyClientWorksThroughTheSaslSslListener() throws Exception {
    // Then the banner names the properties (never their values)
    assertThat(banner)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("localhost:" + platform.bootstrapServers().split(":")[1])
                    .contains("sasl.jaas.config, sasl.mechanism, security.protocol")
                    .doesNotContain(PASSWORD));

    // And a transaction posted to the decision API is decided by the job, over SASL_SSL both ways
    HttpResponse<String> decided =
        post(
            "/api/fraud/decisions?timeout=10s",
            transaction("txn-sasl-1", "cust-sasl", T0).amount(10).build());
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    JsonNode decision = new ObjectMapper().readTree(decided.body());
    assertThat(decision.get("decision").asText()).isEqualTo("APPROVE");

    // And the command API's transactional append works too
    HttpResponse<String> appended =
        post("/api/events/transactions", transaction("txn-sasl-2", "cust-sasl", T0).build());
    assertThat(appended.statusCode()).as(appended.body()).isEqualTo(202);

    // And the alert read model reads the cluster
    HttpResponse<String> alerts =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + platform.httpPort() + "/api/alerts"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(alerts.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A self-signed certificate for localhost in a PKCS12 keystore, and a truststore holding it. */
  private static void makeCertificates(Path keystore, Path truststore) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path cert = keystore.resolveSibling("broker.crt");
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    run(
        keytool,
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-rfc",
        "-file",
        cert.toString());
    run(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        cert.toString(),
        "-keystore",
        truststore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }
}
