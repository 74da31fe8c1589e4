package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.testkit.contract.ReferenceDataRepositoryContract;

class InMemoryReferenceDataRepositoryContractTest extends ReferenceDataRepositoryContract {
  @Override
  protected ReferenceDataRepository createSubject(MutableClock clock) {
    return new InMemoryReferenceDataRepository();
  }
}
