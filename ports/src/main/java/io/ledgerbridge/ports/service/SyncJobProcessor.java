package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.RetryDecision;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ProcessJobUseCase;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.ports.out.StoreGateway.SyncStatePush;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs claimed jobs. A {@link JobKind#SYNC} job fetches the store document, applies the policy,
 * translates, posts to Sage and ends the run; a {@link JobKind#PUSH} job tells the store the run's
 * terminal status. Every state change of a run commits together with the job's own transition and
 * any follow-up job. Failures are classified by the gateways; this class only applies the ladder.
 */
public final class SyncJobProcessor implements ProcessJobUseCase {
  static final String PROVIDER = "sage_accounting";
  static final Duration BUSY_BUSINESS_RETRY = Duration.ofMillis(200);
  static final Duration MAX_PACING = Duration.ofSeconds(30);
  /** A job parked with a busy business's holder longer than this goes back to the queue. */
  static final Duration MAX_PARKED = Duration.ofSeconds(60);
  private static final Logger LOG = Logger.getLogger(SyncJobProcessor.class.getName());

  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final SyncRunRepository runs;
  private final SyncAttemptRepository attempts;
  private final EntityXrefRepository xrefs;
  private final JobQueue queue;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final StoreGateway store;
  private final AccountingGateway sage;
  private final BackoffLadder ladder;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final BusinessLease leases;
  private final ThreadLocal<BusinessLease.Lease> heldLease = new ThreadLocal<>();
  /** When this thread last took or renewed its lease (see {@link #confirmLease}). */
  private final ThreadLocal<Instant> leaseConfirmedAt = new ThreadLocal<>();
  private final BusinessHandoff handoff = new BusinessHandoff();
  private final java.util.concurrent.ConcurrentHashMap<String, SyncPolicy> policyVersions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final RateGovernor governor;
  private final Duration leaseTtl;
  private final InvoiceSyncPlanner planner;

  /** The collaborators of the processor; a record keeps the constructor readable. */
  public record Dependencies(
      BindingRepository bindings,
      PolicyRepository policies,
      SyncRunRepository runs,
      SyncAttemptRepository attempts,
      EntityXrefRepository xrefs,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      StoreGateway store,
      AccountingGateway sage,
      BackoffLadder ladder,
      Clock clock,
      Supplier<UUID> ids,
      BusinessLease leases,
      RateGovernor governor,
      Duration leaseTtl) {

    /** In-process lease, no rate limit, 2-minute lease: the embedded default. */
    public Dependencies(
        BindingRepository bindings,
        PolicyRepository policies,
        SyncRunRepository runs,
        SyncAttemptRepository attempts,
        EntityXrefRepository xrefs,
        JobQueue queue,
        UnitOfWork uow,
        JobSignal signal,
        StoreGateway store,
        AccountingGateway sage,
        BackoffLadder ladder,
        Clock clock,
        Supplier<UUID> ids) {
      this(bindings, policies, runs, attempts, xrefs, queue, uow, signal, store, sage, ladder,
          clock, ids, new LocalBusinessLease(clock), RateGovernor.UNLIMITED, Duration.ofMinutes(2));
    }
  }

  public SyncJobProcessor(Dependencies d) {
    this.bindings = d.bindings();
    this.policies = d.policies();
    this.runs = d.runs();
    this.attempts = d.attempts();
    this.xrefs = d.xrefs();
    this.queue = d.queue();
    this.uow = d.uow();
    this.signal = d.signal();
    this.store = d.store();
    this.sage = d.sage();
    this.ladder = d.ladder();
    this.clock = d.clock();
    this.ids = d.ids();
    this.planner = new InvoiceSyncPlanner(d.xrefs());
    this.leases = d.leases();
    this.governor = d.governor();
    this.leaseTtl = d.leaseTtl();
  }

  @Override
  public void process(Job job) {
    guarded(job, () -> {
      if (job.kind() == JobKind.SYNC) {
        processSync(job);
      } else {
        processPush(job);
      }
    });
  }

  /**
   * Stops handing jobs of busy businesses to their holders (shutdown): holders finish the job they
   * are on and give the parked ones back to the queue, due at once.
   */
  public void stopHandoffs() {
    handoff.close();
  }

  private void guarded(Job job, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      // A bug or an unclassified failure: retry on the ladder; it dead-letters if it persists.
      LOG.log(Level.SEVERE, "job " + job.id() + " for run " + job.syncRunId() + " failed", e);
      try {
        GatewayException unexpected =
            new TransientGatewayException(
                "chassis", job.kind().db(), 0, null, ErrorClass.INTERNAL,
                "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
        if (job.kind() == JobKind.SYNC) {
          runs.find(job.syncRunId())
              .ifPresent(run -> failSync(job, run, unexpected, clock.instant(), null));
        } else {
          failPush(job, unexpected);
        }
      } catch (RuntimeException again) {
        // The database is likely down; the claim's visibility timeout redelivers the job.
        LOG.log(Level.SEVERE, "could not record failure of job " + job.id(), again);
      }
    }
  }

  // ---------------------------------------------------------------- sync

  /** A sync job's run and binding, loaded and ready to start under the business lease. */
  private record Ready(SyncRun run, Binding binding, BindingSecrets secrets) {}

  private void processSync(Job job) {
    Instant startedAt = clock.instant();
    Ready ready = load(job, startedAt);
    if (ready == null) {
      return;
    }
    // One job per Sage business at a time, across every worker process (SAGE §2.0).
    String business = ready.binding().sageBusinessId();
    Optional<BusinessLease.Lease> lease = leases.tryAcquire(business, leaseTtl);
    if (lease.isEmpty()) {
      // A worker of this process holds the business: it runs the job next. Otherwise retry soon.
      if (!handoff.park(business, job, startedAt)) {
        queue.defer(job.id(), startedAt.plus(BUSY_BUSINESS_RETRY));
      }
      return;
    }
    heldLease.set(lease.get());
    leaseConfirmedAt.set(clock.instant());
    handoff.hold(business);
    try {
      start(job, ready, startedAt);
      runParked(business, lease.get());
    } finally {
      giveBack(handoff.letGo(business));
      heldLease.remove();
      leaseConfirmedAt.remove();
      leases.release(lease.get());
    }
  }

  /** Starts the loaded run under the held lease and runs it to its outcome. */
  private void start(Job job, Ready ready, Instant startedAt) {
    runWithLease(
        job, persist(ready.run().start(startedAt)), ready.binding(), ready.secrets(), startedAt);
  }

  /**
   * Loads the run and its binding; null when the job was settled here (run missing, already
   * terminal, or binding gone). A run left {@code running} by a dead worker has that attempt
   * recorded as lost first.
   */
  private Ready load(Job job, Instant startedAt) {
    Optional<SyncRun> found = runs.find(job.syncRunId());
    if (found.isEmpty()) {
      queue.deadLetter(job.id(), "sync run " + job.syncRunId() + " does not exist");
      return null;
    }
    SyncRun run = found.get();
    if (run.status().isTerminal()) {
      // Redelivery after the run already ended: its push job was written with the end state.
      queue.complete(job.id());
      return null;
    }
    if (run.status() == SyncRunStatus.RUNNING) {
      // The previous worker died mid-run; record that attempt as lost before starting again.
      run = persist(run.scheduleRetry(ErrorClass.INTERNAL, "worker lost during attempt", startedAt));
    }
    Binding binding = bindings.find(run.tenantId()).orElse(null);
    BindingSecrets secrets = bindings.secrets(run.tenantId()).orElse(null);
    if (binding == null || secrets == null) {
      failSync(
          job, persist(run.start(startedAt)),
          new PermanentGatewayException(
              "chassis", "load_binding", 0, null, ErrorClass.NOT_FOUND,
              "binding " + run.tenantId() + " no longer exists", null, null),
          startedAt, null);
      return null;
    }
    return new Ready(run, binding, secrets);
  }

  /**
   * Runs the jobs other workers parked for this business while the lease is held, oldest first.
   * The lease is renewed before each; if it was lost, or a job waited too long, the rest go back
   * to the queue.
   */
  private void runParked(String business, BusinessLease.Lease lease) {
    BusinessHandoff.Parked next;
    while ((next = handoff.nextOrLetGo(business)) != null) {
      Job job = next.job();
      Instant now = clock.instant();
      if (now.isAfter(next.parkedAt().plus(MAX_PARKED)) || !confirmLease(lease)) {
        giveBack(List.of(next));
        return; // the caller gives back the rest
      }
      guarded(
          job,
          () -> {
            Instant startedAt = clock.instant();
            Ready ready = load(job, startedAt);
            if (ready == null) {
              return;
            }
            if (!ready.binding().sageBusinessId().equals(business)) {
              queue.defer(job.id(), startedAt); // its binding moved to another business meanwhile
              return;
            }
            start(job, ready, startedAt);
          });
    }
  }

  /** Returns parked jobs to the queue, due now and without counting a failure. */
  private void giveBack(List<BusinessHandoff.Parked> parked) {
    Instant now = clock.instant();
    for (BusinessHandoff.Parked p : parked) {
      try {
        queue.defer(p.job().id(), now);
      } catch (RuntimeException e) {
        // still claimed: it is delivered again once its visibility timeout passes
        LOG.log(Level.WARNING, "could not give back job " + p.job().id(), e);
      }
    }
  }

  private void runWithLease(
      Job job, SyncRun running, Binding binding, BindingSecrets secrets, Instant startedAt) {
    if (running.event() != EventType.INVOICE_CREATED) {
      skip(job, running, SkipReason.EVENT_NOT_SUPPORTED.code(),
          "event " + running.event().wire() + " is not synced by this version", startedAt);
      return;
    }
    SyncPolicy policy = policyFor(running);
    StoreEndpoint endpoint =
        new StoreEndpoint(binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey());
    String[] sent = new String[1];
    try {
      CanonicalInvoice invoice = store.fetchInvoice(endpoint, running.storeEntityId());
      InvoiceSyncPlanner.Plan plan = planner.plan(binding, policy, invoice);
      if (plan instanceof InvoiceSyncPlanner.Skip s) {
        skip(job, running, s.reasonCode(), s.explanation(), startedAt);
        return;
      }
      if (plan instanceof InvoiceSyncPlanner.Invalid invalid) {
        failSync(
            job, running,
            new PermanentGatewayException(
                "chassis", "translate", 0, null, ErrorClass.VALIDATION, invalid.message(), null,
                null),
            startedAt, null);
        return;
      }
      InvoiceSyncPlanner.Post post = (InvoiceSyncPlanner.Post) plan;
      SageConnection connection = connection(binding, secrets);
      String invoiceIdem = IdempotencyIds.forRun("sales_invoice", running.id());
      SageRef ref = postInvoice(running, connection, post, invoiceIdem, sent);
      succeed(job, running, ref, startedAt, sent[0]);
    } catch (GatewayException e) {
      failSync(job, running, e, startedAt, sent[0]);
    }
  }

  private SageRef postInvoice(
      SyncRun run,
      SageConnection connection,
      InvoiceSyncPlanner.Post post,
      String invoiceIdem,
      String[] sent) {
    // Re-read under the business lease: another worker may have posted this invoice meanwhile.
    Optional<EntityXref> existing =
        xrefs.find(
            run.tenantId(), InvoiceSyncPlanner.INVOICE_ENTITY, Long.toString(run.storeEntityId()),
            InvoiceSyncPlanner.SALES_INVOICE_KIND);
    if (existing.isPresent()) {
      // Second line of defence: this store invoice already has a Sage invoice.
      return new SageRef(existing.get().sageId(), existing.get().sageReference());
    }
    InvoiceTranslation.Translated t = post.translation();
    String contactId = resolveContact(run, connection, t);
    SageInvoiceDraft draft = t.invoice().withContactId(contactId);
    sent[0] = sage.renderSalesInvoice(draft, invoiceIdem);
    pace(connection.businessId());
    SageRef ref = sage.createSalesInvoice(connection, draft, invoiceIdem);
    xrefs.record(
        new EntityXref(
            run.tenantId(), InvoiceSyncPlanner.INVOICE_ENTITY, Long.toString(run.storeEntityId()),
            InvoiceSyncPlanner.SALES_INVOICE_KIND, ref.id(), ref.displayedAs(), clock.instant()));
    return ref;
  }

  private String resolveContact(
      SyncRun run, SageConnection connection, InvoiceTranslation.Translated t) {
    ContactKey key = t.contactKey();
    Optional<EntityXref> xref = planner.contactXref(run.tenantId(), key);
    if (xref.isPresent()) {
      return xref.get().sageId();
    }
    pace(connection.businessId());
    SageRef contact =
        sage.findContactByReference(connection, key.reference())
            .orElseGet(() -> createContact(run, connection, t));
    xrefs.record(
        new EntityXref(
            run.tenantId(), InvoiceSyncPlanner.CUSTOMER_ENTITY, key.storeCustomerKey(),
            key.xrefKind(), contact.id(), contact.displayedAs(), clock.instant()));
    return contact.id();
  }

  private SageRef createContact(
      SyncRun run, SageConnection connection, InvoiceTranslation.Translated t) {
    String idem = IdempotencyIds.forRun("contact:" + t.contactKey().reference(), run.id());
    try {
      pace(connection.businessId());
      return sage.createContact(connection, t.contact(), idem);
    } catch (PermanentGatewayException e) {
      // Another run may have created the same contact in the meantime: look once more.
      return sage.findContactByReference(connection, t.contactKey().reference())
          .orElseThrow(() -> e);
    }
  }

  /**
   * Before each Sage call: confirms the business lease (renewing it once a quarter of its TTL has
   * passed, so a slow job keeps exclusive access and a job whose lease was lost stops before
   * posting), then waits for the rate governor so the chassis
   * slows down before Sage answers 429. Gives up (transient, rate_limited) after {@link
   * #MAX_PACING}.
   */
  private void pace(String businessId) {
    BusinessLease.Lease lease = heldLease.get();
    if (lease != null && !confirmLease(lease)) {
      // Another worker may own the business now: stop before posting in parallel with it.
      throw new TransientGatewayException(
          "chassis", "business_lease", 0, null, ErrorClass.INTERNAL,
          "the lease on Sage business " + businessId + " expired during the job", null, null);
    }
    long deadline = System.nanoTime() + MAX_PACING.toNanos();
    while (true) {
      Duration wait = governor.tryAcquire(businessId);
      if (wait.isZero() || wait.isNegative()) {
        return;
      }
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw new TransientGatewayException(
            "chassis", "rate_governor", 0, null, ErrorClass.RATE_LIMITED,
            "client-side Sage rate limit for business " + businessId + " still exhausted", null,
            null);
      }
      try {
        Thread.sleep(Math.max(1, wait.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientGatewayException(
            "chassis", "rate_governor", 0, null, ErrorClass.INTERNAL, "interrupted", null, e);
      }
    }
  }

  /**
   * Makes sure this thread still holds {@code lease} for at least three quarters of its TTL. A
   * lease taken or renewed less than a quarter TTL ago cannot have expired, so nobody can have
   * taken it over: it is not renewed again (each renewal is a database or Redis round trip, and a
   * job makes up to four Sage calls). Otherwise it is renewed; false if it was lost.
   */
  private boolean confirmLease(BusinessLease.Lease lease) {
    Instant now = clock.instant();
    Instant confirmed = leaseConfirmedAt.get();
    if (confirmed != null && now.isBefore(confirmed.plus(leaseTtl.dividedBy(4)))) {
      return true;
    }
    if (!leases.renew(lease, leaseTtl)) {
      return false;
    }
    leaseConfirmedAt.set(now);
    return true;
  }

  /**
   * The transport gave up on a job that kept killing its workers (delivered too often): the run
   * ends failed, the store is told, and the job is recorded as dead-lettered in the database.
   */
  public void poisoned(Job job, String reason) {
    Instant now = clock.instant();
    String message = "job delivered too many times without finishing: " + reason;
    uow.run(
        () -> {
          runs.find(job.syncRunId())
              .filter(r -> !r.status().isTerminal())
              .ifPresent(
                  r -> {
                    // every non-terminal status may end failed
                    persist(r.fail(ErrorClass.INTERNAL, message, now));
                    if (job.kind() == JobKind.SYNC) {
                      enqueuePush(r, now);
                    }
                  });
          queue.deadLetter(job.id(), message);
        });
    LOG.warning("job " + job.id() + " for run " + job.syncRunId() + " is poison: " + reason);
  }

  private SyncPolicy policyFor(SyncRun run) {
    if (run.policyVersion() > 0) {
      // Saved versions never change, so they can be kept once read.
      String key = run.tenantId() + "\u0000" + run.policyVersion();
      SyncPolicy known = policyVersions.get(key);
      if (known != null) {
        return known;
      }
      Optional<SyncPolicy> snapshot =
          policies.version(run.tenantId(), run.policyVersion()).map(p -> p.policy());
      if (snapshot.isPresent()) {
        if (policyVersions.size() < 10_000) {
          policyVersions.put(key, snapshot.get());
        }
        return snapshot.get();
      }
    }
    return policies
        .current(run.tenantId())
        .map(p -> p.policy())
        .orElseThrow(
            () ->
                new PermanentGatewayException(
                    "chassis", "load_policy", 0, null, ErrorClass.VALIDATION,
                    "binding " + run.tenantId() + " has no sync policy", null, null));
  }

  private static SageConnection connection(Binding binding, BindingSecrets secrets) {
    return new SageConnection(
        binding.tenantId(), binding.sageApiUrl(), binding.sageTokenUrl(),
        binding.sageBusinessId(), secrets.sageClientId(), secrets.sageClientSecret());
  }

  private void succeed(Job job, SyncRun running, SageRef ref, Instant startedAt, String sentBody) {
    Instant now = clock.instant();
    uow.run(
        () -> {
          persist(running.succeed(ref.id(), ref.displayedAs(), now));
          attempts.record(
              new SyncAttempt(
                  running.id(), running.attempts(), startedAt, now, "ok", null, null,
                  "created " + ref.displayedAs() + " (" + ref.id() + ")", sentBody, null));
          enqueuePush(running, now);
          queue.complete(job.id());
        });
  }

  private void skip(Job job, SyncRun running, String reason, String explanation, Instant startedAt) {
    Instant now = clock.instant();
    uow.run(
        () -> {
          persist(running.skip(reason, explanation, now));
          attempts.record(
              new SyncAttempt(
                  running.id(), running.attempts(), startedAt, now, "skipped", null, null,
                  reason + ": " + explanation, null, null));
          enqueuePush(running, now);
          queue.complete(job.id());
        });
  }

  private void failSync(
      Job job, SyncRun running, GatewayException e, Instant startedAt, String sentBody) {
    Instant now = clock.instant();
    RetryDecision decision =
        e.isTransient() ? ladder.afterFailure(job.attempts() + 1, now) : new RetryDecision.GiveUp();
    String message = describe(e);
    uow.run(
        () -> {
          attempts.record(
              new SyncAttempt(
                  running.id(), running.attempts(), startedAt, now,
                  e.isTransient() ? "transient" : "permanent", e.errorClass().code(),
                  e.httpStatus() == 0 ? null : e.httpStatus(), message, sentBody,
                  e.responseBody()));
          if (decision instanceof RetryDecision.RetryAt at) {
            persistIfRunning(running, r -> r.scheduleRetry(e.errorClass(), message, now));
            queue.retryAt(job.id(), at.at(), message);
          } else {
            persistIfRunning(running, r -> r.fail(e.errorClass(), message, now));
            enqueuePush(running, now);
            queue.deadLetter(job.id(), message);
          }
        });
    LOG.log(
        e.isTransient() && decision instanceof RetryDecision.RetryAt ? Level.INFO : Level.WARNING,
        "run " + running.id() + " (" + running.event().wire() + " " + running.storeEntityId()
            + "): " + message);
  }

  private void persistIfRunning(SyncRun running, UnaryOperator<SyncRun> change) {
    SyncRun current = runs.find(running.id()).orElse(running);
    if (current.status() == SyncRunStatus.RUNNING) {
      persist(change.apply(current));
    }
  }

  private static String describe(GatewayException e) {
    String status = e.httpStatus() == 0 ? "" : " HTTP " + e.httpStatus();
    return e.errorClass().code() + " (" + e.system() + " " + e.operation() + status + "): "
        + e.getMessage();
  }

  private void enqueuePush(SyncRun run, Instant now) {
    queue.enqueue(Job.newJob(ids.get(), JobKind.PUSH, run.id(), run.tenantId(), now));
    uow.afterCommit(signal::wake);
  }

  private SyncRun persist(SyncRun next) {
    if (!runs.transition(next)) {
      throw new ConcurrentRunChangeException(next.id());
    }
    return next;
  }

  // ---------------------------------------------------------------- push

  private void processPush(Job job) {
    SyncRun run = runs.find(job.syncRunId()).orElse(null);
    if (run == null || !run.status().isTerminal()) {
      queue.deadLetter(job.id(), "run " + job.syncRunId() + " is missing or not terminal");
      return;
    }
    Binding binding = bindings.find(run.tenantId()).orElse(null);
    BindingSecrets secrets = bindings.secrets(run.tenantId()).orElse(null);
    if (binding == null || secrets == null) {
      queue.deadLetter(job.id(), "binding " + run.tenantId() + " no longer exists");
      return;
    }
    try {
      store.pushSyncState(
          new StoreEndpoint(binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey()),
          pushFor(run, clock.instant()));
      queue.complete(job.id());
    } catch (GatewayException e) {
      failPush(job, e);
    }
  }

  static SyncStatePush pushFor(SyncRun run, Instant now) {
    String status =
        switch (run.status()) {
          case SUCCEEDED -> "synced";
          case SKIPPED_BY_POLICY -> "skipped";
          default -> "failed";
        };
    return new SyncStatePush(
        run.event().entityType(), run.storeEntityId(), PROVIDER, status,
        run.status() == SyncRunStatus.SUCCEEDED ? run.sageEntityId() : null,
        run.status() == SyncRunStatus.SUCCEEDED ? run.sageReference() : null,
        run.skipReason(),
        run.status() == SyncRunStatus.FAILED ? run.errorCode() : null,
        now);
  }

  private void failPush(Job job, GatewayException e) {
    String message = describe(e);
    RetryDecision decision =
        e.isTransient()
            ? ladder.afterFailure(job.attempts() + 1, clock.instant())
            : new RetryDecision.GiveUp();
    if (decision instanceof RetryDecision.RetryAt at) {
      queue.retryAt(job.id(), at.at(), message);
    } else {
      queue.deadLetter(job.id(), message);
      LOG.warning("status push for run " + job.syncRunId() + " dead-lettered: " + message);
    }
  }

  /** Another writer changed the run between our read and our write. */
  static final class ConcurrentRunChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentRunChangeException(UUID runId) {
      super("run " + runId + " was changed concurrently");
    }
  }
}
