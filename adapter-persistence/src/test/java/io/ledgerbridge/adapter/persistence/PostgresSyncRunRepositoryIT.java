package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.testkit.contract.SyncRunRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSyncRunRepositoryIT extends SyncRunRepositoryContract {
  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.postgres();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  @Override
  protected SyncRunRepository createSubject(MutableClock clock) {
    return db.reset(clock).syncRuns();
  }
}
