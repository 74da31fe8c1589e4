package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.TokenVaultContract;
import io.ledgerbridge.ports.out.TokenVault;

class InMemoryTokenVaultContractTest extends TokenVaultContract {
  @Override
  protected TokenVault createSubject(MutableClock clock) {
    return new InMemoryTokenVault();
  }
}
