package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.IdempotencyRepositoryContract;
import io.ledgerbridge.ports.out.IdempotencyRepository;

class InMemoryIdempotencyRepositoryContractTest extends IdempotencyRepositoryContract {
  @Override
  protected IdempotencyRepository createSubject(MutableClock clock) {
    return new InMemoryIdempotencyRepository();
  }
}
