package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.testkit.contract.SyncRunRepositoryContract;

class InMemorySyncRunRepositoryContractTest extends SyncRunRepositoryContract {
  @Override
  protected SyncRunRepository createSubject(MutableClock clock) {
    return new InMemorySyncRunRepository();
  }
}
