package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.PolicyRepositoryContract;
import io.ledgerbridge.ports.out.PolicyRepository;

class InMemoryPolicyRepositoryContractTest extends PolicyRepositoryContract {
  @Override
  protected PolicyRepository createSubject(MutableClock clock) {
    return new InMemoryPolicyRepository();
  }
}
