package io.ledgerbridge.bench.load;

import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.adapter.persistence.NotificationChannel;
import io.ledgerbridge.adapter.persistence.PersistenceAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import io.ledgerbridge.adapter.redis.RedisAdapter;
import io.ledgerbridge.adapter.redis.RedisConfig;
import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.app.EventHandlers;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptResult;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.service.AcceptWebhookService;
import io.ledgerbridge.ports.service.CachingBindingRepository;
import io.ledgerbridge.ports.service.ClaimBuffer;
import io.ledgerbridge.ports.service.InProcessJobSignal;
import io.ledgerbridge.ports.service.JobWorker;
import io.ledgerbridge.ports.service.LocalBusinessLease;
import io.ledgerbridge.ports.service.OutboxRelay;
import io.ledgerbridge.ports.service.ProcessorDependencies;
import io.ledgerbridge.ports.service.RegisterBindingService;
import io.ledgerbridge.ports.service.RelayedJobQueue;
import io.ledgerbridge.ports.service.SyncJobProcessor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backlog burn-down: N accepted webhooks are queued with no worker running, then W workers drain
 * them against gateways that answer at once (the canonical invoice is parsed from a fixture, Sage
 * returns a new id, the status push returns). Everything else is the real chassis: the database
 * queue (or the outbox relayed to Redis Streams), runs, attempts, cross-references, leases, policy
 * and translation.
 */
final class BacklogBench {
  private static final String CHANNEL = "ledger_jobs";
  private static final String TEMPLATE_ID = "\"magento_id\":102,\"increment_id\":\"000000102\"";

  record Options(
      Substrate.Kind substrate,
      int jobs,
      int businesses,
      int workers,
      int fillThreads,
      int timeoutSeconds,
      int history,
      Path resultsDir,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl) {}

  private BacklogBench() {}

  /**
   * A table that has been in use, as a backlog meets it in production: {@code rows} finished jobs,
   * then PostgreSQL's statistics gathered, while no job is pending. The backlog then arrives on
   * statistics that say almost nothing is pending, until autovacuum gathers them again.
   */
  private static void history(Substrate substrate, int rows) {
    substrate.sqlInSchema(
        "INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at,"
            + " locked_until, last_error, created_at, updated_at, version)"
            + " SELECT gen_random_uuid(), CASE WHEN g % 2 = 0 THEN 'sync' ELSE 'push' END,"
            + " gen_random_uuid(), 'bench-history', 'succeeded', 1, now(), NULL, NULL, now(),"
            + " now(), 2 FROM generate_series(1, "
            + rows
            + ") g",
        "ANALYZE jobs");
  }

