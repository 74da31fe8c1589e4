package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.PolicyRepositoryContract;
import io.ledgerbridge.ports.out.PolicyRepository;

class InMemoryPolicyRepositoryContractTest extends PolicyRepositoryContract {
  @Override
  protected PolicyRepository createSubject(MutableClock clock) {
    return new InMemoryPolicyRepository();
  }
}
