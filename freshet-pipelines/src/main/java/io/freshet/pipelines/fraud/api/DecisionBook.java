package io.freshet.pipelines.fraud.api;

import io.freshet.core.fraud.TransactionDecision;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The transactions the decision API has appended, by transaction id and by event id, each with the
 * first decision seen for it: what lets a waiting request be answered the moment the job decides, a
 * repeated event id get the original decision, and a replayed decision be checked against the one
 * already served.
 *
 * <p>Bounded: beyond {@code capacity} entries the oldest are forgotten (their decisions are then
 * read from the serving store). Thread-safe.
 */
final class DecisionBook {
  private final int capacity;
  private final LinkedHashMap<String, Entry> byTransaction = new LinkedHashMap<>();
  private final Map<String, Entry> byEvent = new HashMap<>();
  private long changedDecisions;

  DecisionBook(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * The entry for a transaction about to be appended: a new one, or — when the event id was already
   * submitted — the original one, which must not be appended again.
   */
  synchronized Registration register(String eventId, String transactionId, long nowNanos) {
    Entry known = byEvent.get(eventId);
    if (known != null) {
      return new Registration(known, false);
    }
    Entry entry = new Entry(transactionId, eventId, nowNanos);
    Entry replaced = byTransaction.put(transactionId, entry);
    if (replaced != null) {
      // Another event for the same transaction id: the newer one is the one callers wait for.
      byEvent.remove(replaced.eventId);
    }
    byEvent.put(eventId, entry);
    evictBeyondCapacity();
    return new Registration(entry, true);
  }

  /**
   * Records a decision read from the decisions topic; true when it completed a waiting entry.
   * Decisions of transactions the API did not append are ignored. A second decision for the same
   * transaction (a replay after a failure) must have the same outcome; one that does not is counted
   * in {@link #changedDecisions()} and the first stays the answer.
   */
  boolean decided(TransactionDecision decision, long nowNanos) {
    Entry entry;
    synchronized (this) {
      entry = byTransaction.get(decision.transactionId());
      if (entry == null) {
        return false;
      }
      if (entry.decision.isDone()) {
        TransactionDecision first = entry.decision.getNow(null);
        if (first != null && !first.sameOutcome(decision)) {
          changedDecisions++;
        }
        return false;
      }
      entry.decidedNanos = nowNanos;
    }
    // Completed outside the lock: waiting requests are answered on this thread.
    return entry.decision.complete(decision);
  }

  /** Forgets an entry whose append failed, so a retry of the same event id appends again. */
  synchronized void forget(Entry entry) {
    if (byTransaction.get(entry.transactionId) == entry) {
      byTransaction.remove(entry.transactionId);
    }
    if (byEvent.get(entry.eventId) == entry) {
      byEvent.remove(entry.eventId);
    }
  }

  /** Whether the API appended the transaction and still remembers it. */
  synchronized boolean knows(String transactionId) {
    return byTransaction.containsKey(transactionId);
  }

  /** The entry of a transaction the API appended, if still remembered. */
  synchronized Optional<Entry> lookup(String transactionId) {
    return Optional.ofNullable(byTransaction.get(transactionId));
  }

  /** Decisions replayed with a different outcome than the one first seen: must stay 0. */
  synchronized long changedDecisions() {
    return changedDecisions;
  }

  synchronized int size() {
    return byTransaction.size();
  }

  private void evictBeyondCapacity() {
    Iterator<Entry> oldest = byTransaction.values().iterator();
    while (byTransaction.size() > capacity && oldest.hasNext()) {
      Entry evicted = oldest.next();
      oldest.remove();
      byEvent.remove(evicted.eventId);
    }
  }

  /** One appended transaction and its decision once the job has made it. */
  static final class Entry {
    final String transactionId;
    final String eventId;
    final long registeredNanos;
    final CompletableFuture<TransactionDecision> decision = new CompletableFuture<>();
    final CompletableFuture<Void> appended = new CompletableFuture<>();
    private volatile long decidedNanos;

    private Entry(String transactionId, String eventId, long registeredNanos) {
      this.transactionId = transactionId;
      this.eventId = eventId;
      this.registeredNanos = registeredNanos;
    }

    /** When the decision was read, in {@link System#nanoTime()} terms; 0 while pending. */
    long decidedNanos() {
      return decidedNanos;
    }
  }

  /**
   * The entry a submission waits on.
   *
   * @param fresh true when the caller must append the transaction; false for a repeated event id
   */
  record Registration(Entry entry, boolean fresh) {}
}