  static int run(Options o, PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    try (Substrate substrate =
        Substrate.open(o.substrate(), o.pgUrl(), o.pgUser(), o.pgPassword(), o.redisUrl())) {
      PersistenceConfig pc =
          substrate.kind == Substrate.Kind.EMBEDDED
              ? PersistenceConfig.embedded(substrate.dataDir, substrate.secretKey())
              : PersistenceConfig.postgres(
                  substrate.jdbcUrl(),
                  substrate.pgUser(),
                  substrate.pgPassword(),
                  10,
                  substrate.secretKey());
      InProcessJobSignal signal = new InProcessJobSignal();
      RedisAdapter redis = null;
      PersistenceAdapter persistence = PersistenceAdapter.start(pc.withClock(clock));
      NotificationChannel notifications = persistence.notifications(CHANNEL, signal::wake);
      List<Thread> threads = new ArrayList<>();
      List<JobWorker> workers = new ArrayList<>();
      OutboxRelay relay = null;
      try {
        SyncJobProcessor[] processorRef = new SyncJobProcessor[1];
        // transactions of the worker-side group commit, and the runs they ended
        AtomicLong endBatches = new AtomicLong();
        AtomicLong endBatchRuns = new AtomicLong();
        AtomicLong endBatchMax = new AtomicLong();
        JobQueue queue;
        JobTransport transport = null;
        BusinessLease leases;
        RateGovernor governor = RateGovernor.UNLIMITED;
        if (substrate.kind == Substrate.Kind.POSTGRES_REDIS) {
          redis =
              RedisAdapter.connect(
                  new RedisConfig(substrate.redisUrl(), substrate.redisPrefix, 32), clock);
          transport =
              redis.jobQueue("jobs", 5, (job, reason) -> processorRef[0].poisoned(job, reason));
          queue =
              new RelayedJobQueue(
                  persistence.jobQueue(),
                  persistence.outboxRelayStore(),
                  transport,
                  persistence.unitOfWork());
          leases = redis.businessLease();
          // real Lua round trips per Sage call, with limits far above what is measured
          governor = redis.rateGovernor(100_000, 200_000, 100_000, 200_000);
        } else {
          queue = persistence.jobQueue();
          leases =
              substrate.kind == Substrate.Kind.EMBEDDED
                  ? new LocalBusinessLease(clock)
                  : persistence.businessLease();
        }
        // as in the chassis: bindings and their secrets are cached for a few seconds
        CachingBindingRepository bindings =
            new CachingBindingRepository(persistence.bindings(), clock, Duration.ofSeconds(5));
        AtomicLong pushes = new AtomicLong();
        AtomicLong sageCalls = new AtomicLong();
        NoOpStore store = new NoOpStore(pushes);
        SyncJobProcessor processor =
            new SyncJobProcessor(
                new ProcessorDependencies(
                    bindings,
                    persistence.policies(),
                    persistence.syncRuns(),
                    persistence.syncAttempts(),
                    queue,
                    persistence.unitOfWork(),
                    notifications,
                    store,
                    BackoffLadder.standard(),
                    clock,
                    UUID::randomUUID,
                    leases,
                    governor,
                    Duration.ofSeconds(120),
                    WorkerDelays.standard()),
                EventHandlers.standard(
                    store,
                    new NoOpSage(
                        sageCalls, SageAdapter.accountingGateway(persistence.tokenVault(), clock)),
                    persistence.entityXrefs(),
                    clock),
                new ChassisMetrics() {
                  @Override
                  public void runsEndedTogether(int size) {
                    endBatches.incrementAndGet();
                    endBatchRuns.addAndGet(size);
                    endBatchMax.accumulateAndGet(size, Math::max);
                  }
                });
        processorRef[0] = processor;
        AcceptWebhookService accept =
            new AcceptWebhookService(
                bindings,
                persistence.policies(),
                persistence.syncRuns(),
                persistence.idempotency(),
                queue,
                persistence.unitOfWork(),
                notifications,
                clock,
                UUID::randomUUID);
        RegisterBindingService registration =
            new RegisterBindingService(
                bindings,
                persistence.tokenVault(),
                persistence.policies(),
                persistence.unitOfWork());
        for (int b = 0; b < o.businesses(); b++) {
          registration.register(
              new RegisterBindingCommand(
                  new Binding(
                      "bench-backlog-" + b,
                      "http://127.0.0.1:9",
                      "http://127.0.0.1:9/v3.1",
                      "http://127.0.0.1:9/oauth/token",
                      Harness.hex(16),
                      "GB",
                      "GBP",
                      BindingStatus.ACTIVE,
                      clock.instant()),
                  new BindingSecrets(Harness.newApiKey(), "bench-client", "secret"),
                  "refresh-" + Harness.hex(8),
                  Harness.policy("9a994b92267a11e797950a57719b2edb")));
        }

        if (o.history() > 0) {
          history(substrate, o.history());
        }

        // ---- fill: N accepted webhooks, no worker running
        ProcessStats fillStats = ProcessStats.start(0);
        long fillStart = System.nanoTime();
        AtomicInteger nextJob = new AtomicInteger();
        AtomicLong rejected = new AtomicLong();
        List<Thread> fillers = new ArrayList<>();
        for (int t = 0; t < o.fillThreads(); t++) {
          Thread f =
              new Thread(
                  () -> {
                    int i;
                    while ((i = nextJob.getAndIncrement()) < o.jobs()) {
                      AcceptResult r =
                          accept.accept(
                              new AcceptWebhookCommand(
                                  "bench-backlog-" + (i % o.businesses()),
                                  "invoice.created",
                                  "invoice.created:" + (i + 1),
                                  i + 1,
                                  1,
                                  1,
                                  clock.instant()));
                      if (!(r instanceof Accepted a) || a.duplicate()) {
                        rejected.incrementAndGet();
                      }
                    }
                  },
                  "bench-fill-" + t);
          f.start();
          fillers.add(f);
        }
        for (Thread f : fillers) {
          f.join();
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        Map<String, Object> fill = new LinkedHashMap<>();
        fill.put("accepted", o.jobs() - rejected.get());
        fill.put("rejected", rejected.get());
        fill.put("seconds", ProcessStats.round(fillSeconds));
        fill.put("accepts_per_s", ProcessStats.round(o.jobs() / fillSeconds));
        fill.put("heap_used_after_gc_mib", ProcessStats.heapAfterGcMib());
        fill.put("process", fillStats.snapshot());

        // ---- drain
        ProcessStats drainStats = ProcessStats.start(0);
        long drainStart = System.nanoTime();
        if (transport != null) {
          relay =
              new OutboxRelay(
                  persistence.outboxRelayStore(),
                  transport,
                  signal,
                  notifications,
                  clock,
                  Duration.ofMillis(500),
                  Duration.ofSeconds(60),
                  200);
          Thread rt = new Thread(relay, "bench-relay");
          rt.start();
          threads.add(rt);
        }
        // the chassis's settings (Chassis.startWorkers): ended runs written together on
        // PostgreSQL, the shared claim
        if (substrate.kind != Substrate.Kind.EMBEDDED) {
          processor.writeEndsTogether(SyncJobProcessor.ENDED_RUNS_MAX_BATCH);
        }
        ClaimBuffer claims = ClaimBuffer.forWorkers(queue, o.workers());
        for (int w = 0; w < o.workers(); w++) {
          JobWorker worker =
              new JobWorker(
                  processor,
                  signal,
                  clock,
                  Duration.ofSeconds(300),
                  Duration.ofMillis(500),
                  claims,
                  JobWorker.outageLog(clock));
          workers.add(worker);
          Thread t = new Thread(worker, "bench-worker-" + w);
          t.start();
          threads.add(t);
        }
        long deadline = drainStart + o.timeoutSeconds() * 1_000_000_000L;
        long peakHeap = 0;
        while (pushes.get() < o.jobs() && System.nanoTime() < deadline) {
          Thread.sleep(50);
          Runtime rtm = Runtime.getRuntime();
          peakHeap = Math.max(peakHeap, rtm.totalMemory() - rtm.freeMemory());
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        processor.stopWritingEndsTogether(); // workers still running write their own from here
        long runsDone = pushes.get();
        Map<String, Object> drain = new LinkedHashMap<>();
        drain.put("runs_completed", runsDone);
        drain.put("jobs_completed", 2 * runsDone);
        drain.put("seconds", ProcessStats.round(drainSeconds));
        drain.put("runs_per_s", ProcessStats.round(runsDone / drainSeconds));
        drain.put("jobs_per_s", ProcessStats.round(2 * runsDone / drainSeconds));
        drain.put("sage_calls", sageCalls.get());
        drain.put("ended_batches", endBatches.get());
        drain.put(
            "ended_batch_mean",
            ProcessStats.round(endBatchRuns.get() / (double) Math.max(1, endBatches.get())));
        drain.put("ended_batch_max", endBatchMax.get());
        drain.put("peak_heap_used_mib_sampled", ProcessStats.round(peakHeap / 1048576.0));
        drain.put("process", drainStats.snapshot());

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("jobs", o.jobs());
        params.put("businesses", o.businesses());
        params.put("worker_threads", o.workers());
        params.put("fill_threads", o.fillThreads());
        params.put("history", o.history());
        params.put("claim_size", claims.claimSize());
        params.put("note", "each accepted webhook is one sync job plus one status-push job");
        Map<String, Object> result = BenchReport.header("backlog", substrate.kind.label(), params);
        result.put("fill", fill);
        result.put("drain", drain);
        BenchReport.write(
            o.resultsDir(), "backlog-" + o.jobs() + "-" + substrate.kind.label(), result, out);
        return runsDone == o.jobs() ? 0 : 2;
      } finally {
        workers.forEach(JobWorker::stop);
        if (relay != null) {
          relay.stop();
        }
        for (Thread t : threads) {
          t.join(30_000);
        }
        try {
          notifications.close();
        } catch (Exception e) {
          System.err.println("closing notifications: " + e.getMessage());
        }
        if (redis != null) {
          redis.close();
        }
        persistence.close();
      }
    }
  }

  /** Serves the canonical fixture invoice under the asked id; status pushes return at once. */
  private static final class NoOpStore implements StoreGateway {
    private final AtomicLong pushes;

    NoOpStore(AtomicLong pushes) {
      this.pushes = pushes;
    }

    @Override
    public CanonicalInvoice fetchInvoice(StoreEndpoint store, long invoiceId) {
      // zero-padded by hand: String.format was a fifth of this no-op store's CPU, which is the
      // harness's cost, not the chassis's
      String digits = Long.toString(invoiceId);
      String id = "0".repeat(Math.max(0, 9 - digits.length())) + digits;
      return MagentoAdapter.parseCanonicalInvoice(
          InvoiceFixture.JSON.replace(
              TEMPLATE_ID, "\"magento_id\":" + invoiceId + ",\"increment_id\":\"" + id + "\""));
    }

    @Override
    public void pushSyncState(StoreEndpoint store, EntitySyncState state) {
      pushes.incrementAndGet();
    }

    @Override
    public CanonicalPayment fetchPayment(StoreEndpoint store, long invoiceId) {
      throw new UnsupportedOperationException("the backlog benchmark raises invoices only");
    }

    @Override
    public CanonicalCreditMemo fetchCreditMemo(StoreEndpoint store, long creditMemoId) {
      throw new UnsupportedOperationException("the backlog benchmark raises invoices only");
    }

    @Override
    public io.ledgerbridge.core.canonical.CanonicalContact fetchCustomer(
        StoreEndpoint store, long customerId) {
      throw new UnsupportedOperationException("the backlog benchmark raises invoices only");
    }

    @Override
    public io.ledgerbridge.core.canonical.CanonicalProduct fetchProduct(
        StoreEndpoint store, long productId) {
      throw new UnsupportedOperationException("the backlog benchmark raises invoices only");
    }

    @Override
    public PairingAnswer pair(String storeBaseUrl, PairingRequest request) {
      throw new UnsupportedOperationException("the backlog benchmark does not pair");
    }
  }

  /**
   * A Sage that knows no contact and accepts every document with a fresh id at once; request bodies
   * are still rendered by the real Sage adapter (chassis CPU work, recorded per attempt).
   */
  private static final class NoOpSage implements AccountingGateway {
    private final AtomicLong calls;
    private final AtomicLong seq = new AtomicLong();
    private final AccountingGateway renderer;

    NoOpSage(AtomicLong calls, AccountingGateway renderer) {
      this.calls = calls;
      this.renderer = renderer;
    }

    private SageRef ref(String prefix) {
      calls.incrementAndGet();
      return new SageRef(
          UUID.randomUUID().toString().replace("-", ""), prefix + seq.incrementAndGet());
    }

    @Override
    public void keepAlive(SageConnection sage) {}

    @Override
    public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
      calls.incrementAndGet();
      return Optional.empty();
    }

    @Override
    public SageRef createContact(SageConnection sage, SageContactDraft draft, String idem) {
      return ref("C-");
    }

    @Override
    public SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idem) {
      return ref("SI-");
    }

    @Override
    public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
      return renderer.renderSalesInvoice(draft, idempotencyId);
    }

