package io.freshet.pipelines.fraud.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.core.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * One answer of the decision API: its HTTP status, its JSON body (every body says its {@code
 * status}: decided, pending, unavailable, invalid or unknown) and the headers that go with it.
 *
 * @param location the URL to poll for a pending decision, else null
 * @param retryAfterSeconds when to retry an unavailable API, else null
 */
record DecisionReply(int status, byte[] body, String location, Integer retryAfterSeconds) {
  static final String PATH = "/api/fraud/decisions";

  /** The decision, with the server-side time from request to decision. */
  static DecisionReply decided(TransactionDecision decision, long latencyNanos) {
    return new DecisionReply(
        200,
        Json.write(
            decision,
            (json, d) -> {
              json.writeStartObject();
              json.writeStringField("status", "decided");
              TransactionDecisionCodec.writeFields(json, d);
              json.writeNumberField("latency_ms", Math.round(latencyNanos / 1_000.0) / 1_000.0);
              json.writeEndObject();
            }),
        null,
        null);
  }

  /** Appended, not decided yet: poll the location. */
  static DecisionReply pending(String transactionId) {
    String location = PATH + "/" + transactionId;
    return new DecisionReply(
        202,
        object(
            json -> {
              json.writeStringField("status", "pending");
              json.writeStringField("transaction_id", transactionId);
              json.writeStringField("location", location);
            }),
        location,
        null);
  }

  /** The broker or the job cannot take or decide transactions now; retry later. */
  static DecisionReply unavailable(String reason) {
    return new DecisionReply(
        503,
        object(
            json -> {
              json.writeStringField("status", "unavailable");
              json.writeStringField("error", reason);
            }),
        null,
        1);
  }

  /** Nothing known about the transaction. */
  static DecisionReply unknown(String transactionId) {
    return new DecisionReply(
        404,
        object(
            json -> {
              json.writeStringField("status", "unknown");
              json.writeStringField("transaction_id", transactionId);
            }),
        null,
        null);
  }

  /** A bad request parameter; nothing appended. */
  static DecisionReply badRequest(String error) {
    return new DecisionReply(
        400,
        object(
            json -> {
              json.writeStringField("status", "invalid");
              json.writeStringField("error", error);
            }),
        null,
        null);
  }

  /** Envelopes that failed validation (line numbers from 1; 0 for a single envelope). */
  static DecisionReply invalid(List<LineError> errors) {
    return new DecisionReply(
        400,
        object(
            json -> {
              json.writeStringField("status", "invalid");
              LineError first = errors.get(0);
              json.writeStringField("error", first.error().getMessage());
              json.writeStringField("error_type", first.error().errorType().name());
              json.writeStringField("field", first.error().field());
              json.writeArrayFieldStart("errors");
              for (LineError error : errors) {
                json.writeStartObject();
                if (error.line() > 0) {
                  json.writeNumberField("line", error.line());
                }
                json.writeStringField("error", error.error().getMessage());
                json.writeStringField("error_type", error.error().errorType().name());
                json.writeStringField("field", error.error().field());
                json.writeEndObject();
              }
              json.writeEndArray();
            }),
        null,
        null);
  }

  /** One envelope's validation failure. */
  record LineError(int line, InvalidEventException error) {}

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] object(Fields fields) {
    return Json.write(
        fields,
        (json, f) -> {
          json.writeStartObject();
          f.write(json);
          json.writeEndObject();
        });
  }
}
