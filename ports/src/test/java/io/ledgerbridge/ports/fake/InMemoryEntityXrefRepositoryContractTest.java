package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.EntityXrefRepositoryContract;
import io.ledgerbridge.ports.out.EntityXrefRepository;

class InMemoryEntityXrefRepositoryContractTest extends EntityXrefRepositoryContract {
  @Override
  protected EntityXrefRepository createSubject(MutableClock clock) {
    return new InMemoryEntityXrefRepository();
  }
}
