package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryIdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncAttemptRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the worker's services report to {@link ChassisMetrics}, and when. */
class WorkerMetricsTest {
  private static final String TENANT = "tenant-1";
  private static final String BUSINESS = "b".repeat(32);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final AtomicLong idSeq = new AtomicLong();
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private final InMemoryUnitOfWork uow = new InMemoryUnitOfWork();
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final List<String> recorded = new CopyOnWriteArrayList<>();
  private final LocalBusinessLease leases = new LocalBusinessLease(clock);

  private final ChassisMetrics metrics =
      new ChassisMetrics() {
        @Override
        public void runEnded(EventType event, SyncRunStatus status, ErrorClass errorClass) {
          recorded.add("run " + event.wire() + " " + status.db() + " " + errorClass);
        }

        @Override
        public void jobEnded(JobKind kind, JobEnd end, Duration sinceEnqueued) {
          recorded.add("job " + kind.db() + " " + end.code() + " " + sinceEnqueued);
        }

        @Override
        public void remoteCall(Remote remote, String operation, String outcome, Duration took) {
          recorded.add(remote.code() + " " + operation + " " + outcome + " " + took);
        }

        @Override
        public void rateGovernorWaited(Duration waited, boolean gaveUp) {
          recorded.add("governor " + waited + " gaveUp=" + gaveUp);
        }

        @Override
        public void businessBusy(BusyBusiness outcome) {
          recorded.add("busy " + outcome.code());
        }
      };

  private AcceptWebhookService accept;
  private SyncJobProcessor processor;

  @BeforeEach
  void setUp() {
    bindings.add(
        new Binding(
            TENANT,
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            BUSINESS,
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets("master-key", "client", "secret"));
    policies.save(TENANT, SyncPolicy.defaults("ledger-4000"));
    accept =
        new AcceptWebhookService(
            bindings,
            policies,
            runs,
            new InMemoryIdempotencyRepository(),
            queue,
            uow,
            () -> {},
            clock,
            this::nextId);
    // no handlers: every run ends skipped (event_not_supported), which is all these tests need
    processor =
        new SyncJobProcessor(
            new ProcessorDependencies(
                bindings,
                policies,
                runs,
                new InMemorySyncAttemptRepository(),
                queue,
                uow,
                () -> {},
                store,
                BackoffLadder.standard(),
                clock,
                this::nextId,
                leases,
                RateGovernor.UNLIMITED,
                Duration.ofMinutes(2),
                WorkerDelays.standard()),
            Map.of(),
            metrics);
  }

  private UUID nextId() {
    return new UUID(0, idSeq.incrementAndGet());
  }

  private void acceptInvoice(long id) {
    accept.accept(
        new AcceptWebhookCommand(
            TENANT, "invoice.created", "invoice.created:" + id, id, 1, 1, clock.instant()));
  }

  private void work() {
    List<Job> jobs;
    while (!(jobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5))).isEmpty()) {
      jobs.forEach(processor::process);
    }
  }

  @Test
  void reportsTheEndedRunAndBothJobsWithTheirTimeSinceEnqueue() {
    acceptInvoice(42);
    clock.advance(Duration.ofSeconds(3));

    work();

    assertThat(recorded)
        .containsExactly(
            "run invoice.created skipped_by_policy null",
            "job sync done PT3S",
            "job push done PT0S");
  }

  @Test
  void reportsAFailedRunWithItsErrorClassAndTheDeadLetteredJob() {
    acceptInvoice(42);
    bindings.remove(TENANT);
    clock.advance(Duration.ofSeconds(1));

    work();

    assertThat(recorded)
        .startsWith("job sync dead_lettered PT1S", "run invoice.created failed NOT_FOUND");
  }

  @Test
  void reportsAJobDeferredBecauseAnotherWorkerHoldsItsBusiness() {
    acceptInvoice(42);
    assertThat(leases.tryAcquire(BUSINESS, Duration.ofMinutes(1))).isPresent();

    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(processor::process);

    assertThat(recorded).containsExactly("busy deferred");
  }

  @Test
  void reportsHowLongTheRateGovernorMadeASageCallWait() {
    Deque<Duration> answers =
        new ArrayDeque<>(List.of(Duration.ofMillis(3), Duration.ofMillis(2), Duration.ZERO));
    BusinessGate gate =
        new BusinessGate(
            leases,
            business -> answers.poll(),
            queue,
            clock,
            Duration.ofMinutes(2),
            WorkerDelays.standard(),
            metrics);

    gate.beforeSageCall(BUSINESS);

    assertThat(recorded).containsExactly("governor PT0.005S gaveUp=false");
  }

  @Test
  void timesGatewayCallsByOperationAndOutcomeAndLeavesTheAnswersAlone() {
    long[] nanos = {0};
    StoreGateway timed =
        TimedGateways.store(
            store,
            metrics,
            () -> {
              nanos[0] += 7_000_000;
              return nanos[0];
            });
    StoreEndpoint endpoint = new StoreEndpoint(TENANT, "http://store.test", "master-key");
    GatewayException refused =
        new PermanentGatewayException(
            "magento", "fetch_invoice", 404, null, ErrorClass.NOT_FOUND, "no such", null, null);
    store.fetchFailures.add(refused);

    assertThatThrownBy(() -> timed.fetchInvoice(endpoint, 42)).isSameAs(refused);
    StoreGateway.PairingAnswer answer =
        timed.pair(
            "http://store.test",
            new StoreGateway.PairingRequest("code", TENANT, "key", "http://ledger.test"));

    assertThat(answer).isInstanceOf(StoreGateway.Paired.class);
    assertThat(recorded)
        .containsExactly("store fetch_invoice not_found PT0.007S", "store pair ok PT0.007S");
    assertThat(TimedGateways.snakeCase("createSalesInvoice")).isEqualTo("create_sales_invoice");
  }

  @Test
  void leavesTheGatewayAsItIsWithoutMetrics() {
    assertThat(TimedGateways.store(store, ChassisMetrics.NONE, System::nanoTime)).isSameAs(store);
  }
}
