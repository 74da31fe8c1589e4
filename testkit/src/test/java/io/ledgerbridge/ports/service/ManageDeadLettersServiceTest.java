package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase.NotRequeued;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase.Requeued;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManageDeadLettersServiceTest {
  private final MutableClock clock = MutableClock.standard();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private final InMemoryUnitOfWork uow = new InMemoryUnitOfWork();
  private final AtomicInteger wakes = new AtomicInteger();
  private final ManageDeadLettersUseCase service =
      new ManageDeadLettersService(
          queue,
          runs,
          new RetrySyncRunService(
              runs, queue, uow, wakes::incrementAndGet, clock, UUID::randomUUID),
          uow,
          wakes::incrementAndGet,
          new BindingSecretScrubbers(new InMemoryBindingRepository(), null),
          clock);

  /**
   * A run that failed with its sync job parked (what the worker leaves after a permanent error).
   */
  private Job failedRunWithParkedJob(String tenant, long entity) {
    SyncRun run =
        SyncRun.accepted(
            UUID.randomUUID(),
            tenant,
            EventType.INVOICE_CREATED,
            entity,
            "invoice.created:" + entity,
            1,
            clock.instant());
    runs.insert(run);
    SyncRun running = run.start(clock.instant());
    runs.transition(running);
    runs.transition(running.fail(ErrorClass.VALIDATION, "tax code T9 unknown", clock.instant()));
    Job job = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run.id(), tenant, clock.instant());
    queue.enqueue(job);
    queue.claimDue(clock.instant(), 100, Duration.ofSeconds(30));
    queue.deadLetter(job.id(), "validation: tax code T9 unknown");
    clock.advance(Duration.ofSeconds(1));
    return job;
  }

  @Test
  void listsDeadLettersOfOneTenantWithTheirRunsPageByPage() {
    Job a1 = failedRunWithParkedJob("t-a", 1);
    failedRunWithParkedJob("t-b", 2);
    Job a2 = failedRunWithParkedJob("t-a", 3);
    Job a3 = failedRunWithParkedJob("t-a", 4);

    ManageDeadLettersUseCase.Page first = service.list("t-a", null, 2);
    assertThat(first.entries())
        .extracting(e -> e.deadLetter().job().id())
        .containsExactly(a3.id(), a2.id());
    assertThat(first.entries().get(0).run())
        .hasValueSatisfying(r -> assertThat(r.storeEntityId()).isEqualTo(4));
    assertThat(first.next()).isPresent();
    ManageDeadLettersUseCase.Page second = service.list("t-a", first.next().get(), 2);
    assertThat(second.entries())
        .extracting(e -> e.deadLetter().job().id())
        .containsExactly(a1.id());
    assertThat(second.next()).isEmpty();
    assertThat(service.list(null, null, 50).entries()).hasSize(4);
  }

  @Test
  void requeueingAFailedRunsSyncJobRetriesTheRunAndTheJobLeavesTheList() {
    Job parked = failedRunWithParkedJob("t-a", 1);

    assertThat(service.requeue(parked.id())).isEqualTo(new Requeued(parked.id(), true));

    assertThat(runs.find(parked.syncRunId()).orElseThrow().status())
        .isEqualTo(SyncRunStatus.QUEUED);
    assertThat(service.list(null, null, 50).entries()).isEmpty();
    assertThat(service.find(parked.id())).isEmpty();
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofSeconds(30)))
        .extracting(Job::syncRunId)
        .containsExactly(parked.syncRunId());
    assertThat(wakes.get()).isEqualTo(1);
  }

  @Test
  void requeueingAStatusPushJobMovesItBackToPending() {
    Job sync = failedRunWithParkedJob("t-a", 1);
    Job push =
        Job.newJob(UUID.randomUUID(), JobKind.PUSH, sync.syncRunId(), "t-a", clock.instant());
    queue.enqueue(push);
    queue.claimDue(clock.instant(), 10, Duration.ofSeconds(30));
    queue.deadLetter(push.id(), "store: 500");

    assertThat(service.requeue(push.id())).isEqualTo(new Requeued(push.id(), false));

    assertThat(queue.all())
        .filteredOn(j -> j.id().equals(push.id()))
        .extracting(Job::status)
        .containsExactly(JobStatus.PENDING);
    assertThat(service.list(null, null, 50).entries())
        .extracting(e -> e.deadLetter().job().id())
        .containsExactly(sync.id());
  }

  @Test
  void refusesWhatIsNotADeadLetterAndAJobWhoseRunIsGone() {
    Job parked = failedRunWithParkedJob("t-a", 1);
    service.requeue(parked.id());
    Job orphan =
        Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-a", clock.instant());
    queue.enqueue(orphan);
    queue.claimDue(clock.instant(), 10, Duration.ofSeconds(30));
    queue.deadLetter(orphan.id(), "sync run does not exist");

    assertThat(service.requeue(parked.id())).isInstanceOf(NotRequeued.class);
    assertThat(service.requeue(UUID.randomUUID())).isInstanceOf(NotRequeued.class);
    assertThat(((NotRequeued) service.requeue(orphan.id())).reason()).contains("no longer exists");
    assertThat(service.find(orphan.id())).hasValueSatisfying(e -> assertThat(e.run()).isEmpty());
  }
}
