package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.BindingRepositoryContract;
import io.ledgerbridge.ports.out.BindingRepository;

class InMemoryBindingRepositoryContractTest extends BindingRepositoryContract {
  @Override
  protected BindingRepository createSubject(MutableClock clock) {
    return new InMemoryBindingRepository();
  }
}
