package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.testkit.contract.EntityXrefRepositoryContract;

class InMemoryEntityXrefRepositoryContractTest extends EntityXrefRepositoryContract {
  @Override
  protected EntityXrefRepository createSubject(MutableClock clock) {
    return new InMemoryEntityXrefRepository();
  }
}
