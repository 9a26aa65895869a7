package io.freshet.runtime.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.topics.BrowsedMessage.MessageValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic's messages as a query selects them: a short-lived consumer without a group that assigns
 * and seeks, never subscribes or commits, and reads no further than the end offsets taken when it
 * starts, examining at most a bounded number of records.
 */
final class MessageScanner {
  private static final Duration POLL = Duration.ofMillis(100);

  /** After a poll the position is known locally; the bound only guards against the unexpected. */
  private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;
  private final KafkaConnection kafka;
  private final Duration timeout;
  private final int scanLimit;
  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  MessageScanner(Admin admin, KafkaConnection kafka, Duration timeout, int scanLimit) {
    this.admin = admin;
    this.kafka = kafka;
    this.timeout = timeout;
    this.scanLimit = scanLimit;
  }

  /**
   * The messages the query selects.
   *
   * @throws UnknownTopicException when the topic does not exist
   * @throws IllegalArgumentException when the query names a partition the topic does not have
   */
  MessagePage messages(MessageQuery query) throws InterruptedException {
    Deadline deadline = new Deadline(timeout);
    TopicDescription description;
    try {
      description =
          AdminCalls.await(
                  admin
                      .describeTopics(
                          List.of(query.topic()),
                          new DescribeTopicsOptions().timeoutMs(deadline.millis()))
                      .allTopicNames(),
                  deadline.remaining())
              .get(query.topic());
    } catch (UnknownTopicOrPartitionException | InvalidTopicException e) {
      throw new UnknownTopicException(query.topic(), e);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p : selectedPartitions(query, description)) {
      partitions.add(new TopicPartition(query.topic(), p));
    }
    KafkaConsumer<byte[], byte[]> consumer = consumer(query);
    try {
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, deadline.remaining());
      // For read_committed these are the last stable offsets: an open transaction cannot hold the
      // scan, which never reads past them.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, deadline.remaining());
      Map<TopicPartition, Long> start = starts(query, consumer, begin, end, deadline);
      return scan(query, consumer, start, end, deadline);
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  private static List<Integer> selectedPartitions(MessageQuery query, TopicDescription topic) {
    List<Integer> all =
        topic.partitions().stream().map(TopicPartitionInfo::partition).sorted().toList();
    List<Integer> wanted =
        query.partition().isPresent()
            ? List.of(query.partition().getAsInt())
            : query.start() instanceof StartPosition.AtOffsets at
                ? new ArrayList<>(new TreeMap<>(at.offsets()).keySet())
                : all;
    for (int p : wanted) {
      if (!all.contains(p)) {
        throw new IllegalArgumentException(
            "partition "
                + p
                + " does not exist; "
                + topic.name()
                + " has partitions 0 to "
                + (all.size() - 1));
      }
    }
    return wanted;
  }

  private static Map<TopicPartition, Long> starts(
      MessageQuery query,
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> end,
      Deadline deadline) {
    Map<TopicPartition, Long> wanted = new HashMap<>();
    StartPosition start = query.start();
    if (start instanceof StartPosition.AtTimestamp at) {
      Map<TopicPartition, Long> times = new HashMap<>();
      begin.keySet().forEach(tp -> times.put(tp, at.epochMillis()));
      Map<TopicPartition, OffsetAndTimestamp> found =
          consumer.offsetsForTimes(times, deadline.remaining());
      // No record at or after the time: the partition has nothing to show, start at its end.
      begin
          .keySet()
          .forEach(
              tp -> wanted.put(tp, found.get(tp) == null ? end.get(tp) : found.get(tp).offset()));
    } else {
      for (TopicPartition tp : begin.keySet()) {
        long offset;
        if (start instanceof StartPosition.AtOffset at) {
          offset = at.offset();
        } else if (start instanceof StartPosition.AtOffsets at) {
          offset = at.offsets().get(tp.partition());
        } else if (start instanceof StartPosition.Latest) {
          offset = end.get(tp) - query.limit();
        } else {
          offset = begin.get(tp);
        }
        wanted.put(tp, offset);
      }
    }
    Map<TopicPartition, Long> clamped = new HashMap<>();
    wanted.forEach(
        (tp, offset) -> clamped.put(tp, Math.max(begin.get(tp), Math.min(end.get(tp), offset))));
    return clamped;
  }

  /** One partition's progress through a scan. */
  private static final class PartitionScan {
    final TopicPartition partition;
    final long end;
    final List<BrowsedMessage> matches = new ArrayList<>();
    long next;
    boolean done;
    boolean full;

    PartitionScan(TopicPartition partition, long start, long end) {
      this.partition = partition;
      this.end = end;
      this.next = start;
      this.done = start >= end;
    }

    void reachedEnd() {
      done = true;
      // Whatever lies between the last record seen and the end is invisible (markers, aborted).
      next = Math.max(next, end);
    }
  }

  private MessagePage scan(
      MessageQuery query,
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end,
      Deadline deadline) {
    boolean latest = query.start() instanceof StartPosition.Latest;
    Map<TopicPartition, PartitionScan> scans = new LinkedHashMap<>();
    start.keySet().stream()
        .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
        .forEach(tp -> scans.put(tp, new PartitionScan(tp, start.get(tp), end.get(tp))));
    List<TopicPartition> reading =
        scans.values().stream().filter(s -> !s.done).map(s -> s.partition).toList();
    consumer.assign(reading);
    reading.forEach(tp -> consumer.seek(tp, start.get(tp)));
    long scanned = 0;
    MessagePage.Stop stop = null;
    while (stop == null && scans.values().stream().anyMatch(s -> !s.done)) {
      if (deadline.passed()) {
        stop = MessagePage.Stop.DEADLINE;
        break;
      }
      ConsumerRecords<byte[], byte[]> records = consumer.poll(deadline.atMost(POLL));
      records:
      for (TopicPartition tp : records.partitions()) {
        PartitionScan s = scans.get(tp);
        for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
          if (s.done) {
            break;
          }
          if (r.offset() >= s.end) {
            s.reachedEnd();
            break;
          }
          if (scanned >= scanLimit) {
            stop = MessagePage.Stop.SCAN_LIMIT;
            break records;
          }
          scanned++;
          s.next = r.offset() + 1;
          LazyJson json = new LazyJson(r.value());
          if (query.filter().matches(r.key(), r.headers(), json)) {
            s.matches.add(message(r, json));
            if (!latest && s.matches.size() >= query.limit()) {
              s.done = true;
              s.full = true;
            }
          }
        }
      }
      if (stop != null) {
        break;
      }
      List<TopicPartition> finished = new ArrayList<>();
      for (PartitionScan s : scans.values()) {
        if (!s.done) {
          // Every record this poll returned for the partition was examined, so its position is
          // where it goes on; read_committed moves it past aborted records without returning them.
          long position = consumer.position(s.partition, POSITION_TIMEOUT);
          if (position >= s.end) {
            s.reachedEnd();
          } else {
            s.next = Math.max(s.next, position);
          }
        }
        if (s.done && consumer.assignment().contains(s.partition)) {
          finished.add(s.partition);
        }
      }
      consumer.pause(finished);
    }
    return page(query, scans, start, end, scanned, stop, latest);
  }

