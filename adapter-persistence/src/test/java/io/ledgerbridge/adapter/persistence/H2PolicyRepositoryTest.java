package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.testkit.contract.PolicyRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2PolicyRepositoryTest extends PolicyRepositoryContract {
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
  protected PolicyRepository createSubject(MutableClock clock) {
    return db.reset(clock).policies();
  }
}
