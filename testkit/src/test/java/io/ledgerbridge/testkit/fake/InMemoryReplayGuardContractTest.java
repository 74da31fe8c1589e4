package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.testkit.contract.ReplayGuardContract;

class InMemoryReplayGuardContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard createSubject(MutableClock clock) {
    return new InMemoryReplayGuard(clock);
  }
}
