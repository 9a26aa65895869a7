package io.freshet.pipelines.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that collects everything written to it into a JVM-wide queue (the MiniCluster runs in
 * the test's JVM), so a job test can read a job's output; test code only.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, ConcurrentLinkedQueue<Object>> RESULTS =
      new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    RESULTS.put(id, new ConcurrentLinkedQueue<>());
  }

  /** Everything written so far, in write order. */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    List<T> out = new ArrayList<>();
    for (Object o : RESULTS.get(id)) {
      out.add((T) o);
    }
    return out;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    ConcurrentLinkedQueue<Object> queue = RESULTS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
