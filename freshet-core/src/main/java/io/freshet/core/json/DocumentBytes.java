package io.freshet.core.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The generator buffers a whole document and hands it over in one write when it is closed; keeping
 * that write as the result saves the second buffer and copy of a ByteArrayOutputStream. A document
 * larger than the generator's buffer arrives in several writes, which are joined.
 */
final class DocumentBytes extends OutputStream {
  private static final byte[] EMPTY = new byte[0];

  private byte[] bytes = EMPTY;

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    byte[] joined = Arrays.copyOf(bytes, bytes.length + len);
    System.arraycopy(b, off, joined, bytes.length, len);
    bytes = joined;
  }

  byte[] toByteArray() {
    return bytes;
  }
}
