package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import io.ledgerbridge.ports.sync.ContactResolver;
import io.ledgerbridge.ports.sync.InvoiceCreatedHandler;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.InMemoryIdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncAttemptRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncJobProcessorTest {
  private static final String TENANT = "tenant-1";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final AtomicLong idSeq = new AtomicLong();
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final InMemorySyncAttemptRepository attempts = new InMemorySyncAttemptRepository();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final InMemoryIdempotencyRepository idempotency = new InMemoryIdempotencyRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private final InMemoryUnitOfWork uow = new InMemoryUnitOfWork();
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final BackoffLadder ladder =
      new BackoffLadder(List.of(Duration.ofSeconds(2), Duration.ofSeconds(10)), 3);
  private int wakes;
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
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets("master-key", "client", "secret"));
    policies.save(TENANT, SyncPolicy.defaults("ledger-4000"));
    accept =
        new AcceptWebhookService(
            bindings, policies, runs, idempotency, queue, uow, () -> wakes++, clock, this::nextId);
    processor = processor(dependencies(uow, store), store);
  }

  /** The processor's dependencies on this test's fakes, with {@code unitOfWork} and the store. */
  private ProcessorDependencies dependencies(UnitOfWork unitOfWork, StoreGateway storeGateway) {
    return new ProcessorDependencies(
        bindings,
        policies,
        runs,
        attempts,
        queue,
        unitOfWork,
        () -> wakes++,
        storeGateway,
        ladder,
        clock,
        this::nextId);
  }

  /**
   * The processor as the composition root builds it: the invoice handler on {@code storeGateway}.
   */
  private SyncJobProcessor processor(ProcessorDependencies d, StoreGateway storeGateway) {
    return new SyncJobProcessor(
        d,
        Map.of(
            EventType.INVOICE_CREATED,
            new InvoiceCreatedHandler(
                storeGateway, sage, xrefs, new ContactResolver(sage, xrefs, clock), clock)));
  }

  /** The processor with {@code storeGateway}, real {@code leases} of {@code leaseTtl}. */
  private SyncJobProcessor processor(
      StoreGateway storeGateway,
      io.ledgerbridge.ports.out.BusinessLease leases,
      Duration leaseTtl) {
    return processor(
        new ProcessorDependencies(
            bindings,
            policies,
            runs,
            attempts,
            queue,
            uow,
            () -> wakes++,
            storeGateway,
            ladder,
            clock,
            this::nextId,
            leases,
            io.ledgerbridge.ports.out.RateGovernor.UNLIMITED,
            leaseTtl,
            WorkerDelays.standard()),
        storeGateway);
  }

  private UUID nextId() {
    return new UUID(0, idSeq.incrementAndGet());
  }

  private UUID acceptInvoice(long id) {
    Accepted a =
        (Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "invoice.created", "invoice.created:" + id, id, 1, 1, clock.instant()));
    return a.syncRunId();
  }

  @org.junit.jupiter.api.Test
  void theStoreCannotSendTheChassisOwnReconciliationEvents() {
    for (String name : List.of("customer.reconciled", "product.reconciled")) {
      assertThat(
              accept.accept(
                  new AcceptWebhookCommand(TENANT, name, name + ":5", 5, 1, 1, clock.instant())))
          .isInstanceOf(io.ledgerbridge.ports.in.AcceptWebhookUseCase.UnknownEvent.class);
    }
    assertThat(queue.all()).isEmpty();
  }

  /** Claims and processes everything due now, repeatedly, like a worker would. */
  private void drain() {
    for (int i = 0; i < 20; i++) {
      List<Job> jobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(processor::process);
    }
  }

  private SyncRun run(UUID id) {
    return runs.find(id).orElseThrow();
  }

  @Test
  void withTheWriterOnEndedRunsAreWrittenByTheTimeItStopsAndAfterwardsAtOnce() {
    for (long id = 42; id <= 44; id++) {
      store.invoices.put(id, Invoices.domestic(id, 5, "GBP", "120.00"));
    }
    UUID first = acceptInvoice(42);
    UUID second = acceptInvoice(43);

    processor.writeEndsTogether(8);
    List<Job> jobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
    jobs.forEach(processor::process);
    processor.stopWritingEndsTogether(); // writes what the writer still holds

    assertThat(run(first).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(attempts.forRun(first)).extracting(a -> a.outcome()).containsExactly("ok");
    drain(); // the push jobs the writer wrote with the ends
    assertThat(store.pushes).hasSize(2);
    assertThat(queue.all()).allMatch(j -> j.status() == JobStatus.SUCCEEDED);

    // stopped: a run is written as it ends again
    UUID third = acceptInvoice(44);
    processor.process(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).get(0));
    assertThat(run(third).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
  }

  @Test
  void theWriterTriesABatchAgainAfterATransientFailureWithoutWritingAnyRunTwice() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    store.invoices.put(43L, Invoices.domestic(43, 5, "GBP", "120.00"));
    UUID first = acceptInvoice(42);
    UUID second = acceptInvoice(43);
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    UnitOfWork flaky =
        new UnitOfWork() {
          @Override
          public <T> T inTransaction(java.util.function.Supplier<T> work) {
            // the writer's first two transactions find the database unreachable
            if (Thread.currentThread().getName().equals("ledgerbridge-ended-runs")
                && refused.getAndIncrement() < 2) {
              throw new io.ledgerbridge.core.failure.TransientGatewayException(
                  "database",
                  "run_ended.write",
                  0,
                  null,
                  io.ledgerbridge.core.failure.ErrorClass.PROVIDER,
                  "connection refused",
                  null,
                  null);
            }
            return uow.inTransaction(work);
          }

          @Override
          public void afterCommit(Runnable callback) {
            uow.afterCommit(callback);
          }
        };
    SyncJobProcessor writing = processor(dependencies(flaky, store), store);

    writing.writeEndsTogether(8);
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(writing::process);
    writing.stopWritingEndsTogether();

    assertThat(refused.get()).isGreaterThanOrEqualTo(3); // two refused, then written
    assertThat(run(first).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(attempts.forRun(first)).hasSize(1);
    assertThat(attempts.forRun(second)).hasSize(1);
    assertThat(queue.all()).filteredOn(j -> j.kind() == JobKind.PUSH).hasSize(2);
  }

  @Test
  void postsInvoiceAndPushesSyncedWithSageReference() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);

    drain();

    SyncRun run = run(runId);
    assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run.sageReference()).isEqualTo("SI-1");
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(sage.createdContacts).extracting(c -> c.reference()).containsExactly("M5G");
    assertThat(store.pushes).hasSize(1);
    EntitySyncState push = store.pushes.get(0);
    assertThat(push.entityType()).isEqualTo(StoreEntityType.INVOICE);
    assertThat(push.storeEntityId()).isEqualTo(42);
    assertThat(push.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(push.sageId()).isEqualTo(run.sageEntityId());
    assertThat(push.sageReference()).isEqualTo("SI-1");
    assertThat(queue.all()).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
    assertThat(attempts.forRun(runId)).extracting(a -> a.outcome()).containsExactly("ok");
  }

  @Test
  void duplicateDeliveryReturnsSameRunAndPostsOnce() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID first = acceptInvoice(42);
    UUID second = acceptInvoice(42);
    drain();
    assertThat(second).isEqualTo(first);
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(store.pushes).hasSize(1);
  }

  @Test
  void aKeyReusedWeeksLaterWithANewOccurredAtIsANewRunAndStillOneSageInvoice() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID first = acceptInvoice(42);
    drain();
    clock.advance(Duration.ofDays(35)); // the store garbage-collected its outbox row meanwhile
    Accepted again =
        (Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "invoice.created", "invoice.created:42", 42, 1, 1, clock.instant()));
    Accepted resent =
        (Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "invoice.created", "invoice.created:42", 42, 1, 1, clock.instant()));
    drain();

    assertThat(again.syncRunId()).isNotEqualTo(first);
    assertThat(again.duplicate()).isFalse();
    assertThat(resent.syncRunId()).isEqualTo(again.syncRunId());
    assertThat(resent.duplicate()).isTrue();
    assertThat(run(again.syncRunId()).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdInvoices).hasSize(1);
  }

  @Test
  void reusesContactThroughXrefForTheSameCustomerAndCurrency() {
    store.invoices.put(1L, Invoices.domestic(1, 5, "GBP", "12.00"));
    store.invoices.put(2L, Invoices.domestic(2, 5, "GBP", "24.00"));
    acceptInvoice(1);
    acceptInvoice(2);
    drain();
    assertThat(sage.createdContacts).hasSize(1);
    assertThat(sage.createdInvoices).hasSize(2);
    assertThat(sage.createdInvoices)
        .extracting(d -> d.contactId())
        .containsOnly(sage.contactsByReference.get("M5G").id());
  }

  @Test
  void skipsByPolicyAndPushesSkippedWithReason() {
    policies.save(
        TENANT,
        SyncPolicy.of(
            true,
            false,
            null,
            null,
            null,
            "GB_STANDARD",
            "ledger-4000",
            null,
            null,
            null,
            null,
            null));
    store.invoices.put(7L, Invoices.domestic(7, 5, "GBP", "0.00"));
    UUID runId = acceptInvoice(7);
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(run(runId).skipReason()).isEqualTo("zero_value_invoice");
    assertThat(sage.createdInvoices).isEmpty();
    assertThat(store.pushes)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo(EntitySyncState.Status.SKIPPED);
              assertThat(p.skipReason()).isEqualTo(SkipReason.ZERO_VALUE_INVOICE);
              assertThat(p.errorClass()).isNull();
            });
  }

  @Test
  void retriesTransientSageFailureWithTheSameIdempotencyId() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailures.add(transientSage(503));
    UUID runId = acceptInvoice(42);

    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.RETRY_SCHEDULED);
    assertThat(store.pushes).isEmpty();

    clock.advance(Duration.ofSeconds(2));
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.invoiceIdempotencyIds)
        .hasSize(2)
        .containsOnly(sage.invoiceIdempotencyIds.get(0));
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(attempts.forRun(runId))
        .extracting(a -> a.outcome())
        .containsExactly("transient", "ok");
  }

  @Test
  void retryAfterSageCommittedButAnsweredFiveHundredCreatesNoDuplicate() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailuresAfterCommit.add(transientSage(500));
    UUID runId = acceptInvoice(42);
    drain();
    clock.advance(Duration.ofSeconds(2));
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(run(runId).sageReference()).isEqualTo("SI-1");
  }

  @Test
  void deadLettersAfterTheLastRungAndPushesFailed() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    for (int i = 0; i < 3; i++) {
      sage.invoiceFailures.add(transientSage(503));
    }
    UUID runId = acceptInvoice(42);
    for (int i = 0; i < 3; i++) {
      drain();
      clock.advance(Duration.ofSeconds(10));
    }
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run(runId).errorCode()).isEqualTo("provider");
    assertThat(queue.deadLetters(10)).extracting(Job::kind).containsExactly(JobKind.SYNC);
    assertThat(store.pushes)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo(EntitySyncState.Status.FAILED);
              assertThat(p.errorClass()).isEqualTo(ErrorClass.PROVIDER);
              assertThat(p.sageId()).isNull();
            });
  }

  @Test
  void failsAtOnceOnValidationErrorKeepingTheEnvelope() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    String envelope =
        "[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\",\"$message\":\"bad\",\"$source\":\"x\"}]";
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage",
            "create_sales_invoice",
            422,
            "req-1",
            ErrorClass.VALIDATION,
            "Sage rejected sales_invoice: RecordInvalid: bad",
            envelope,
            null));
    UUID runId = acceptInvoice(42);
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run(runId).errorCode()).isEqualTo("validation");
    assertThat(attempts.forRun(runId))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.responseBody()).isEqualTo(envelope);
              assertThat(a.httpStatus()).isEqualTo(422);
              assertThat(a.requestBody()).contains("sales_invoice");
            });
    assertThat(store.pushes)
        .extracting(EntitySyncState::errorClass)
        .containsExactly(ErrorClass.VALIDATION);
  }

  @Test
  void aRemoteErrorEchoingTheBindingsSecretsIsStoredAndShownWithoutThemInAnyEncoding() {
    String apiKey = "mk/+=\"store-api-key-é";
    String clientSecret = "cs/+=\"sage-client-secret";
    bindings.add(
        new Binding(
            "t-echo",
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "c".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets(apiKey, "client", clientSecret));
    policies.save("t-echo", SyncPolicy.defaults("ledger-4000"));
    store.invoices.put(43L, Invoices.domestic(43, 5, "GBP", "120.00"));
    StringBuilder echo = new StringBuilder();
    for (String secret : List.of(apiKey, clientSecret)) {
      echo.append(" raw=")
          .append(secret)
          .append(" form=")
          .append(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8))
          .append(" json=")
          .append(secret.replace("\"", "\\\"").replace("/", "\\/").replace("é", "\\u00e9"));
    }
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage",
            "create_sales_invoice",
            400,
            null,
            ErrorClass.VALIDATION,
            "Sage said:" + echo,
            "<html>" + echo + "</html>",
            null));
    UUID runId =
        ((Accepted)
                accept.accept(
                    new AcceptWebhookCommand(
                        "t-echo",
                        "invoice.created",
                        "invoice.created:43",
                        43,
                        1,
                        1,
                        clock.instant())))
            .syncRunId();

    drain();

    var shown =
        new QuerySyncRunsService(runs, attempts, new BindingSecretScrubbers(bindings, null));
    List<String> everything = new java.util.ArrayList<>();
    everything.add(run(runId).errorMessage());
    everything.add(shown.find(runId).orElseThrow().errorMessage());
    for (var a : attempts.forRun(runId)) {
      everything.add(a.message());
      everything.add(a.responseBody());
    }
    queue.all().forEach(j -> everything.add(j.lastError()));
    assertThat(String.join("\n", java.util.Objects.toString(everything)))
        .contains("raw=[redacted] form=[redacted] json=[redacted]")
        .doesNotContain("store-api-key")
        .doesNotContain("sage-client-secret");
  }

  @Test
  void theReadSideScrubsARowStoredBeforeScrubbingExisted() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);
    attempts.record(
        new io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt(
            runId,
            1,
            clock.instant(),
            clock.instant(),
            "permanent",
            "auth",
            400,
            "echo master-key",
            "form api_key=master-key",
            "{\"echo\":\"master-key\"}"));

    var shown =
        new QuerySyncRunsService(runs, attempts, new BindingSecretScrubbers(bindings, null));

    assertThat(shown.attempts(runId))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.message()).isEqualTo("echo [redacted]");
              assertThat(a.requestBody()).isEqualTo("form api_key=[redacted]");
              assertThat(a.responseBody()).isEqualTo("{\"echo\":\"[redacted]\"}");
            });
  }

  @Test
  void retriesStoreOutageThenSucceeds() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    store.fetchFailures.add(
        new TransientGatewayException(
            "magento", "fetch_invoice", 0, null, ErrorClass.HTTP, "connect refused", null, null));
    UUID runId = acceptInvoice(42);
    drain();
    clock.advance(Duration.ofSeconds(2));
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(store.fetches).isEqualTo(2);
  }

  @Test
  void retriesStatusPushUntilTheStoreAnswers() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    store.pushFailures.add(
        new TransientGatewayException(
            "magento", "push_sync_state", 503, null, ErrorClass.PROVIDER, "busy", null, null));
    acceptInvoice(42);
    drain();
    assertThat(store.pushes).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    drain();
    assertThat(store.pushes).hasSize(1);
  }

  @Test
  void aGroupOfPushJobsIsPushedInOrderAndCompletedTogetherAndAFailedOneRetriesAlone() {
    for (long id = 1; id <= 3; id++) {
      store.invoices.put(id, Invoices.domestic(id, 5, "GBP", "12.00"));
      acceptInvoice(id);
    }
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(processor::process);
    List<Job> pushJobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
    assertThat(pushJobs).hasSize(3).allMatch(j -> j.kind() == JobKind.PUSH);
    store.pushFailures.add(
        new TransientGatewayException(
            "magento", "push_sync_state", 503, null, ErrorClass.PROVIDER, "busy", null, null));

    int lookUps = runs.lookUps();
    processor.processAll(pushJobs);

    // the group's runs are read in one look-up
    assertThat(runs.lookUps() - lookUps).isEqualTo(1);
    assertThat(store.pushes).extracting(EntitySyncState::storeEntityId).hasSize(2);
    List<Job> after = queue.all().stream().filter(j -> j.kind() == JobKind.PUSH).toList();
    assertThat(after).filteredOn(j -> j.status() == JobStatus.SUCCEEDED).hasSize(2);
    assertThat(after)
        .filteredOn(j -> j.status() == JobStatus.PENDING)
        .singleElement()
        .satisfies(j -> assertThat(j.attempts()).isEqualTo(1));
    clock.advance(Duration.ofSeconds(2));
    drain();
    assertThat(store.pushes).hasSize(3);
    assertThat(queue.all()).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
  }

  @Test
  void whenTheGroupsReadOfItsRunsFailsEachPushReadsItsOwnRun() {
    for (long id = 1; id <= 2; id++) {
      store.invoices.put(id, Invoices.domestic(id, 5, "GBP", "12.00"));
      acceptInvoice(id);
    }
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(processor::process);
    List<Job> pushJobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
    assertThat(pushJobs).hasSize(2).allMatch(j -> j.kind() == JobKind.PUSH);
    // the runs as the processor sees them: the group's read fails, everything else is the fake's
    SyncRunRepository groupReadFails =
        (SyncRunRepository)
            Proxy.newProxyInstance(
                SyncRunRepository.class.getClassLoader(),
                new Class<?>[] {SyncRunRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("findAll")) {
                    throw new IllegalStateException("database gone for a moment");
                  }
                  try {
                    return method.invoke(runs, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    SyncJobProcessor pushing =
        processor(
            new ProcessorDependencies(
                bindings,
                policies,
                groupReadFails,
                attempts,
                queue,
                uow,
                () -> wakes++,
                store,
                ladder,
                clock,
                this::nextId),
            store);
    int lookUps = runs.lookUps();

    pushing.processAll(pushJobs);

    assertThat(runs.lookUps() - lookUps).isEqualTo(2); // one find per push instead
    assertThat(store.pushes).extracting(EntitySyncState::storeEntityId).containsExactly(1L, 2L);
    assertThat(queue.all()).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
  }

  @Test
  void skipsEventsThisVersionDoesNotSyncWithoutCallingTheStore() {
    Accepted a =
        (Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "customer.upserted", "customer.upserted:7", 7, 1, 0, clock.instant()));
    drain();
    assertThat(run(a.syncRunId()).skipReason()).isEqualTo("event_not_supported");
    assertThat(store.fetches).isZero();
    assertThat(store.pushes)
        .extracting(EntitySyncState::entityType)
        .containsExactly(StoreEntityType.CUSTOMER);
  }

  private UUID acceptPaid(long id) {
    Accepted a =
        (Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "invoice.paid", "invoice.paid:" + id, id, 1, 1, clock.instant()));
    return a.syncRunId();
  }

  @Test
  void aSkippedLaterEventPushesTheInvoicesCombinedStateNotItsOwnSkip() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID created = acceptInvoice(42);
    drain();
    clock.advance(Duration.ofSeconds(5));
    acceptPaid(42); // not synced by this version: it ends skipped
    drain();

    assertThat(store.pushes).hasSize(2);
    EntitySyncState last = store.pushes.get(1);
    assertThat(last.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(last.sageId()).isEqualTo(run(created).sageEntityId());
    assertThat(last.sageReference()).isEqualTo("SI-1");
    assertThat(last.skipReason()).isNull();
  }

  @Test
  void aSkippedLaterEventNeverReplacesAFailure() {
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage", "create_sales_invoice", 401, null, ErrorClass.AUTH, "revoked", null, null));
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    acceptInvoice(42);
    drain();
    clock.advance(Duration.ofSeconds(5));
    acceptPaid(42);
    drain();

    assertThat(store.pushes)
        .extracting(EntitySyncState::status, EntitySyncState::errorClass)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntitySyncState.Status.FAILED, ErrorClass.AUTH),
            org.assertj.core.groups.Tuple.tuple(EntitySyncState.Status.FAILED, ErrorClass.AUTH));
  }

  @Test
  void twoPushesOfOneInvoiceRacingNeverLeaveTheOlderStateInTheStore() throws Exception {
    java.util.concurrent.CountDownLatch firstPushEntered =
        new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch releaseFirstPush =
        new java.util.concurrent.CountDownLatch(1);
    FakeStoreGateway slowStore =
        new FakeStoreGateway() {
          @Override
          public void pushSyncState(StoreEndpoint s, EntitySyncState state) {
            if (firstPushEntered.getCount() == 1) {
              firstPushEntered.countDown();
              try {
                releaseFirstPush.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            super.pushSyncState(s, state);
          }
        };
    slowStore.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage", "create_sales_invoice", 422, null, ErrorClass.VALIDATION, "bad", "[]", null));
    SyncJobProcessor p =
        processor(slowStore, new LocalBusinessLease(clock), Duration.ofSeconds(30));
    RetrySyncRunService retry =
        new RetrySyncRunService(runs, queue, uow, () -> wakes++, clock, this::nextId);
    // the invoice fails; the push of that failure reads its state, then is held in the store call
    UUID runId = acceptInvoice(42);
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(p::process);
    List<Job> firstPush = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
    Thread pusher = new Thread(() -> firstPush.forEach(p::process), "first-push");
    pusher.start();
    assertThat(firstPushEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // meanwhile an operator retries the run, it succeeds, and its push comes
    clock.advance(Duration.ofSeconds(1));
    retry.retry(runId);
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(p::process);
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(p::process);

    releaseFirstPush.countDown();
    pusher.join(10_000);
    clock.advance(Duration.ofSeconds(1));
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).forEach(p::process);

    // the second push waited for the first and read the state afresh: synced is the last word
    assertThat(slowStore.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.FAILED, EntitySyncState.Status.SYNCED);
    assertThat(slowStore.pushes.get(1).sageReference()).isEqualTo("SI-1");
    assertThat(queue.all())
        .filteredOn(j -> j.kind() == JobKind.PUSH)
        .hasSize(2)
        .allMatch(j -> j.status() == JobStatus.SUCCEEDED);
  }

  @Test
  void aPausedBindingAcceptsAndHoldsEventsWithoutCountingFailuresUntilResumed() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    bindings.changeStatus(TENANT, BindingStatus.PAUSED);
    UUID runId = acceptInvoice(42);

    for (int i = 0; i < 5; i++) {
      drain();
      clock.advance(WorkerDelays.standard().heldRecheck());
    }

    SyncRun held = run(runId);
    assertThat(held.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(held.errorMessage()).contains("binding paused");
    assertThat(held.attempts()).isZero();
    assertThat(store.fetches).isZero();
    assertThat(sage.createdInvoices).isEmpty();
    assertThat(store.pushes).isEmpty();
    assertThat(queue.all()).singleElement().satisfies(j -> assertThat(j.attempts()).isZero());

    bindings.changeStatus(TENANT, BindingStatus.ACTIVE);
    clock.advance(WorkerDelays.standard().heldRecheck());
    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(store.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.SYNCED);
  }

  @Test
  void aDisconnectedBindingHoldsItsEventsToo() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    bindings.changeStatus(TENANT, BindingStatus.DISCONNECTED);
    UUID runId = acceptInvoice(42);
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(run(runId).errorMessage()).contains("binding disconnected");
    assertThat(sage.createdInvoices).isEmpty();
  }

  private static ConnectionRevokedException revokedToken() {
    return new ConnectionRevokedException(
        "sage",
        "refresh_token",
        400,
        "req-9",
        "Sage refused the refresh token (invalid_grant)",
        "{\"error\":\"invalid_grant\"}");
  }

  @Test
  void aRevokedSageTokenMakesTheRunWaitAndTheBindingTokenRevokedInsteadOfFailing() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailures.add(revokedToken());
    UUID runId = acceptInvoice(42);

    drain();

    SyncRun waiting = run(runId);
    assertThat(waiting.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(waiting.errorMessage())
        .startsWith("binding token_revoked: ")
        .contains("invalid_grant");
    assertThat(waiting.attempts()).isZero();
    assertThat(bindings.find(TENANT).orElseThrow().status()).isEqualTo(BindingStatus.TOKEN_REVOKED);
    // the store is not told of a failure: nothing failed, the run waits
    assertThat(store.pushes).isEmpty();
    assertThat(queue.deadLetters(10)).isEmpty();
    assertThat(queue.all())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.status()).isEqualTo(JobStatus.PENDING);
              assertThat(j.attempts()).isZero();
              assertThat(j.nextAttemptAt())
                  .isEqualTo(clock.instant().plus(WorkerDelays.standard().heldRecheck()));
            });
    assertThat(attempts.forRun(runId))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("waiting");
              assertThat(a.errorCode()).isEqualTo("auth");
              assertThat(a.httpStatus()).isEqualTo(400);
              assertThat(a.responseBody()).contains("invalid_grant");
            });
  }

  @Test
  void aRunWaitingForAReconnectIsHeldWithoutCallingSageThenCompletesOnceReconnected() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    store.invoices.put(43L, Invoices.domestic(43, 5, "GBP", "80.00"));
    sage.invoiceFailures.add(revokedToken());
    UUID first = acceptInvoice(42);
    drain();
    // an event accepted while the binding is token_revoked waits with it
    UUID second = acceptInvoice(43);

    for (int i = 0; i < 4; i++) {
      clock.advance(WorkerDelays.standard().heldRecheck());
      drain();
    }

    assertThat(sage.invoiceIdempotencyIds).hasSize(1);
    assertThat(run(first).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(run(second).errorMessage()).contains("binding token_revoked");
    assertThat(run(first).attempts()).isZero();
    assertThat(store.pushes).isEmpty();

    // the merchant connected Sage again
    bindings.changeStatus(TENANT, BindingStatus.ACTIVE);
    clock.advance(WorkerDelays.standard().heldRecheck());
    drain();

    assertThat(run(first).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(first).attempts()).isEqualTo(1);
    assertThat(sage.createdInvoices).hasSize(2);
    // the retried post kept its idempotency id
    assertThat(sage.invoiceIdempotencyIds.get(1)).isEqualTo(sage.invoiceIdempotencyIds.get(0));
    assertThat(store.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.SYNCED, EntitySyncState.Status.SYNCED);
    assertThat(attempts.forRun(first))
        .extracting(a -> a.outcome())
        .containsExactly("waiting", "ok");
  }

  @Test
  void aHeldRunWhoseBindingChangesStatusKeepsWaitingWithTheNewReason() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    bindings.changeStatus(TENANT, BindingStatus.PAUSED);
    UUID runId = acceptInvoice(42);
    drain();
    assertThat(run(runId).errorMessage()).contains("binding paused");

    bindings.changeStatus(TENANT, BindingStatus.DISCONNECTED);
    clock.advance(WorkerDelays.standard().heldRecheck());
    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(run(runId).errorMessage()).contains("binding disconnected");
    assertThat(attempts.forRun(runId)).isEmpty();
    assertThat(queue.all())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.status()).isEqualTo(JobStatus.PENDING);
              assertThat(j.attempts()).isZero();
            });
  }

  @Test
  void aRevocationSeenByARunOfABindingPausedMeanwhileLeavesThePauseInPlace() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);
    // the operator pauses the binding while the worker is already posting
    StoreGateway pausingStore =
        new FakeStoreGateway() {
          {
            invoices.putAll(store.invoices);
          }

          @Override
          public io.ledgerbridge.core.canonical.CanonicalInvoice fetchInvoice(
              StoreEndpoint s, long id) {
            bindings.changeStatus(TENANT, BindingStatus.PAUSED);
            sage.invoiceFailures.add(revokedToken());
            return super.fetchInvoice(s, id);
          }
        };
    processor = processor(dependencies(uow, pausingStore), pausingStore);

    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(bindings.find(TENANT).orElseThrow().status()).isEqualTo(BindingStatus.PAUSED);
  }

  @Test
  void anAuthFailureThatIsNotARevocationStillFailsTheRun() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage", "create_sales_invoice", 403, null, ErrorClass.AUTH, "forbidden", null, null));
    UUID runId = acceptInvoice(42);

    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(bindings.find(TENANT).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(store.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.FAILED);
  }

  @Test
  void refusesAHandlerRegisteredForAnotherEvent() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new SyncJobProcessor(
                    dependencies(uow, store),
                    Map.of(
                        EventType.INVOICE_PAID,
                        new InvoiceCreatedHandler(
                            store, sage, xrefs, new ContactResolver(sage, xrefs, clock), clock))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INVOICE_CREATED");
  }

  @Test
  void failsPermanentlyWhenTheBindingHasNoPolicyAtAll() {
    bindings.add(
        new Binding(
            "no-policy",
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "c".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets("master-key", "client", "secret"));
    SyncRun accepted =
        SyncRun.accepted(
            nextId(),
            "no-policy",
            io.ledgerbridge.core.syncrun.EventType.INVOICE_CREATED,
            9,
            "invoice.created:9",
            0,
            clock.instant());
    runs.insert(accepted);
    queue.enqueue(Job.newJob(nextId(), JobKind.SYNC, accepted.id(), "no-policy", clock.instant()));

    drain();

    assertThat(run(accepted.id()).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run(accepted.id()).errorCode()).isEqualTo("validation");
    assertThat(attempts.forRun(accepted.id()))
        .extracting(a -> a.outcome() + " " + a.message())
        .containsExactly(
            "permanent validation (chassis load_policy): binding no-policy has no sync policy");
    assertThat(store.fetches).isZero();
  }

  @Test
  void resumesARunWhoseWorkerDiedAndRecordsTheLostAttempt() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);
    // a worker claimed the job, marked the run running and died
    List<Job> claimed = queue.claimDue(clock.instant(), 1, Duration.ofSeconds(30));
    runs.transition(run(runId).start(clock.instant()));
    clock.advance(Duration.ofSeconds(31));

    drain();

    assertThat(claimed).hasSize(1);
    SyncRun run = run(runId);
    assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(sage.createdInvoices).hasSize(1);
  }

  @Test
  void neverPostsASecondInvoiceWhenTheXrefExists() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    acceptInvoice(42);
    drain();
    // weeks later the store legitimately re-sends the event under a new key
    accept.accept(
        new AcceptWebhookCommand(
            TENANT, "invoice.created", "invoice.created:42:again", 42, 1, 1, clock.instant()));
    drain();
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(store.pushes).hasSize(2).allMatch(p -> "SI-1".equals(p.sageReference()));
  }

  @Test
  void defersWithoutCountingAFailureWhileAnotherWorkerHoldsTheBusiness() {
    LocalBusinessLease leases = new LocalBusinessLease(clock);
    SyncJobProcessor withLease = processor(store, leases, Duration.ofSeconds(30));
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);
    var held = leases.tryAcquire("b".repeat(32), Duration.ofSeconds(30)).orElseThrow();

    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(withLease::process);

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(sage.createdInvoices).isEmpty();
    leases.release(held);
    clock.advance(Duration.ofMillis(200));
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(withLease::process);
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(runId).attempts()).isEqualTo(1);
  }

  /** A processor with real leases whose store blocks on the first fetch of invoice 42. */
  private final class Blocking {
    final LocalBusinessLease leases = new LocalBusinessLease(clock);
    final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final SyncJobProcessor processor =
        processor(
            new FakeStoreGateway() {
              @Override
              public io.ledgerbridge.core.canonical.CanonicalInvoice fetchInvoice(
                  StoreEndpoint s, long id) {
                if (id == 42 && entered.getCount() == 1) {
                  entered.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                }
                return Invoices.domestic(id, 5, "GBP", "120.00");
              }
            },
            leases,
            Duration.ofSeconds(30));

    /** Starts invoice 42's job on another thread and returns once it is inside the store fetch. */
    Thread holdBusiness() throws InterruptedException {
      List<Job> first = queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5));
      Thread holder = new Thread(() -> first.forEach(processor::process), "holder");
      holder.start();
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      return holder;
    }
  }

  @Test
  void handsAJobOfABusyBusinessToTheWorkerHoldingItInsteadOfDeferringIt() throws Exception {
    Blocking b = new Blocking();
    UUID first = acceptInvoice(42);
    UUID second = acceptInvoice(43);
    Thread holder = b.holdBusiness();

    // a second worker claims invoice 43's job while 42's holds the business: it is parked, not
    // deferred, so it stays claimed (a deferred job would be due again after 200 ms)
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(b.processor::process);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.QUEUED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5))).isEmpty();

    b.release.countDown();
    holder.join(10_000);

    assertThat(run(first).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).attempts()).isEqualTo(1);
    assertThat(sage.createdInvoices).hasSize(2);
    assertThat(queue.all())
        .filteredOn(j -> j.kind() == JobKind.SYNC)
        .allMatch(j -> j.status() == JobStatus.SUCCEEDED && j.attempts() == 0);
    // the business is free again: a later job takes the lease itself
    assertThat(b.leases.tryAcquire("b".repeat(32), Duration.ofSeconds(1))).isPresent();
  }

  @Test
  void givesAParkedJobBackWhenItWaitedTooLong() throws Exception {
    Blocking b = new Blocking();
    acceptInvoice(42);
    UUID second = acceptInvoice(43);
    Thread holder = b.holdBusiness();
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(b.processor::process);

    clock.advance(WorkerDelays.standard().maxParked().plusSeconds(1));
    b.release.countDown();
    holder.join(10_000);

    // handed back due now, not run by the holder, and no failure counted
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.QUEUED);
    Job back =
        queue.all().stream().filter(j -> j.syncRunId().equals(second)).findFirst().orElseThrow();
    assertThat(back.attempts()).isZero();
    assertThat(back.nextAttemptAt()).isBeforeOrEqualTo(clock.instant());
    queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)).stream()
        .filter(j -> j.syncRunId().equals(second))
        .forEach(b.processor::process);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
  }

  @Test
  void givesParkedJobsBackOnShutdown() throws Exception {
    Blocking b = new Blocking();
    UUID first = acceptInvoice(42);
    UUID second = acceptInvoice(43);
    Thread holder = b.holdBusiness();
    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(b.processor::process);

    b.processor.stopHandoffs();
    b.release.countDown();
    holder.join(10_000);

    assertThat(run(first).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(second).status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5)))
        .extracting(Job::syncRunId)
        .contains(second);
  }

  @Test
  void renewsTheLeaseOnlyOnceAQuarterOfItsTtlHasPassed() {
    LocalBusinessLease local = new LocalBusinessLease(clock);
    java.util.concurrent.atomic.AtomicInteger renewals =
        new java.util.concurrent.atomic.AtomicInteger();
    io.ledgerbridge.ports.out.BusinessLease counting =
        new io.ledgerbridge.ports.out.BusinessLease() {
          @Override
          public java.util.Optional<Lease> tryAcquire(String businessId, Duration ttl) {
            return local.tryAcquire(businessId, ttl);
          }

          @Override
          public boolean renew(Lease lease, Duration ttl) {
            renewals.incrementAndGet();
            return local.renew(lease, ttl);
          }

          @Override
          public boolean release(Lease lease) {
            return local.release(lease);
          }
        };
    // the store fetch takes 8 s, past a quarter of the 30 s TTL: the first Sage call renews, the
    // next two (within 7.5 s of that renewal) do not
    FakeStoreGateway slowStore =
        new FakeStoreGateway() {
          @Override
          public io.ledgerbridge.core.canonical.CanonicalInvoice fetchInvoice(
              StoreEndpoint s, long id) {
            clock.advance(Duration.ofSeconds(8));
            return Invoices.domestic(id, 5, "GBP", "120.00");
          }
        };
    SyncJobProcessor p = processor(slowStore, counting, Duration.ofSeconds(30));
    UUID runId = acceptInvoice(42);

    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(p::process);

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdContacts).hasSize(1); // three Sage calls: look-up, contact, invoice
    assertThat(renewals).hasValue(1);
  }

  @Test
  void stopsBeforePostingWhenTheBusinessLeaseWasLostDuringTheJob() {
    LocalBusinessLease leases = new LocalBusinessLease(clock);
    // the store fetch takes longer than the lease: another worker takes the business meanwhile
    SyncJobProcessor slow =
        processor(
            new FakeStoreGateway() {
              @Override
              public io.ledgerbridge.core.canonical.CanonicalInvoice fetchInvoice(
                  StoreEndpoint s, long id) {
                clock.advance(Duration.ofSeconds(31));
                leases.tryAcquire("b".repeat(32), Duration.ofSeconds(30));
                return Invoices.domestic(42, 5, "GBP", "120.00");
              }
            },
            leases,
            Duration.ofSeconds(30));
    UUID runId = acceptInvoice(42);

    queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).forEach(slow::process);

    assertThat(sage.createdInvoices).isEmpty();
    assertThat(sage.createdContacts).isEmpty();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.RETRY_SCHEDULED);
  }

  @Test
  void poisonJobEndsTheRunFailedAndTellsTheStore() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    UUID runId = acceptInvoice(42);
    Job job = queue.claimDue(clock.instant(), 1, Duration.ofMinutes(5)).get(0);

    processor.poisoned(job, "delivered 6 times");
    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run(runId).errorCode()).isEqualTo("internal");
    assertThat(queue.deadLetters(10)).extracting(Job::id).containsExactly(job.id());
    assertThat(store.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.FAILED);
  }

  @Test
  void operatorRetryOfAFailedRunPostsOnceTheCauseIsFixed() {
    store.invoices.put(42L, Invoices.domestic(42, 5, "GBP", "120.00"));
    sage.invoiceFailures.add(
        new PermanentGatewayException(
            "sage",
            "create_sales_invoice",
            422,
            null,
            ErrorClass.VALIDATION,
            "bad ledger",
            "[]",
            null));
    UUID runId = acceptInvoice(42);
    drain();
    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.FAILED);
    RetrySyncRunService retry =
        new RetrySyncRunService(runs, queue, uow, () -> wakes++, clock, this::nextId);

    assertThat(retry.retry(runId))
        .isInstanceOf(io.ledgerbridge.ports.in.RetrySyncRunUseCase.Requeued.class);
    drain();

    assertThat(run(runId).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(store.pushes)
        .extracting(EntitySyncState::status)
        .containsExactly(EntitySyncState.Status.FAILED, EntitySyncState.Status.SYNCED);
    assertThat(retry.retry(runId))
        .isInstanceOf(io.ledgerbridge.ports.in.RetrySyncRunUseCase.NotRetryable.class);
    assertThat(retry.retry(UUID.randomUUID()))
        .isInstanceOf(io.ledgerbridge.ports.in.RetrySyncRunUseCase.NotRetryable.class);
  }

  @Test
  void wakesWorkersAfterAcceptCommits() {
    acceptInvoice(1);
    assertThat(wakes).isEqualTo(1);
  }

  private static TransientGatewayException transientSage(int status) {
    return new TransientGatewayException(
        "sage",
        "create_sales_invoice",
        status,
        null,
        ErrorClass.PROVIDER,
        "HTTP " + status,
        null,
        null);
  }
}
