package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.BusinessLeaseContract;
import io.ledgerbridge.ports.out.BusinessLease;

class InMemoryBusinessLeaseContractTest extends BusinessLeaseContract {
  @Override
  protected BusinessLease createSubject(MutableClock clock) {
    return new InMemoryBusinessLease(clock);
  }
}
