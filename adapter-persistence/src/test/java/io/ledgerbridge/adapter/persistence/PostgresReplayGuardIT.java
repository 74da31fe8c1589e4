package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.testkit.contract.ReplayGuardContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresReplayGuardIT extends ReplayGuardContract {
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
  protected ReplayGuard createSubject(MutableClock clock) {
    return db.reset(clock).replayGuard();
  }
}
