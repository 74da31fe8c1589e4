package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.contract.JobQueueContract;
import io.ledgerbridge.ports.out.JobQueue;

class InMemoryJobQueueContractTest extends JobQueueContract {
  @Override
  protected JobQueue createSubject(MutableClock clock) {
    return new InMemoryJobQueue(clock);
  }
}
