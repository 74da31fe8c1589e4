package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.testkit.contract.BindingRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The adapter on a pool the embedding application owns, as {@code LedgerBridge} uses it. */
class PostgresEmbedderDataSourceIT {

  @Test
  void migratesUsesAndWakesOnTheEmbeddersPoolAndLeavesItOpen() throws Exception {
    String schema = "lb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    TestDatabase.execute("CREATE SCHEMA " + schema);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(
        TestDatabase.pgUrl()
            + (TestDatabase.pgUrl().contains("?") ? "&" : "?")
            + "currentSchema="
            + schema);
    hc.setUsername(TestDatabase.pgUser());
    hc.setPassword(TestDatabase.pgPassword());
    hc.setMaximumPoolSize(4);
    MutableClock clock = MutableClock.standard();
    try (HikariDataSource embedders = new HikariDataSource(hc)) {
      try (PersistenceAdapter adapter =
          PersistenceAdapter.start(embedders, TestDatabase.KEY, clock)) {
        assertThat(adapter.databaseProduct()).isEqualTo("PostgreSQL");
        adapter
            .bindings()
            .add(
                BindingRepositoryContract.binding("t-embed", clock),
                new BindingSecrets("plain-api-key", "cid", "plain-secret"));
        assertThat(adapter.bindings().secrets("t-embed"))
            .hasValueSatisfying(s -> assertThat(s.apiKey()).isEqualTo("plain-api-key"));
        Semaphore woken = new Semaphore(0);
        try (NotificationChannel channel = adapter.notifications("lb_embed_test", woken::release)) {
          channel.wake();
          assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        }
      }
      // closing the adapter left the embedder's pool open and the schema migrated
      assertThat(embedders.isClosed()).isFalse();
      try (Connection c = embedders.getConnection();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history")) {
        rs.next();
        assertThat(rs.getInt(1)).isPositive();
      }
    } finally {
      TestDatabase.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
