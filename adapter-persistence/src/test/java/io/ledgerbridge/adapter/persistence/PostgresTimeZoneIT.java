package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresTimeZoneIT {
  private static TestDatabase db;
  private final MutableClock clock = MutableClock.standard();

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.postgres();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  private <T> T query(PersistenceAdapter a, String sql, Class<T> type) {
    return a.unitOfWork()
        .inTransaction(
            () ->
                ((JdbiUnitOfWork) a.unitOfWork())
                    .currentHandle()
                    .createQuery(sql)
                    .mapTo(type)
                    .one());
  }

  @Test
  void sessionRunsInANonUtcZoneAndInstantsAreStoredAsTheirAbsoluteTime() {
    PersistenceAdapter a = db.reset(clock);
    SyncRun run =
        SyncRun.accepted(
            UUID.randomUUID(), "t-1", EventType.INVOICE_CREATED, 5, "k", 0, clock.instant());
    a.syncRuns().insert(run);

    assertThat(a.databaseProduct()).isEqualTo("PostgreSQL");
    assertThat(query(a, "SELECT current_setting('TimeZone')", String.class))
        .isEqualTo(TestDatabase.SESSION_ZONE);
    assertThat(
            query(
                a,
                "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM sync_runs",
                String.class))
        .isEqualTo("2024-03-01T10:15:30.123456");
    assertThat(a.syncRuns().find(run.id()).orElseThrow().createdAt()).isEqualTo(clock.instant());
  }
}
