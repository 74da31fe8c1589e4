package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.contract.JobQueueContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresJobQueueIT extends JobQueueContract {
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
  protected JobQueue createSubject(MutableClock clock) {
    return db.reset(clock).jobQueue();
  }
}
