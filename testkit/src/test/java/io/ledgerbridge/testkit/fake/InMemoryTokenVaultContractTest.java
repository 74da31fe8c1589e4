package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.testkit.contract.TokenVaultContract;

class InMemoryTokenVaultContractTest extends TokenVaultContract {
  @Override
  protected TokenVault createSubject(MutableClock clock) {
    return new InMemoryTokenVault().withClock(clock);
  }
}
