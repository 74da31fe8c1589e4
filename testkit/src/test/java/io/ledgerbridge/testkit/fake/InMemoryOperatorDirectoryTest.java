package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.OperatorDirectory;
import io.ledgerbridge.testkit.contract.OperatorDirectoryContract;

class InMemoryOperatorDirectoryTest extends OperatorDirectoryContract {
  @Override
  protected OperatorDirectory createSubject(MutableClock clock) {
    return new InMemoryOperatorDirectory();
  }
}
