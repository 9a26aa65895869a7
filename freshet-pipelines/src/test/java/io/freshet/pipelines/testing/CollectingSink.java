package io.freshet.pipelines.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test-only Sink V2 that collects every element into a list in this JVM, for jobs run on a
 * MiniCluster in the test's own process.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    COLLECTED.put(id, Collections.synchronizedList(new ArrayList<>()));
  }

  /** Everything written so far, in arrival order, as a copy; forgets nothing. */
  @SuppressWarnings("unchecked")
  public List<T> collected() {
    List<Object> list = COLLECTED.get(id);
    synchronized (list) {
      return (List<T>) List.copyOf(list);
    }
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> list = COLLECTED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        list.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
