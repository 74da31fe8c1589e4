package io.ledgerbridge.adapter.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2EndedTogetherTest extends EndedTogetherChecks {
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
  TestDatabase database() {
    return db;
  }
}
