package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.testkit.contract.UnitOfWorkContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2UnitOfWorkTest extends UnitOfWorkContract {
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
  protected Fixture createFixture(MutableClock clock) {
    PersistenceAdapter a = db.reset(clock);
    return new Fixture(
        a.unitOfWork(), a.syncRuns(), a.jobQueue(), a.idempotency(), a.entityXrefs());
  }
}
