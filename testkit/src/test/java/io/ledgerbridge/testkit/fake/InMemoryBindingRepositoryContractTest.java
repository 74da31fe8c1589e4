package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.testkit.contract.BindingRepositoryContract;

class InMemoryBindingRepositoryContractTest extends BindingRepositoryContract {
  @Override
  protected BindingRepository createSubject(MutableClock clock) {
    return new InMemoryBindingRepository(clock);
  }
}