    @Override
    public String renderContact(SageContactDraft draft, String idempotencyId) {
      return renderer.renderContact(draft, idempotencyId);
    }

    @Override
    public SageRef updateContact(SageConnection sage, String contactId, SageContactDraft draft) {
      throw unused();
    }

    @Override
    public String renderContactUpdate(SageContactDraft draft) {
      return renderer.renderContactUpdate(draft);
    }

    @Override
    public ReferenceData fetchReferenceData(SageConnection sage, Instant now) {
      throw new UnsupportedOperationException("not used by the backlog benchmark");
    }

    @Override
    public SageDocumentBalance salesInvoice(SageConnection sage, String id) {
      throw unused();
    }

    @Override
    public SageDocumentBalance salesCreditNote(SageConnection sage, String id) {
      throw unused();
    }

    @Override
    public SageRef createSalesCreditNote(
        SageConnection sage, SageCreditNoteDraft draft, String idem) {
      throw unused();
    }

    @Override
    public String renderSalesCreditNote(SageCreditNoteDraft draft, String idem) {
      throw unused();
    }

    @Override
    public SageRef createContactPayment(
        SageConnection sage, SageContactPaymentDraft draft, String idem) {
      throw unused();
    }

    @Override
    public String renderContactPayment(SageContactPaymentDraft draft, String idem) {
      throw unused();
    }

