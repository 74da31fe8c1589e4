package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.TokenVaultContract;
import io.ledgerbridge.ports.out.TokenVault;

class InMemoryTokenVaultContractTest extends TokenVaultContract {
  @Override
  protected TokenVault createSubject(MutableClock clock) {
    return new InMemoryTokenVault();
  }
}
