package io.freshet.core.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lossless text form of raw bytes: UTF-8 text when the bytes are valid UTF-8, else Base64. */
final class ByteText {
  static final String UTF_8 = "utf-8";
  static final String BASE64 = "base64";

  /** Bytes as text plus the encoding that turns the text back into the same bytes. */
  record Encoded(String text, String encoding) {}

  private static final Encoded NONE = new Encoded(null, null);

  private ByteText() {}

  static Encoded encode(byte[] bytes) {
    if (bytes == null) {
      return NONE;
    }
    // A fresh decoder per call: decoders are stateful and not thread-safe.
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return new Encoded(strict.decode(ByteBuffer.wrap(bytes)).toString(), UTF_8);
    } catch (CharacterCodingException notUtf8) {
      // Not text: Base64 is the lossless fallback, so the exception carries nothing to keep.
      return new Encoded(Base64.getEncoder().encodeToString(bytes), BASE64);
    }
  }

  static byte[] decode(String text, String encoding) {
    if (text == null) {
      return null;
    }
    return switch (encoding) {
      case UTF_8 -> text.getBytes(StandardCharsets.UTF_8);
      case BASE64 -> Base64.getDecoder().decode(text);
      default -> throw new IllegalStateException("unknown encoding " + encoding);
    };
  }

  /** Rejects a text/encoding pair that could not be decoded back to bytes. */
  static void check(String text, String encoding, String what) {
    if (text == null) {
      if (encoding != null) {
        throw new IllegalArgumentException(what + " is null but its encoding is " + encoding);
      }
    } else if (!UTF_8.equals(encoding) && !BASE64.equals(encoding)) {
      throw new IllegalArgumentException(
          what + " encoding must be " + UTF_8 + " or " + BASE64 + ", was " + encoding);
    }
  }
}
