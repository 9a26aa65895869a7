package io.freshet.bench.textbook;

import io.freshet.core.fraud.Transaction;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts transactions in a window, incrementally. */
public final class CountAggregator implements AggregateFunction<Transaction, Long, Long> {
  private static final long serialVersionUID = 1L;

  @Override
  public Long createAccumulator() {
    return 0L;
  }

  @Override
  public Long add(Transaction value, Long accumulator) {
    return accumulator + 1;
  }

  @Override
  public Long getResult(Long accumulator) {
    return accumulator;
  }

  @Override
  public Long merge(Long a, Long b) {
    return a + b;
  }
}
