package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.ReferenceDataRepositoryContract;
import io.ledgerbridge.ports.out.ReferenceDataRepository;

class InMemoryReferenceDataRepositoryContractTest extends ReferenceDataRepositoryContract {
  @Override
  protected ReferenceDataRepository createSubject(MutableClock clock) {
    return new InMemoryReferenceDataRepository();
  }
}
