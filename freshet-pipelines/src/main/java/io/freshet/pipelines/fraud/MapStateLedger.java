package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.AmountLedger;
import io.freshet.core.fraud.LedgerChunk;
import org.apache.flink.api.common.state.MapState;

/**
 * The current customer's {@link AmountLedger} in keyed {@code MapState}: point reads, writes and
 * removals only, so it works the same on every backend (the heap backend's MapState iterates in no
 * particular order; nothing here iterates).
 */
final class MapStateLedger implements AmountLedger {
  private final MapState<Integer, LedgerChunk> state;

  MapStateLedger(MapState<Integer, LedgerChunk> state) {
    this.state = state;
  }

  @Override
  public LedgerChunk get(int id) {
    try {
      return state.get(id);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  @Override
  public void put(int id, LedgerChunk chunk) {
    try {
      state.put(id, chunk);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  @Override
  public void remove(int id) {
    try {
      state.remove(id);
    } catch (Exception e) {
      throw new StateAccessException(e);
    }
  }

  /** A state backend failure: it must fail the task, not dead-letter one transaction. */
  static final class StateAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateAccessException(Exception cause) {
      super(cause);
    }
  }
}
