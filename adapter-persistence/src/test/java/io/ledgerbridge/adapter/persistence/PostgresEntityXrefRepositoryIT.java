package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.testkit.contract.EntityXrefRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresEntityXrefRepositoryIT extends EntityXrefRepositoryContract {
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
  protected EntityXrefRepository createSubject(MutableClock clock) {
    return db.reset(clock).entityXrefs();
  }
}
