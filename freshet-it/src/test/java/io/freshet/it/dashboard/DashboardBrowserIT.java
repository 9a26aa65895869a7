package io.freshet.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.it.FreshetProcess;
import io.freshet.pipelines.fraud.FraudTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.FreshetPlatform;
import io.freshet.runtime.config.FreshetConfig;
import io.freshet.testkit.fraud.TransactionEnvelopeBuilder;
import io.freshet.testkit.kafka.TestProducer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live dashboard in a real headless Chromium (Debian's, driven by Selenium through the packaged
 * chromedriver) against an embedded Freshet with demo traffic: every page renders live figures, a
 * planted velocity burst appears in the alert feed without a reload, and the page reconnects by
 * itself after the server restarts; the Topics page lists the pipelines' topics and browses one.
 * Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** The bound on how soon a planted alert shows, from the producer's acknowledgement. */
  private static final Duration ALERT_VISIBLE_WITHIN = Duration.ofSeconds(3);

  @TempDir static Path dataDir;
  FreshetConfig config;
  FreshetPlatform platform;
  WebDriver browser;
  String base;

  @BeforeAll
  void start() throws Exception {
    config =
        FreshetConfig.builder()
            .dataDir(dataDir)
            .kafkaPort(FreshetProcess.freePort())
            .controllerPort(FreshetProcess.freePort())
            .httpPort(FreshetProcess.freePort())
            .flinkPort(0)
            .apiToken("dashboard-test-token")
            .demo(true)
            .demoRate(20)
            .parallelism(1)
            .checkpointInterval(Duration.ofMillis(500))
            .build();
    platform = FreshetPlatform.start(config, line -> {});
    base = "http://localhost:" + platform.httpPort() + "/";
    Files.createDirectories(SCREENSHOTS);
    browser = chromium();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void theOverviewShowsEveryPipelineRunningWithALiveRateChart() throws Exception {
    // Given the dashboard opened at /
    long opened = System.nanoTime();
    browser.get(base);
    awaitUntil(Duration.ofSeconds(30), () -> "true".equals(body().getDomAttribute("data-ready")));
    long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);

    // Then every pipeline gets a row, running, and the rate chart fills with samples pushed
    // over the socket
    awaitUntil(
        Duration.ofMinutes(2),
        () ->
            texts("#pipelines tbody tr td:nth-child(2)")
                .equals(List.of("RUNNING", "RUNNING", "RUNNING")));
    assertThat(texts("#pipelines tbody tr td:nth-child(1)"))
        .containsExactly("fraud-detection", "iot-monitoring", "clickstream");
    // and each pipeline's SLA beside its latency, and no failed checkpoint after a healthy start
    // (read inside the wait: the table is redrawn every second, so a cell read once may be stale)
    String fraudRow = "#pipelines tr[data-pipeline='fraud-detection'] td";
    awaitUntil(
        Duration.ofSeconds(30),
        () -> {
          List<String> cells = texts(fraudRow);
          return cells.size() > 11
              && cells.get(11).equals("≤ 100 ms")
              && cells.get(6).matches("[1-9][0-9,]* / 0");
        });
    awaitUntil(Duration.ofSeconds(30), () -> points("#rates .chart") >= 3);
    assertThat(connection()).isEqualTo("live");
    assertThat(browser.findElements(By.cssSelector("#links a")))
        .extracting(WebElement::getText)
        .containsExactly("Flink web UI", "Prometheus /metrics");
    Object loadMillis =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                    + " return Math.round(n.loadEventEnd - n.startTime);");
    System.out.printf(
        "dashboard: load event %s ms, ready (pages mounted) %d ms%n", loadMillis, readyMillis);
    screenshot("overview");
  }

  @Test
  @Order(2)
  void aPlantedVelocityBurstAppearsInTheAlertFeedWithoutAReload() throws Exception {
    // Given the fraud page, and a first burst that sees the whole path (checkpoint, commit,
    // socket) warm
    browser.findElement(By.cssSelector("nav a[href='#fraud-detection']")).click();
    awaitUntil(
        Duration.ofSeconds(10),
        () -> browser.findElement(By.id("page-fraud-detection")).isDisplayed());
    produceBurst("warm-up-customer");
    awaitUntil(Duration.ofMinutes(1), () -> alertRow("VELOCITY:warm-up-customer-6") != null);

    // When six transactions of one customer arrive within two minutes
    long frames = frames();
    long acknowledged = produceBurst("burst-customer");

    // Then its velocity alert is in the feed within 3 s, with the number behind it, on the same
    // page (the socket's frame counter only grew)
    awaitUntil(ALERT_VISIBLE_WITHIN, () -> alertRow("VELOCITY:burst-customer-6") != null);
    long shownAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledged);
    System.out.printf("dashboard: planted alert shown %d ms after the produce%n", shownAfterMillis);
    WebElement row = alertRow("VELOCITY:burst-customer-6");
    assertThat(row.findElements(By.tagName("td")))
        .extracting(WebElement::getText)
        .containsSubsequence("VELOCITY", "HIGH", "burst-customer", "6 transactions in the window");
    assertThat(frames()).isGreaterThan(frames);
    // and the decision mix chart has live samples
    awaitUntil(Duration.ofSeconds(30), () -> points("#page-fraud-detection .chart") >= 2);
    screenshot("fraud");

    // and the page stays readable at a phone's width
    browser.manage().window().setSize(new Dimension(390, 844));
    screenshot("fraud-phone");
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  @Test
  @Order(3)
  void theIotAndRevenuePagesDrawTheirClosedWindows() throws Exception {
    // Given the IoT page while demo readings flow
    browser.findElement(By.cssSelector("nav a[href='#iot-monitoring']")).click();
    // Then once 5 s windows close, a device's sensor can be chosen and its means are drawn
    awaitUntil(Duration.ofMinutes(1), () -> points("#iot-chart .chart") >= 1);
    assertThat(browser.findElements(By.cssSelector("#iot-series option"))).isNotEmpty();
    screenshot("iot");

    // Given the revenue page: a minute's window closes when the watermark passes its end
    browser.findElement(By.cssSelector("nav a[href='#clickstream']")).click();
    // Then revenue per minute is drawn and the latest minute is broken down
    awaitUntil(Duration.ofMinutes(3), () -> points("#revenue-chart .chart") >= 1);
    awaitUntil(
        Duration.ofSeconds(10), () -> !texts("#revenue-latest tbody tr td:nth-child(1)").isEmpty());
    screenshot("revenue");
  }

  @Test
  @Order(4)
  void theTopicsPageListsThePipelineTopicsAndBrowsesOnesNewestMessages() throws Exception {
    // Given the Topics page at a laptop's size
    browser.manage().window().setSize(new Dimension(1366, 768));
    browser.get(base + "#topics");
    awaitUntil(Duration.ofSeconds(30), () -> "true".equals(body().getDomAttribute("data-ready")));

    // Then it lists every topic of the running pipelines, and only those
    List<String> pipelineTopics =
        config.pipelines().topics(TopicNaming.PRODUCTION).stream()
            .map(TopicDescriptor::name)
            .sorted()
            .toList();
    awaitUntil(Duration.ofSeconds(30), () -> topicRows().containsAll(pipelineTopics));
    assertThat(topicRows()).containsExactlyElementsOf(pipelineTopics);
    screenshot("topics");

    // When the transactions topic's row is clicked
    String topic = FraudTopics.TRANSACTIONS.name();
    click("#topics-list tr[data-topic='" + topic + "']");

    // Then its newest messages appear, their JSON values pretty-printed
    awaitUntil(
        Duration.ofSeconds(30),
        () -> {
          WebElement list = browser.findElement(By.id("topic-messages"));
          return "done".equals(list.getDomAttribute("data-state"))
              && topic.equals(list.getDomAttribute("data-topic"))
              && Integer.parseInt(list.getDomAttribute("data-count")) > 0;
        });
    assertThat(browser.findElement(By.id("browse-summary")).getText()).contains("read_committed");
    assertThat(browser.findElement(By.cssSelector("#topic-messages .message pre.json")).getText())
        .startsWith("{\n  \"");
    screenshot("topics-messages");
    // and the pipelines' consumer groups are listed with their lag per partition
    awaitUntil(
        Duration.ofSeconds(30),
        () ->
            !browser.findElements(By.cssSelector("#consumer-groups tr[data-partition]")).isEmpty());

    // and the page stays readable at a phone's width
    browser.manage().window().setSize(new Dimension(390, 844));
    screenshot("topics-phone");
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  @Test
  @Order(5)
  void aDeadLetterIsCountedByErrorTypeAndItsReplayNeedsTheToken() throws Exception {
    // Given a transaction whose amount is not a number, dead-lettered by the fraud pipeline
    String customer = "topics-dlq-customer";
    TransactionEnvelopeBuilder malformed =
        TransactionEnvelopeBuilder.transaction("topics-dlq-1", customer, Instant.now())
            .with("payload.amount", "\"abc\"");
    try (KafkaProducer<byte[], byte[]> producer =
        TestProducer.create(platform.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  FraudTopics.TRANSACTIONS.name(), TestProducer.utf8(customer), malformed.bytes()))
          .get(30, TimeUnit.SECONDS);
    }
    String dlq = FraudTopics.TRANSACTIONS_DLQ.name();
    String row = "#dead-letters tr[data-dlq-topic='" + dlq + "'][data-error-type='INVALID_FIELD']";
    browser.get(base + "#topics");
    // A listing reads the whole dead-letter topic: refresh it once every 2 s, not every check.
    long[] refreshed = {System.nanoTime()};
    awaitUntil(
        Duration.ofMinutes(1),
        () -> {
          if (!browser.findElements(By.cssSelector(row)).isEmpty()) {
            return true;
          }
          if (System.nanoTime() - refreshed[0] > TimeUnit.SECONDS.toNanos(2)) {
            refreshed[0] = System.nanoTime();
            browser.findElement(By.id("dlq-refresh")).click();
          }
          return false;
        });

    // When Replay is pressed without the API token
    click(row + " button.replay");
    // Then the refusal and its reason are shown
    awaitUntil(
        Duration.ofSeconds(30), () -> "401".equals(dlqAnswer().getDomAttribute("data-status")));
    assertThat(dlqAnswer().getText())
        .startsWith(
            "401 — this write needs the header 'Authorization: Bearer <the --api-token>'"
                + " (type the API token into the field at the top)");
    screenshot("topics-dlq-refused");

    // When the token is typed into the header and Replay is pressed again
    WebElement token = browser.findElement(By.id("api-token"));
    token.clear();
    token.sendKeys(config.apiToken().orElseThrow() + Keys.TAB);
    click(row + " button.replay");
    // Then the replay's report is shown
    awaitUntil(
        Duration.ofSeconds(30), () -> "200".equals(dlqAnswer().getDomAttribute("data-status")));
    assertThat(dlqAnswer().getText()).startsWith("Replayed ");
  }

  private WebElement dlqAnswer() {
    return browser.findElement(By.id("dlq-answer"));
  }

  @Test
  @Order(6)
  void thePageReconnectsByItselfAfterTheServerRestarts() throws Exception {
    // Given the page live
    assertThat(connection()).isEqualTo("live");

    // When the server stops, the page says so
    platform.close();
    platform = null;
    awaitUntil(Duration.ofSeconds(30), () -> connection().equals("disconnected"));
    screenshot("disconnected");

    // Then once it is back on the same port, the page is live again and frames flow, unreloaded
    platform = FreshetPlatform.start(config, line -> {});
    long framesBefore = frames();
    awaitUntil(Duration.ofMinutes(2), () -> connection().equals("live"));
    awaitUntil(Duration.ofSeconds(30), () -> frames() > framesBefore);
    assertThat(alertRow("VELOCITY:burst-customer-6")).isNotNull();
    screenshot("reconnected");
  }

  @Test
  @Order(7)
  void anOperatorAcknowledgesAndResolvesAnAlertOnTheFraudPage() throws Exception {
    // Given the fraud page with the API token typed into the header, and a new velocity alert
    browser.findElement(By.cssSelector("nav a[href='#fraud-detection']")).click();
    WebElement token = browser.findElement(By.id("api-token"));
    token.clear();
    token.sendKeys(config.apiToken().orElseThrow() + Keys.TAB);
    produceBurst("case-customer");
    String alert = "VELOCITY:case-customer-6";
    awaitUntil(Duration.ofSeconds(30), () -> caseStatus(alert).equals("OPEN"));

    // When the operator acknowledges it
    clickCaseButton(alert, "acknowledge");

    // Then its status is acknowledged, without a reload
    awaitUntil(Duration.ofSeconds(10), () -> caseStatus(alert).equals("ACKNOWLEDGED"));

    // When the operator resolves it as true fraud with a comment
    browser.findElement(By.id("case-comment")).sendKeys("card reported stolen");
    clickCaseButton(alert, "resolve-fraud");

    // Then it is resolved, and its history shows both actions in order (read in one script: the
    // cases table is redrawn whenever an alert or action arrives)
    awaitUntil(Duration.ofSeconds(10), () -> caseStatus(alert).equals("RESOLVED"));
    assertThat(browser.findElement(By.id("case-message")).getDomAttribute("data-status"))
        .isEqualTo("200");
    List<String> history =
        script(
            "return Array.from(document.querySelectorAll(\"#alert-cases tr[data-alert-id='\""
                + " + arguments[0] + \"'] li.history-entry\"))"
                + ".map(e => e.getAttribute('data-action') + ' | ' + e.textContent);",
            alert);
    assertThat(history).hasSize(2);
    assertThat(history.get(0))
        .startsWith("alert.acknowledged | ")
        .endsWith(" acknowledged by operator");
    assertThat(history.get(1))
        .startsWith("alert.resolved | ")
        .endsWith(" resolved by operator as TRUE_FRAUD: card reported stolen");
    List<String> precision =
        script(
            "return Array.from(document.querySelectorAll(\"#rule-precision tr[data-rule='VELOCITY']"
                + " td\")).map(e => e.textContent);");
    assertThat(precision.get(2)).isNotEqualTo("0");
    screenshot("alert-workflow");
  }

  private WebElement caseRow(String alertId) {
    return browser.findElement(By.cssSelector("#alert-cases tr[data-alert-id='" + alertId + "']"));
  }

  private String caseStatus(String alertId) {
    List<WebElement> rows =
        browser.findElements(By.cssSelector("#alert-cases tr[data-alert-id='" + alertId + "']"));
    return rows.isEmpty() ? "" : rows.get(0).getDomAttribute("data-status");
  }

  /** Clicks a case's button, again if the table was redrawn under the click. */
  private void clickCaseButton(String alertId, String action) {
    awaitUntil(
        Duration.ofSeconds(10),
        () -> {
          caseButton(alertId, action).click();
          return true;
        });
  }

  private List<String> script(String js, Object... args) {
    Object result = ((JavascriptExecutor) browser).executeScript(js, args);
    return ((List<?>) result).stream().map(String::valueOf).toList();
  }

  private WebElement caseButton(String alertId, String action) {
    return caseRow(alertId).findElement(By.cssSelector("button[data-act='" + action + "']"));
  }

  /** Six transactions of {@code customer}, ten seconds apart from now; returns when acked. */
  private long produceBurst(String customer) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (KafkaProducer<byte[], byte[]> producer =
        TestProducer.create(platform.bootstrapServers())) {
      for (int i = 1; i <= 6; i++) {
        byte[] value =
            TransactionEnvelopeBuilder.transaction(
                    customer + "-" + i, customer, now.plusSeconds(10L * (i - 1)))
                .eventId("evt-" + customer + "-" + i)
                .bytes();
        producer
            .send(
                new ProducerRecord<>(
                    FraudTopics.TRANSACTIONS.name(), TestProducer.utf8(customer), value))
            .get(30, TimeUnit.SECONDS);
      }
    }
    return System.nanoTime();
  }

  /** The topics listed, read in one script: the page replaces the rows every 5 s. */
  @SuppressWarnings("unchecked")
  private List<String> topicRows() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#topics-list tr[data-topic]'),"
                    + " r => r.dataset.topic);");
  }

  /** Clicks what the selector finds, again if the page replaced it meanwhile. */
  private void click(String selector) {
    awaitUntil(
        Duration.ofSeconds(10),
        () -> {
          browser.findElement(By.cssSelector(selector)).click();
          return true;
        });
  }

  private WebElement alertRow(String alertId) {
    List<WebElement> rows =
        browser.findElements(By.cssSelector("#alert-feed tr[data-alert-id='" + alertId + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  private WebElement body() {
    return browser.findElement(By.tagName("body"));
  }

  private long frames() {
    return Long.parseLong(body().getDomAttribute("data-frames"));
  }

  private String connection() {
    return browser.findElement(By.id("connection")).getDomAttribute("data-state");
  }

  private int points(String chartSelector) {
    List<WebElement> charts = browser.findElements(By.cssSelector(chartSelector));
    return charts.isEmpty() ? 0 : Integer.parseInt(charts.get(0).getDomAttribute("data-points"));
  }

  /**
   * The rendered text of every element {@code selector} matches, read in one script: the pages
   * redraw their tables every second, so elements found first and read one by one may go stale.
   */
  private List<String> texts(String selector) {
    return script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());",
        selector);
  }

  private void awaitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout, Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Debian's Chromium through its packaged driver: Selenium downloads nothing. */
  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
