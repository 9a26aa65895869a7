package io.freshet.serving;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The serving sink contract on DuckDB files. */
class DuckDbServingStoreSinkTest extends ServingStoreSinkContract {
  @TempDir Path dir;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  String newStoreUrl() {
    return ServingStore.defaultUrl(dir.resolve("store-" + stores.incrementAndGet()));
  }
}