    @Override
    public SagePayment contactPayment(SageConnection sage, String id) {
      throw unused();
    }

    @Override
    public Optional<SageRef> createContactAllocation(
        SageConnection sage, SageContactAllocationDraft draft, String idem) {
      throw unused();
    }

    @Override
    public String renderContactAllocation(SageContactAllocationDraft draft, String idem) {
      throw unused();
    }

    @Override
    public Optional<String> salesPriceTypeId(
        SageConnection sage, io.ledgerbridge.core.product.CatalogItemKind kind) {
      throw unused();
    }

    @Override
    public SageRef createCatalogItem(
        SageConnection sage, io.ledgerbridge.core.product.SageCatalogItemDraft draft, String idem) {
      throw unused();
    }

    @Override
    public String renderCatalogItem(
        io.ledgerbridge.core.product.SageCatalogItemDraft draft, String idem) {
      return renderer.renderCatalogItem(draft, idem);
    }

    @Override
    public SageRef updateCatalogItem(
        SageConnection sage, String id, io.ledgerbridge.core.product.SageCatalogItemDraft draft) {
      throw unused();
    }

    @Override
    public String renderCatalogItemUpdate(io.ledgerbridge.core.product.SageCatalogItemDraft draft) {
      return renderer.renderCatalogItemUpdate(draft);
    }

    @Override
    public Optional<SageCatalogItem> findCatalogItem(SageConnection sage, String itemCode) {
      throw unused();
    }

    @Override
    public java.math.BigDecimal stockItemQuantity(SageConnection sage, String stockItemId) {
      throw unused();
    }

    @Override
    public SageRef createStockMovement(
        SageConnection sage,
        io.ledgerbridge.core.product.SageStockMovementDraft draft,
        String idem) {
      throw unused();
    }

    @Override
    public String renderStockMovement(
        io.ledgerbridge.core.product.SageStockMovementDraft draft, String idem) {
      return renderer.renderStockMovement(draft, idem);
    }

    private static UnsupportedOperationException unused() {
      return new UnsupportedOperationException("the backlog benchmark raises invoices only");
    }
  }
}
