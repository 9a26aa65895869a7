package io.freshet.pipelines.plugin;

import io.freshet.serving.ServingStoreSink;
import io.freshet.serving.ServingTable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where a pipeline's results are materialised for queries: the serving store in production, nowhere
 * in benchmarks that measure the pipeline and Kafka alone.
 */
public interface StoreSinks {
  /** A sink upserting records into {@code table}. */
  <T> Sink<T> sink(ServingTable<T> table);

  /** Upserts into the serving store at {@code jdbcUrl} at checkpoint time, exactly once. */
  static StoreSinks jdbc(String jdbcUrl) {
    return new StoreSinks() {
      @Override
      public <T> Sink<T> sink(ServingTable<T> table) {
        return new ServingStoreSink<>(jdbcUrl, table);
      }
    };
  }

  /** Drops every result, for runs that leave the store out. */
  static StoreSinks discarding() {
    return new StoreSinks() {
      @Override
      public <T> Sink<T> sink(ServingTable<T> table) {
        return new DiscardingSink<>();
      }
    };
  }
}
