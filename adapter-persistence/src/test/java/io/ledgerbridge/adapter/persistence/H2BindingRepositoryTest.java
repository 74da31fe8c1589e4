package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.testkit.contract.BindingRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2BindingRepositoryTest extends BindingRepositoryContract {
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
  protected BindingRepository createSubject(MutableClock clock) {
    return db.reset(clock).bindings();
  }
}
