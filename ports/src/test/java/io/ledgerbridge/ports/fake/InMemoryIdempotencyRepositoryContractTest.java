package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.IdempotencyRepositoryContract;
import io.ledgerbridge.ports.out.IdempotencyRepository;

class InMemoryIdempotencyRepositoryContractTest extends IdempotencyRepositoryContract {
  @Override
  protected IdempotencyRepository createSubject(MutableClock clock) {
    return new InMemoryIdempotencyRepository();
  }
}
