package io.freshet.pipelines.fraud.api;

import io.freshet.core.codec.Codec;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.pipelines.fraud.api.DecisionReply.LineError;
import io.freshet.pipelines.plugin.ApiContext;
import io.freshet.pipelines.plugin.ApiRole;
import io.freshet.pipelines.plugin.PipelineApi;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.serving.ServingTable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment gateway's decision API: {@code POST /api/fraud/decisions} appends a transaction
 * envelope (or NDJSON of them) to {@code transactions} and answers with the fraud job's decision as
 * soon as it is made; {@code GET /api/fraud/decisions/{transaction_id}} returns one later.
 */
public final class FraudDecisionApi implements PipelineApi {
  private static final Logger LOG = LoggerFactory.getLogger(FraudDecisionApi.class);

  /** Transactions remembered for waiting requests, repeated event ids and GETs. */
  static final int BOOK_CAPACITY = 200_000;

  private static final String NDJSON = "application/x-ndjson";

  /** How long an append may take to be acknowledged before the broker counts as unavailable. */
  static final Duration APPEND_BUDGET = Duration.ofSeconds(1);

  private final Codec<Transaction> envelopes;
  private final DecisionBook book = new DecisionBook(BOOK_CAPACITY);
  private final DecisionGateway gateway;
  private final CommittedDecisions committed;
  private final BooleanSupplier jobRunning;
  // Replies are written off the listener thread, which must keep reading decisions.
  private final ExecutorService replies =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "freshet-decision-reply");
            t.setDaemon(true);
            return t;
          });

  /**
   * Connects to the cluster of {@code context}; blocks until the listener is positioned.
   *
   * @param transactions the input topic (under the context's naming), whose codec validates
   * @param decisions the decisions topic the fraud job writes
   * @param decisionTable the serving table holding committed decisions
   */
  public FraudDecisionApi(
      ApiContext context,
      TopicDescriptor<String, Transaction> transactions,
      TopicDescriptor<String, TransactionDecision> decisions,
      ServingTable<TransactionDecision> decisionTable) {
    this.envelopes = transactions.valueCodec();
    this.gateway =
        new DecisionGateway(
            context.kafka().bootstrapServers(),
            context.naming().name(transactions),
            context.naming().name(decisions),
            book);
    this.committed = new CommittedDecisions(context.store(), decisionTable.name());
    this.jobRunning = context.jobRunning();
  }

  @Override
  public void register(Javalin app) {
    app.post(DecisionReply.PATH, this::post, ApiRole.WRITE);
    app.get(DecisionReply.PATH + "/{transactionId}", this::get, ApiRole.READ);
  }

  /** Replayed decisions that differed from the one first served: must stay 0. */
  public long changedDecisions() {
    return book.changedDecisions();
  }

  @OpenApi(
      path = DecisionReply.PATH,
      methods = HttpMethod.POST,
      summary = "Decide a transaction: append it and answer with the fraud job's decision",
      description =
          "One transaction envelope (application/json) or NDJSON of them; the same event_id again"
              + " returns the original decision. Needs the API token.",
      tags = "fraud",
      queryParams =
          @OpenApiParam(
              name = "timeout",
              description = "How long to wait for the decision, e.g. 100ms (default), max 10s"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = {
                @OpenApiContent(type = "object", mimeType = "application/json"),
                @OpenApiContent(type = "string", mimeType = NDJSON)
              }),
      security = @OpenApiSecurity(name = "BearerAuth"),
      responses = {
        @OpenApiResponse(status = "200", description = "The decision, with the rules fired"),
        @OpenApiResponse(
            status = "202",
            description = "Appended, not decided in time; GET the Location for the decision"),
        @OpenApiResponse(status = "400", description = "Invalid envelope; nothing appended"),
        @OpenApiResponse(status = "401", description = "No or a wrong bearer token"),
        @OpenApiResponse(status = "503", description = "Broker or job down; see Retry-After")
      })
  private void post(Context ctx) {
    long start = System.nanoTime();
    Duration timeout;
    try {
      timeout = DecisionTimeout.parse(ctx.queryParam("timeout"));
    } catch (IllegalArgumentException e) {
      reply(ctx, DecisionReply.badRequest(e.getMessage()));
      return;
    }
    boolean batch = String.valueOf(ctx.contentType()).startsWith(NDJSON);
    List<byte[]> bodies = batch ? lines(ctx.bodyAsBytes()) : List.of(ctx.bodyAsBytes());
    List<Transaction> transactions = new ArrayList<>(bodies.size());
    List<LineError> errors = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      try {
        transactions.add(envelopes.decode(bodies.get(i)));
      } catch (InvalidEventException e) {
        errors.add(new LineError(batch ? i + 1 : 0, e));
      }
    }
    if (!errors.isEmpty()) {
      reply(ctx, DecisionReply.invalid(errors));
      return;
    }
    Optional<String> down = unavailability();
    if (down.isPresent()) {
      reply(ctx, DecisionReply.unavailable(down.get()));
      return;
    }
    List<CompletableFuture<DecisionReply>> answers = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      answers.add(decide(transactions.get(i), bodies.get(i), timeout, start));
    }
    if (!batch) {
      ctx.future(() -> answers.get(0).thenAcceptAsync(r -> reply(ctx, r), replies));
      return;
    }
    ctx.future(
        () ->
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> replyBatch(ctx, answers), replies));
  }

  @OpenApi(
      path = DecisionReply.PATH + "/{transactionId}",
      summary = "A decision made earlier",
      tags = "fraud",
      pathParams = @OpenApiParam(name = "transactionId", required = true),
      responses = {
        @OpenApiResponse(status = "200", description = "The decision"),
        @OpenApiResponse(status = "202", description = "Appended, still pending"),
        @OpenApiResponse(status = "404", description = "Unknown transaction")
      })
  private void get(Context ctx) {
    String transactionId = ctx.pathParam("transactionId");
    Optional<DecisionBook.Entry> entry = book.lookup(transactionId);
    if (entry.isPresent() && entry.get().decision.isDone()) {
      reply(ctx, DecisionReply.decided(entry.get().decision.join(), 0));
      return;
    }
    try {
      Optional<TransactionDecision> stored = committed.byTransactionId(transactionId);
      if (stored.isPresent()) {
        reply(ctx, DecisionReply.decided(stored.get(), 0));
      } else if (entry.isPresent()) {
        reply(ctx, DecisionReply.pending(transactionId));
      } else {
        reply(ctx, DecisionReply.unknown(transactionId));
      }
    } catch (SQLException e) {
      LOG.warn("Reading committed decision {} failed", transactionId, e);
      reply(ctx, DecisionReply.unavailable("the serving store cannot be read: " + e.getMessage()));
    }
  }

  private CompletableFuture<DecisionReply> decide(
      Transaction txn, byte[] envelope, Duration timeout, long start) {
    DecisionBook.Entry entry = gateway.submit(txn, envelope, start);
    long ackDeadline = start + Math.max(timeout.toNanos(), APPEND_BUDGET.toNanos());
    return entry
        .decision
        .copy()
        .completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
        .thenComposeAsync(
            decision ->
                decision != null
                    ? CompletableFuture.completedFuture(
                        DecisionReply.decided(decision, System.nanoTime() - start))
                    : afterTimeout(entry, start, ackDeadline),
            replies);
  }

  /**
   * No decision in time: pending once the broker has acknowledged the append, which gets up to
   * {@link #APPEND_BUDGET} even under a shorter timeout; without an acknowledgement by then the
   * broker is the problem and the answer is 503.
   */
  private CompletableFuture<DecisionReply> afterTimeout(
      DecisionBook.Entry entry, long start, long ackDeadline) {
    return entry
        .appended
        .copy()
        .orTimeout(Math.max(0, ackDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)
        .handleAsync(
            (ok, failure) -> {
              if (failure != null) {
                return DecisionReply.unavailable(
                    unwrap(failure) instanceof TimeoutException
                        ? "the transactions topic did not acknowledge the append in time; retry"
                            + " with the same event_id"
                        : "appending to the transactions topic failed; retry");
              }
              return entry.decision.isDone()
                  ? DecisionReply.decided(entry.decision.join(), System.nanoTime() - start)
                  : pendingOrCommitted(entry, start);
            },
            replies);
  }

  private DecisionReply pendingOrCommitted(DecisionBook.Entry entry, long start) {
    try {
      // A repeated event id the job skipped as a duplicate (e.g. first sent before a restart).
      Optional<TransactionDecision> stored = committed.byEventId(entry.eventId);
      if (stored.isPresent()) {
        return DecisionReply.decided(stored.get(), System.nanoTime() - start);
      }
    } catch (SQLException e) {
      LOG.warn("Reading committed decision of event {} failed", entry.eventId, e);
    }
    return DecisionReply.pending(entry.transactionId);
  }

  private Optional<String> unavailability() {
    if (!gateway.listening()) {
      return Optional.of("the decision listener is not running");
    }
    return jobRunning.getAsBoolean()
        ? Optional.empty()
        : Optional.of("the fraud-detection job is not running");
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static void reply(Context ctx, DecisionReply reply) {
    ctx.status(reply.status()).contentType("application/json");
    if (reply.location() != null) {
      ctx.header("Location", reply.location());
    }
    if (reply.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Integer.toString(reply.retryAfterSeconds()));
    }
    ctx.result(reply.body());
  }

  private static void replyBatch(Context ctx, List<CompletableFuture<DecisionReply>> answers) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean allDecided = true;
    for (CompletableFuture<DecisionReply> answer : answers) {
      DecisionReply reply = answer.join();
      allDecided &= reply.status() == 200;
      body.writeBytes(reply.body());
      body.write('\n');
    }
    ctx.status(allDecided ? 200 : 202).contentType(NDJSON).result(body.toByteArray());
  }

  private static List<byte[]> lines(byte[] body) {
    List<byte[]> lines = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Override
  public void close() {
    gateway.close();
    replies.shutdown();
  }
}
