package io.freshet.serving;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The serving sink contract on a throwaway PostgreSQL server. */
class PostgresServingStoreSinkTest extends ServingStoreSinkContract {
  @RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();

  @Override
  String newStoreUrl() {
    return POSTGRES.newStoreUrl();
  }
}
