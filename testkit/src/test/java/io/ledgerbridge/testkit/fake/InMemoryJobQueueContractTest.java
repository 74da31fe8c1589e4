package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.testkit.contract.JobQueueContract;
import io.ledgerbridge.ports.out.JobQueue;

class InMemoryJobQueueContractTest extends JobQueueContract {
  @Override
  protected JobQueue createSubject(MutableClock clock) {
    return new InMemoryJobQueue(clock);
  }
}
