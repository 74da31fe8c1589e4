package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.testkit.contract.SyncAttemptRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2SyncAttemptRepositoryTest extends SyncAttemptRepositoryContract {
  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.h2();
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
