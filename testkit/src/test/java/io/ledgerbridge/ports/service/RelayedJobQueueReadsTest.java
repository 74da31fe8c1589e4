package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.out.JobQueue.DeadLetterQuery;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With Redis delivering jobs, the dead-letter list and a run's next due time still come from the
 * database outbox, the record of every job: the transport is never asked.
 */
class RelayedJobQueueReadsTest {
  private final MutableClock clock = MutableClock.standard();
  private final InMemoryJobQueue outbox = new InMemoryJobQueue(clock);
  private final JobTransport refusingTransport =
      (JobTransport)
          Proxy.newProxyInstance(
              JobTransport.class.getClassLoader(),
              new Class<?>[] {JobTransport.class},
              (proxy, method, args) -> {
                throw new AssertionError("the transport was asked " + method.getName());
              });
  private final RelayedJobQueue queue =
      new RelayedJobQueue(outbox, null, refusingTransport, new InMemoryUnitOfWork());

  @Test
  void deadLettersAndNextDueTimesAreReadFromTheOutbox() {
    UUID run = UUID.randomUUID();
    Job parked = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run, "t-1", clock.instant());
    Job waiting =
        Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-1", clock.instant());
    outbox.enqueue(parked);
    outbox.enqueue(waiting);
    outbox.deadLetter(parked.id(), "permanent");
    outbox.retryAt(waiting.id(), clock.instant().plus(Duration.ofMinutes(5)), "later");

    assertThat(queue.deadLetters(10)).extracting(Job::id).containsExactly(parked.id());
    assertThat(queue.deadLetters(new DeadLetterQuery("t-1", null, 10)))
        .extracting(d -> d.job().id())
        .containsExactly(parked.id());
    assertThat(queue.findDeadLetter(parked.id())).isPresent();
    assertThat(queue.nextDue(waiting.syncRunId()))
        .hasValue(clock.instant().plus(Duration.ofMinutes(5)));
  }
}
