package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.testkit.contract.BusinessLeaseContract;
import io.ledgerbridge.testkit.fake.MutableClock;

/** The embedded default's lease passes the same contract as the database and Redis ones. */
class LocalBusinessLeaseContractTest extends BusinessLeaseContract {
  @Override
  protected BusinessLease createSubject(MutableClock clock) {
    return new LocalBusinessLease(clock);
  }
}
