package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.testkit.contract.IdempotencyRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2IdempotencyRepositoryTest extends IdempotencyRepositoryContract {
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
  protected IdempotencyRepository createSubject(MutableClock clock) {
    return db.reset(clock).idempotency();
  }
}