  private MessagePage page(
      MessageQuery query,
      Map<TopicPartition, PartitionScan> scans,
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end,
      long scanned,
      MessagePage.Stop stop,
      boolean latest) {
    List<PartitionScan> all = new ArrayList<>(scans.values());
    List<BrowsedMessage> shown = latest ? newest(all, query.limit()) : oldest(all, query.limit());
    Map<Integer, Long> next = new TreeMap<>();
    boolean cut = false;
    for (PartitionScan s : all) {
      long taken = shown.stream().filter(m -> m.partition() == s.partition.partition()).count();
      if (!latest && taken < s.matches.size()) {
        // Matches found but not shown: the next browse starts at the first of them.
        cut = true;
        next.put(s.partition.partition(), s.matches.get((int) taken).offset());
      } else {
        next.put(s.partition.partition(), s.next);
      }
    }
    if (stop == null) {
      stop =
          cut || all.stream().anyMatch(s -> s.full) ? MessagePage.Stop.LIMIT : MessagePage.Stop.END;
    }
    return new MessagePage(
        query.topic(),
        query.isolation(),
        byPartition(start),
        byPartition(end),
        shown,
        next,
        scanned,
        scanLimit,
        stop);
  }

  /**
   * The first {@code limit} matches in timestamp order across partitions, each partition's in
   * offset order, so that what is shown is a prefix of every partition's matches.
   */
  private static List<BrowsedMessage> oldest(List<PartitionScan> scans, int limit) {
    int[] taken = new int[scans.size()];
    List<BrowsedMessage> shown = new ArrayList<>();
    while (shown.size() < limit) {
      int best = -1;
      for (int i = 0; i < scans.size(); i++) {
        if (taken[i] < scans.get(i).matches.size()
            && (best < 0
                || scans.get(i).matches.get(taken[i]).timestamp()
                    < scans.get(best).matches.get(taken[best]).timestamp())) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      shown.add(scans.get(best).matches.get(taken[best]++));
    }
    return shown;
  }

  /** The last {@code limit} matches in timestamp order, each partition's a suffix. */
  private static List<BrowsedMessage> newest(List<PartitionScan> scans, int limit) {
    int[] left = scans.stream().mapToInt(s -> s.matches.size()).toArray();
    List<BrowsedMessage> shown = new ArrayList<>();
    while (shown.size() < limit) {
      int best = -1;
      for (int i = scans.size() - 1; i >= 0; i--) {
        if (left[i] > 0
            && (best < 0
                || scans.get(i).matches.get(left[i] - 1).timestamp()
                    > scans.get(best).matches.get(left[best] - 1).timestamp())) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      shown.add(scans.get(best).matches.get(--left[best]));
    }
    Collections.reverse(shown);
    return shown;
  }

  private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
    Map<Integer, Long> out = new TreeMap<>();
    offsets.forEach((tp, o) -> out.put(tp.partition(), o));
    return out;
  }

  /** A record's value parsed as JSON at most once, and only if asked. */
  private final class LazyJson implements Supplier<JsonNode> {
    private final byte[] bytes;
    private boolean parsed;
    private JsonNode node;

    LazyJson(byte[] bytes) {
      this.bytes = bytes;
    }

    /** The value as JSON, or null when it is none or not JSON. */
    @Override
    public JsonNode get() {
      if (!parsed) {
        parsed = true;
        node = parse(bytes);
      }
      return node;
    }
  }

  private JsonNode parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      // Not JSON is an answer here, not a failure: the value is shown as text.
      return null;
    }
  }

  private static BrowsedMessage message(ConsumerRecord<byte[], byte[]> r, LazyJson json) {
    List<BrowsedMessage.Header> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new BrowsedMessage.Header(h.key(), lenient(h.value())));
    }
    return new BrowsedMessage(
        r.partition(),
        r.offset(),
        r.timestamp(),
        lenient(r.key()),
        headers,
        value(r.value(), json));
  }

  private static MessageValue value(byte[] bytes, LazyJson json) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (bytes == null) {
      return new MessageValue("null", nodes.nullNode(), 0, false);
    }
    if (bytes.length > MessageValue.MAX_BYTES) {
      String head = new String(bytes, 0, MessageValue.MAX_BYTES, StandardCharsets.UTF_8);
      return new MessageValue("text", nodes.textNode(head), bytes.length, true);
    }
    JsonNode node = json.get();
    if (node != null) {
      return new MessageValue("json", node, bytes.length, false);
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new MessageValue("text", nodes.textNode(text), bytes.length, false);
    } catch (CharacterCodingException e) {
      // Not UTF-8: shown as Base64 rather than as replacement characters.
      return new MessageValue(
          "binary", nodes.textNode(Base64.getEncoder().encodeToString(bytes)), bytes.length, false);
    }
  }

  private static String lenient(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private KafkaConsumer<byte[], byte[]> consumer(MessageQuery query) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "freshet-topic-browser");
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, query.isolation().name().toLowerCase(Locale.ROOT));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Browsing a topic that does not exist must not create it.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // Retention may delete the start offset mid-scan: go on from what is left.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
