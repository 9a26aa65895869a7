package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.freshet.bench.IncompleteResultsException;
import org.junit.jupiter.api.Test;

class DecisionArrivalsTest {
  static final long T0 = 1_764_000_000_000L;
  final long[] inputAppend = {T0, T0 + 1, T0 + 2};

  @Test
  void everyTransactionDecidedOnceGivesItsLatencies() {
    // Given three decisions 3, 4 and 5 ms after their transactions, visible 100 ms later
    DecisionArrivals arrivals = new DecisionArrivals(3);
    for (int seq = 0; seq < 3; seq++) {
      arrivals.record(seq, inputAppend[seq] + 3 + seq, inputAppend[seq] + 100);
    }
    // When the phase is measured
    DecisionArrivals.Latencies latencies = arrivals.latencies(inputAppend, 0, 3);
    // Then each transaction counts once, with its own latency
    assertThat(arrivals.distinct()).isEqualTo(3);
    assertThat(latencies.processing().count()).isEqualTo(3);
    assertThat(latencies.processing().max()).isEqualTo(5.0);
    assertThat(latencies.visible().p50()).isEqualTo(100.0);
  }

  @Test
  void aMissingDecisionFailsInsteadOfCountingAsZeroLatency() {
    // Given the decision of t1 never arrived but t0's arrived twice
    DecisionArrivals arrivals = new DecisionArrivals(3);
    arrivals.record(0, T0 + 3, T0 + 100);
    arrivals.record(0, T0 + 3, T0 + 100);
    arrivals.record(2, T0 + 5, T0 + 100);
    // Then the distinct count is short, and measuring the phase names the missing transaction
    assertThat(arrivals.distinct()).isEqualTo(2);
    assertThatThrownBy(() -> arrivals.latencies(inputAppend, 1, 2))
        .isInstanceOf(IncompleteResultsException.class)
        .hasMessage("transaction t1 has no decision");
  }

  @Test
  void aRepeatedDecisionFailsTheRun() {
    // Given t0 decided twice
    DecisionArrivals arrivals = new DecisionArrivals(1);
    arrivals.record(0, T0 + 3, T0 + 100);
    arrivals.record(0, T0 + 4, T0 + 101);
    // Then it is reported, not measured
    assertThatThrownBy(() -> arrivals.latencies(inputAppend, 0, 1))
        .isInstanceOf(IncompleteResultsException.class)
        .hasMessage("transaction t0 has 2 decisions");
  }
}
