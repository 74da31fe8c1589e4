package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.UnitOfWorkContract;

class InMemoryUnitOfWorkContractTest extends UnitOfWorkContract {
  @Override
  protected Fixture createFixture(MutableClock clock) {
    return new Fixture(
        new InMemoryUnitOfWork(),
        new InMemorySyncRunRepository(),
        new InMemoryJobQueue(clock),
        new InMemoryIdempotencyRepository(),
        new InMemoryEntityXrefRepository());
  }

  @Override
  protected boolean supportsRollback() {
    return false;
  }
}
