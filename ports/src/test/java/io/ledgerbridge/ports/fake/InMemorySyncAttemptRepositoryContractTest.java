package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.SyncAttemptRepositoryContract;
import io.ledgerbridge.ports.out.SyncAttemptRepository;

class InMemorySyncAttemptRepositoryContractTest extends SyncAttemptRepositoryContract {
  @Override
  protected SyncAttemptRepository createSubject(MutableClock clock) {
    return new InMemorySyncAttemptRepository();
  }
}
