package io.freshet.serving;

import io.freshet.testkit.postgres.PostgresCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension running a throwaway PostgreSQL ({@link PostgresCluster}: Debian's package,
 * initdb into a temp dir, a free port on 127.0.0.1), stopped and deleted after the whole test run.
 *
 * <p>One server serves every test class of the run (it lives in the root extension store); {@link
 * #newStoreUrl()} gives each test its own schema, owned by an ordinary (non-superuser) role as a
 * real deployment would use. It fails rather than skips when PostgreSQL cannot be started: the test
 * command installs it ({@code ops/postgres/ensure-installed}).
 */
public final class PostgresServer implements BeforeAllCallback {
  /** The role the store connects as; not a superuser. */
  static final String STORE_ROLE = PostgresCluster.STORE_ROLE;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServer.class);

  private PostgresCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    // Closed by JUnit with the root store at the end of the run (PostgresCluster is AutoCloseable).
    cluster =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent("cluster", key -> PostgresCluster.start(), PostgresCluster.class);
  }

  /** A JDBC URL of a new, empty store: a schema of its own, owned by {@link #STORE_ROLE}. */
  public String newStoreUrl() {
    if (cluster == null) {
      throw new IllegalStateException("PostgresServer is not registered as an extension");
    }
    return cluster.newStoreUrl();
  }

  /** The superuser URL of a database, for test setup the store role may not do. */
  public String superuserUrl(String storeUrl) {
    return storeUrl.replace("user=" + STORE_ROLE, "user=postgres");
  }
}
