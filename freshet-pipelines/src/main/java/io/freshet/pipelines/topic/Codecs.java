package io.freshet.pipelines.topic;

import io.freshet.core.clickstream.ClickEvent;
import io.freshet.core.clickstream.ClickEventReader;
import io.freshet.core.clickstream.ClickEventWriter;
import io.freshet.core.codec.Codec;
import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudAlertCodec;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.TransactionDecisionCodec;
import io.freshet.core.fraud.TransactionReader;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.iot.SensorReading;
import io.freshet.core.iot.SensorReadingReader;
import io.freshet.core.iot.SensorReadingWriter;
import java.nio.charset.StandardCharsets;

/**
 * The codecs of Freshet's topics, one constant per wire format: the UTF-8 key codec, the input
 * envelopes (validated on decode by core's readers) and the output codecs that live beside their
 * records in core.
 */
public final class Codecs {
  private Codecs() {}

  /** UTF-8 text keys such as customer ids; a null key stays null. */
  public static final Codec<String> UTF8 = new Utf8Codec();

  /** The transaction.initiated envelope, validated on decode. */
  public static final Codec<Transaction> TRANSACTION = new TransactionCodec();

  public static final Codec<FraudAlert> FRAUD_ALERT = new FraudAlertCodec();

  /** The clickstream.* envelopes, validated on decode. */
  public static final Codec<ClickEvent> CLICK_EVENT = new ClickEventCodec();

  /** The sensor.reading envelope, validated on decode; encoding is the simulators' business. */
  public static final Codec<SensorReading> SENSOR_READING = new SensorReadingCodec();

  public static final Codec<TransactionDecision> DECISION = new TransactionDecisionCodec();

  public static final Codec<DeadLetter> DEAD_LETTER = new DeadLetterTopicCodec();

  private static final class Utf8Codec implements Codec<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(String value) {
      return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final class TransactionCodec implements Codec<Transaction> {
    private static final long serialVersionUID = 1L;
    private static final TransactionReader READER = new TransactionReader();

    @Override
    public byte[] encode(Transaction value) {
      return TransactionWriter.write(value, "freshet", null, null);
    }

    @Override
    public Transaction decode(byte[] bytes) {
      return READER.read(bytes);
    }
  }

  private static final class ClickEventCodec implements Codec<ClickEvent> {
    private static final long serialVersionUID = 1L;
    private static final ClickEventReader READER = new ClickEventReader();

    @Override
    public byte[] encode(ClickEvent value) {
      return ClickEventWriter.write(value, "freshet");
    }

    @Override
    public ClickEvent decode(byte[] bytes) {
      return READER.read(bytes);
    }
  }

  private static final class SensorReadingCodec implements Codec<SensorReading> {
    private static final long serialVersionUID = 1L;
    private static final SensorReadingReader READER = new SensorReadingReader();

    @Override
    public byte[] encode(SensorReading value) {
      return SensorReadingWriter.write(value, "freshet");
    }

    @Override
    public SensorReading decode(byte[] bytes) {
      return READER.read(bytes);
    }
  }

  private static final class DeadLetterTopicCodec implements Codec<DeadLetter> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(DeadLetter value) {
      return DeadLetterCodec.toJson(value);
    }

    @Override
    public DeadLetter decode(byte[] bytes) {
      return DeadLetterCodec.fromJson(bytes);
    }
  }
}
