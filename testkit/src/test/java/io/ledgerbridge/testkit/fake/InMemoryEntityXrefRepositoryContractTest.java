package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.EntityXrefRepositoryContract;
import io.ledgerbridge.ports.out.EntityXrefRepository;

class InMemoryEntityXrefRepositoryContractTest extends EntityXrefRepositoryContract {
  @Override
  protected EntityXrefRepository createSubject(MutableClock clock) {
    return new InMemoryEntityXrefRepository();
  }
}
