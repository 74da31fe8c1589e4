package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.testkit.contract.SyncAttemptRepositoryContract;

class InMemorySyncAttemptRepositoryContractTest extends SyncAttemptRepositoryContract {
  @Override
  protected SyncAttemptRepository createSubject(MutableClock clock) {
    return new InMemorySyncAttemptRepository();
  }
}
