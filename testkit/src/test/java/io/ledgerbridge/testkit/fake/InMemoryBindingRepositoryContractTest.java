package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.BindingRepositoryContract;
import io.ledgerbridge.ports.out.BindingRepository;

class InMemoryBindingRepositoryContractTest extends BindingRepositoryContract {
  @Override
  protected BindingRepository createSubject(MutableClock clock) {
    return new InMemoryBindingRepository();
  }
}
