package io.ledgerbridge.adapter.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One adapter per test class over a private database: an H2 in-memory database, or a fresh
 * PostgreSQL schema {@code lb_<random>} that is dropped on close. PostgreSQL sessions run in
 * Pacific/Chatham (and surefire sets the same JVM zone) so a time-zone bug cannot hide.
 */
final class TestDatabase implements AutoCloseable {
  static final String SESSION_ZONE = "Pacific/Chatham";
  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 7 + 3);
    }
  }

  private static final String[] TABLES = {
    "console_session",
    "console_api_token",
    "console_account",
    "console_login_failure",
    "console_audit",
    "binding_secrets",
    "sage_tokens",
    "bindings",
    "sync_policies",
    "sync_attempts",
    "sync_exchanges",
    "sync_runs",
    "entity_xref",
    "jobs",
    "idempotency_keys",
    "replay_guard",
    "reference_cache",
    "business_leases"
  };

  final PersistenceAdapter adapter;
  private final PersistenceConfig cfg;
  private final SwitchableClock clock;
  private final Runnable cleanup;

  private TestDatabase(PersistenceConfig cfg, SwitchableClock clock, Runnable cleanup) {
    this.adapter = PersistenceAdapter.start(cfg);
    this.cfg = cfg;
    this.clock = clock;
    this.cleanup = cleanup;
  }

  /** Another adapter (another "process") on the same database and clock; the caller closes it. */
  PersistenceAdapter openAnother() {
    return PersistenceAdapter.start(cfg);
  }

  static TestDatabase h2() {
    SwitchableClock clock = new SwitchableClock();
    PersistenceConfig cfg =
        PersistenceConfig.inMemory("lb_" + UUID.randomUUID().toString().replace("-", ""), KEY)
            .withClock(clock);
    return new TestDatabase(cfg, clock, () -> {});
  }

  static String pgUrl() {
    return env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  static String pgUser() {
    return env("LEDGER_TEST_PG_USER", "postgres");
  }

  static String pgPassword() {
    return System.getenv("LEDGER_TEST_PG_PASSWORD");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static TestDatabase postgres() {
    String schema = "lb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE SCHEMA " + schema);
    String url =
        pgUrl()
            + (pgUrl().contains("?") ? "&" : "?")
            + "currentSchema="
            + schema
            + "&options=-c%20TimeZone%3D"
            + SESSION_ZONE.replace("/", "%2F");
    SwitchableClock clock = new SwitchableClock();
    PersistenceConfig cfg =
        PersistenceConfig.postgres(url, pgUser(), pgPassword(), 8, KEY).withClock(clock);
    try {
      return new TestDatabase(cfg, clock, () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    } catch (RuntimeException e) {
      execute("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
  }

  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run on the test PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Empties every table and makes {@code testClock} the adapter's clock. */
  PersistenceAdapter reset(Clock testClock) {
    clock.target.set(testClock);
    for (String table : TABLES) {
      truncate(table);
    }
    return adapter;
  }

  private void truncate(String table) {
    ((JdbiUnitOfWork) adapter.unitOfWork())
        .inTransaction(
            () -> {
              ((JdbiUnitOfWork) adapter.unitOfWork())
                  .currentHandle()
                  .execute("DELETE FROM " + table.toLowerCase(Locale.ROOT));
              return null;
            });
  }

  @Override
  public void close() {
    adapter.close();
    cleanup.run();
  }

  /** The adapter's clock; each test points it at its own {@code MutableClock}. */
  static final class SwitchableClock extends Clock {
    final AtomicReference<Clock> target =
        new AtomicReference<>(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Override
    public Instant instant() {
      return target.get().instant();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
