package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.testkit.contract.ReferenceDataRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresReferenceDataRepositoryIT extends ReferenceDataRepositoryContract {
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
  protected ReferenceDataRepository createSubject(MutableClock clock) {
    return db.reset(clock).referenceData();
  }
}
