package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.SyncRunRepositoryContract;
import io.ledgerbridge.ports.out.SyncRunRepository;

class InMemorySyncRunRepositoryContractTest extends SyncRunRepositoryContract {
  @Override
  protected SyncRunRepository createSubject(MutableClock clock) {
    return new InMemorySyncRunRepository();
  }
}
