package io.freshet.pipelines.fraud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.RuleHit;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.Verdict;
import org.junit.jupiter.api.Test;

class DecisionBookTest {
  static final long T0 = 1_764_158_400_000L;

  @Test
  void aDecisionCompletesTheEntryOfItsTransaction() {
    // Given a registered transaction
    DecisionBook book = new DecisionBook(10);
    DecisionBook.Registration registration = book.register("evt-1", "txn-1", 100);

    // When its decision arrives
    boolean completed = book.decided(approve("txn-1", T0 + 5), 250);

    // Then the entry holds it, with when it arrived
    assertThat(registration.fresh()).isTrue();
    assertThat(completed).isTrue();
    assertThat(registration.entry().decision.join()).isEqualTo(approve("txn-1", T0 + 5));
    assertThat(registration.entry().decidedNanos()).isEqualTo(250);
  }

  @Test
  void theSameEventIdAgainGetsTheOriginalEntryAndMustNotBeAppended() {
    // Given a registered transaction
    DecisionBook book = new DecisionBook(10);
    DecisionBook.Entry original = book.register("evt-1", "txn-1", 100).entry();

    // When the same event id is registered again
    DecisionBook.Registration again = book.register("evt-1", "txn-1", 200);

    // Then it is the original entry, not fresh
    assertThat(again.fresh()).isFalse();
    assertThat(again.entry()).isSameAs(original);
  }

  @Test
  void decisionsOfTransactionsNotAppendedHereAreIgnored() {
    DecisionBook book = new DecisionBook(10);

    assertThat(book.decided(approve("txn-elsewhere", T0), 1)).isFalse();
    assertThat(book.lookup("txn-elsewhere")).isEmpty();
  }

  @Test
  void onlyTransactionsAppendedHereAndStillRememberedAreKnown() {
    // Given a book of one entry that has seen two registrations
    DecisionBook book = new DecisionBook(1);
    book.register("evt-1", "txn-1", 100);
    book.register("evt-2", "txn-2", 200);

    // Then the newer is known, the evicted and the foreign ones are not
    assertThat(book.knows("txn-2")).isTrue();
    assertThat(book.knows("txn-1")).isFalse();
    assertThat(book.knows("txn-elsewhere")).isFalse();
  }

  @Test
  void aReplayedDecisionWithTheSameOutcomeKeepsTheFirstAndCountsNothing() {
    // Given a decided transaction
    DecisionBook book = new DecisionBook(10);
    DecisionBook.Entry entry = book.register("evt-1", "txn-1", 100).entry();
    book.decided(approve("txn-1", T0 + 5), 200);

    // When the job replays it after a failure, decided at another moment
    boolean completed = book.decided(approve("txn-1", T0 + 900), 300);

    // Then the first stays the answer and nothing counts as changed
    assertThat(completed).isFalse();
    assertThat(entry.decision.join().decidedAt()).isEqualTo(T0 + 5);
    assertThat(book.changedDecisions()).isZero();
  }

  @Test
  void aReplayedDecisionWithAnotherOutcomeIsCounted() {
    DecisionBook book = new DecisionBook(10);
    book.register("evt-1", "txn-1", 100);
    book.decided(approve("txn-1", T0), 200);

    book.decided(
        new TransactionDecision(
            "txn-1",
            "evt-1",
            "cust-1",
            Verdict.REVIEW,
            new RuleHit[] {new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(6))},
            T0,
            T0),
        300);

    assertThat(book.changedDecisions()).isEqualTo(1);
  }

  @Test
  void aForgottenEntryLetsTheSameEventIdBeAppendedAgain() {
    // Given an entry whose append failed and was forgotten
    DecisionBook book = new DecisionBook(10);
    DecisionBook.Entry failed = book.register("evt-1", "txn-1", 100).entry();
    book.forget(failed);

    // When the event is submitted again
    DecisionBook.Registration retry = book.register("evt-1", "txn-1", 200);

    // Then it is a fresh entry
    assertThat(retry.fresh()).isTrue();
    assertThat(retry.entry()).isNotSameAs(failed);
  }

  @Test
  void beyondCapacityTheOldestEntriesAreForgotten() {
    // Given a book for two entries
    DecisionBook book = new DecisionBook(2);

    // When three transactions are registered
    book.register("evt-1", "txn-1", 1);
    book.register("evt-2", "txn-2", 2);
    book.register("evt-3", "txn-3", 3);

    // Then the first is forgotten, and its event id counts as new again
    assertThat(book.size()).isEqualTo(2);
    assertThat(book.lookup("txn-1")).isEmpty();
    assertThat(book.lookup("txn-3")).isPresent();
    assertThat(book.register("evt-1", "txn-1", 4).fresh()).isTrue();
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new DecisionBook(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static TransactionDecision approve(String transactionId, long decidedAt) {
    return new TransactionDecision(
        transactionId, "evt-1", "cust-1", Verdict.APPROVE, new RuleHit[0], T0, decidedAt);
  }
}
