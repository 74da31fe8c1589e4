package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.contract.JobQueueContract;

class InMemoryJobQueueContractTest extends JobQueueContract {
  @Override
  protected JobQueue createSubject(MutableClock clock) {
    return new InMemoryJobQueue(clock);
  }
}
