package io.ledgerbridge.adapter.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresEndedTogetherIT extends EndedTogetherChecks {
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
  TestDatabase database() {
    return db;
  }
}
