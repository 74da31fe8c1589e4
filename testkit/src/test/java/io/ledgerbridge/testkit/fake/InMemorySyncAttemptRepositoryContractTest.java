package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.SyncAttemptRepositoryContract;
import io.ledgerbridge.ports.out.SyncAttemptRepository;

class InMemorySyncAttemptRepositoryContractTest extends SyncAttemptRepositoryContract {
  @Override
  protected SyncAttemptRepository createSubject(MutableClock clock) {
    return new InMemorySyncAttemptRepository();
  }
}
