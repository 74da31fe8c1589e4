package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.OperatorDirectory;
import io.ledgerbridge.testkit.contract.OperatorDirectoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresOperatorDirectoryIT extends OperatorDirectoryContract {
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
  protected OperatorDirectory createSubject(MutableClock clock) {
    return db.reset(clock).operatorDirectory();
  }
}
