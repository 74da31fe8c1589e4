package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.testkit.contract.OutboxRelayStoreContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresOutboxRelayStoreIT extends OutboxRelayStoreContract {
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
  protected Subject createSubject(MutableClock clock) {
    PersistenceAdapter adapter = db.reset(clock);
    return new Subject(adapter.jobQueue(), adapter.outboxRelayStore());
  }
}
