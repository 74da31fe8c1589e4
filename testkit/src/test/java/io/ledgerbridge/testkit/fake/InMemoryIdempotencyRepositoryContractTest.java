package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.testkit.contract.IdempotencyRepositoryContract;

class InMemoryIdempotencyRepositoryContractTest extends IdempotencyRepositoryContract {
  @Override
  protected IdempotencyRepository createSubject(MutableClock clock) {
    return new InMemoryIdempotencyRepository();
  }
}
