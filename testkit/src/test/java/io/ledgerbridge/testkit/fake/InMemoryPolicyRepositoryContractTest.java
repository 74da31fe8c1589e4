package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.testkit.contract.PolicyRepositoryContract;

class InMemoryPolicyRepositoryContractTest extends PolicyRepositoryContract {
  @Override
  protected PolicyRepository createSubject(MutableClock clock) {
    return new InMemoryPolicyRepository(clock);
  }
}
