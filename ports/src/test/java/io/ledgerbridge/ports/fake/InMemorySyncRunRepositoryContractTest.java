package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.SyncRunRepositoryContract;
import io.ledgerbridge.ports.out.SyncRunRepository;

class InMemorySyncRunRepositoryContractTest extends SyncRunRepositoryContract {
  @Override
  protected SyncRunRepository createSubject(MutableClock clock) {
    return new InMemorySyncRunRepository();
  }
}
