package io.ledgerbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded yardstick does a drained run's whole database work, each run once. */
class EmbeddedDrainCeilingTest {
  @TempDir Path dir;

  @Test
  void everyRunIsDrainedOnceWithItsRowsWritten() throws Exception {
    EmbeddedDrainCeiling.Drain d = EmbeddedDrainCeiling.drain(dir, 250, 3);

    assertThat(d.runsSucceeded()).isEqualTo(250);
    assertThat(d.jobsSucceeded()).isEqualTo(500);
    assertThat(d.seconds()).isPositive();
    PersistenceConfig pc = PersistenceConfig.embedded(dir, new byte[32]);
    try (Connection c = DriverManager.getConnection(pc.jdbcUrl(), pc.user(), pc.password())) {
      assertThat(
              count(c, "SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded' AND version = 2"))
          .isEqualTo(250);
      assertThat(count(c, "SELECT COUNT(*) FROM sync_attempts WHERE outcome = 'ok'"))
          .isEqualTo(250);
      assertThat(count(c, "SELECT COUNT(*) FROM entity_xref WHERE store_entity_type = 'invoice'"))
          .isEqualTo(250);
      assertThat(count(c, "SELECT COUNT(*) FROM jobs WHERE kind = 'push' AND status = 'succeeded'"))
          .isEqualTo(250);
      assertThat(count(c, "SELECT COUNT(*) FROM jobs WHERE locked_until IS NOT NULL")).isZero();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
