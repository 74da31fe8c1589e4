package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.ReferenceDataRepositoryContract;
import io.ledgerbridge.ports.out.ReferenceDataRepository;

class InMemoryReferenceDataRepositoryContractTest extends ReferenceDataRepositoryContract {
  @Override
  protected ReferenceDataRepository createSubject(MutableClock clock) {
    return new InMemoryReferenceDataRepository();
  }
}
