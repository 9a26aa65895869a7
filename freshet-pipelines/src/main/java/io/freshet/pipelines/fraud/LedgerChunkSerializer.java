package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.LedgerChunk;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link LedgerChunk} as variable-length integers: the entry count, the first event time and the
 * gaps to the following ones, each entry's count and zig-zag sum, and the successor id: about 76
 * bytes for eight one-transaction entries 36 hours apart ({@code FraudStateSizeTest}).
 */
public final class LedgerChunkSerializer extends TypeSerializerSingleton<LedgerChunk> {
  private static final long serialVersionUID = 1L;

  public static final LedgerChunkSerializer INSTANCE = new LedgerChunkSerializer();

  private static final LedgerChunk EMPTY_LOOKING =
      new LedgerChunk(new long[] {0}, new int[] {0}, new long[] {0}, 0);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public LedgerChunk createInstance() {
    return EMPTY_LOOKING;
  }

  @Override
  public LedgerChunk copy(LedgerChunk from) {
    return from;
  }

  @Override
  public LedgerChunk copy(LedgerChunk from, LedgerChunk reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(LedgerChunk chunk, DataOutputView target) throws IOException {
    long[] times = chunk.times();
    int n = times.length;
    writeVarLong(target, n);
    writeVarLong(target, zigZag(times[0]));
    for (int i = 1; i < n; i++) {
      // Ascending and distinct, so every gap is positive.
      writeVarLong(target, times[i] - times[i - 1]);
    }
    for (int i = 0; i < n; i++) {
      writeVarLong(target, chunk.counts()[i] & 0xffffffffL);
      writeVarLong(target, zigZag(chunk.sumMicros()[i]));
    }
    writeVarLong(target, zigZag(chunk.next()));
  }

  @Override
  public LedgerChunk deserialize(DataInputView source) throws IOException {
    long size = readVarLong(source);
    if (size < 1 || size > Integer.MAX_VALUE) {
      throw new IOException("a ledger chunk with " + size + " entries");
    }
    int n = (int) size;
    long[] times = new long[n];
    int[] counts = new int[n];
    long[] sums = new long[n];
    times[0] = unZigZag(readVarLong(source));
    for (int i = 1; i < n; i++) {
      times[i] = times[i - 1] + readVarLong(source);
    }
    for (int i = 0; i < n; i++) {
      counts[i] = (int) readVarLong(source);
      sums[i] = unZigZag(readVarLong(source));
    }
    int next = (int) unZigZag(readVarLong(source));
    return new LedgerChunk(times, counts, sums, next);
  }

  @Override
  public LedgerChunk deserialize(LedgerChunk reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<LedgerChunk> snapshotConfiguration() {
    return new LedgerChunkSerializerSnapshot();
  }

  static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  static void writeVarLong(DataOutputView out, long v) throws IOException {
    while ((v & ~0x7fL) != 0) {
      out.writeByte((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readVarLong(DataInputView in) throws IOException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.readByte();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IOException("malformed variable-length integer in a ledger chunk");
  }

  /** Restores {@link #INSTANCE}; the format has one version so far. */
  public static final class LedgerChunkSerializerSnapshot
      extends SimpleTypeSerializerSnapshot<LedgerChunk> {
    public LedgerChunkSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
