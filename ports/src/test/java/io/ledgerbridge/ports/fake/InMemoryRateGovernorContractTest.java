package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.RateGovernorContract;
import io.ledgerbridge.ports.out.RateGovernor;

class InMemoryRateGovernorContractTest extends RateGovernorContract {
  @Override
  protected RateGovernor createSubject(
      MutableClock clock,
      double appPerSecond,
      int appBurst,
      double businessPerSecond,
      int businessBurst) {
    return new InMemoryRateGovernor(
        clock, appPerSecond, appBurst, businessPerSecond, businessBurst);
  }
}
