package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.ReplayGuardContract;
import io.ledgerbridge.ports.out.ReplayGuard;

class InMemoryReplayGuardContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard createSubject(MutableClock clock) {
    return new InMemoryReplayGuard(clock);
  }
}
