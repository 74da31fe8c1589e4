package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.testkit.contract.SyncAttemptRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSyncAttemptRepositoryIT extends SyncAttemptRepositoryContract {
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
  protected SyncAttemptRepository createSubject(MutableClock clock) {
    return db.reset(clock).syncAttempts();
  }
}
