package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.ReplayGuardContract;
import io.ledgerbridge.ports.out.ReplayGuard;

class InMemoryReplayGuardContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard createSubject(MutableClock clock) {
    return new InMemoryReplayGuard(clock);
  }
}
