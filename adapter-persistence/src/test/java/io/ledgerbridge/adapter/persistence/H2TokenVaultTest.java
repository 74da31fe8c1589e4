package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.testkit.contract.TokenVaultContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2TokenVaultTest extends TokenVaultContract {
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
  protected TokenVault createSubject(MutableClock clock) {
    return db.reset(clock).tokenVault();
  }
}
