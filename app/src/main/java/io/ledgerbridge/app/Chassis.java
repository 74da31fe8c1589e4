package io.ledgerbridge.app;

import io.ledgerbridge.adapter.http.in.HttpInAdapter;
import io.ledgerbridge.adapter.http.in.HttpInConfig;
import io.ledgerbridge.adapter.http.in.ReadinessProbe;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.adapter.persistence.NotificationChannel;
import io.ledgerbridge.adapter.persistence.PersistenceAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import io.ledgerbridge.adapter.redis.RedisAdapter;
import io.ledgerbridge.adapter.redis.RedisConfig;
import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.app.metrics.MicrometerChassisMetrics;
import io.ledgerbridge.app.metrics.QueueDepthGauges;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.RegisterBindingUseCase;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.ports.out.OutboxMaintenance;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.service.AcceptWebhookService;
import io.ledgerbridge.ports.service.BindingHealthService;
import io.ledgerbridge.ports.service.BindingSecretScrubbers;
import io.ledgerbridge.ports.service.CachingBindingRepository;
import io.ledgerbridge.ports.service.ClaimBuffer;
import io.ledgerbridge.ports.service.ConnectSageService;
import io.ledgerbridge.ports.service.ConnectSettings;
import io.ledgerbridge.ports.service.ConnectStoreService;
import io.ledgerbridge.ports.service.DisconnectBindingService;
import io.ledgerbridge.ports.service.FallbackReplayGuard;
import io.ledgerbridge.ports.service.GroupCommitAccept;
import io.ledgerbridge.ports.service.InProcessJobSignal;
import io.ledgerbridge.ports.service.JobWorker;
import io.ledgerbridge.ports.service.LocalBusinessLease;
import io.ledgerbridge.ports.service.LocalRateGovernor;
import io.ledgerbridge.ports.service.ManagePolicyService;
import io.ledgerbridge.ports.service.OutageLog;
import io.ledgerbridge.ports.service.OutboxRelay;
import io.ledgerbridge.ports.service.PreviewInvoiceService;
import io.ledgerbridge.ports.service.ProcessorDependencies;
import io.ledgerbridge.ports.service.QuerySyncRunsService;
import io.ledgerbridge.ports.service.ReadinessMonitor;
import io.ledgerbridge.ports.service.ReferenceRefreshSweep;
import io.ledgerbridge.ports.service.RefreshReferenceDataService;
import io.ledgerbridge.ports.service.RegisterBindingService;
import io.ledgerbridge.ports.service.RelayedJobQueue;
import io.ledgerbridge.ports.service.RequeueJobService;
import io.ledgerbridge.ports.service.RetrySyncRunService;
import io.ledgerbridge.ports.service.SignedTokens;
import io.ledgerbridge.ports.service.SyncJobProcessor;
import io.ledgerbridge.ports.service.SyncStateBackfillService;
import io.ledgerbridge.ports.service.TimedGateways;
import io.ledgerbridge.ports.service.TokenKeepAlive;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter and service from an {@link AppConfig}, leaves first,
 * and closes them in reverse order.
 *
 * <p>Three substrates, chosen by configuration: the embedded default (H2 file, database job queue,
 * in-process wake-ups and leases); PostgreSQL only (database job queue claimed with {@code FOR
 * UPDATE SKIP LOCKED}, LISTEN/NOTIFY wake-ups, database leases); PostgreSQL + Redis (the database
 * outbox relayed to Redis Streams, Redis replay guard, leases and rate governor). Roles: web,
 * workers and relay start separately; {@code serve} starts all three.
 */
public final class Chassis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Chassis.class);

  /**
   * Accept transactions in flight at once (each holds a pool connection). One: while it commits,
   * the webhooks arriving meanwhile gather for the next, and on 2 cores one committer made batches
   * twice as large as two did, with more throughput and half the open-loop latency (ADR 0025).
   */
  private static final int ACCEPT_COMMITTERS = 1;

  /** The most webhooks one accept transaction takes. */
  private static final int ACCEPT_MAX_BATCH = 128;

  private static final String CHANNEL = "ledger_jobs";

  private final AppConfig config;
  private final Clock clock;
  private final PersistenceAdapter persistence;
  private final RedisAdapter redis;
  private static final Duration BINDING_CACHE_TTL = Duration.ofSeconds(5);
  private final InProcessJobSignal localSignal = new InProcessJobSignal();
  private final BindingRepository bindings;
  private final NotificationChannel notifications;
  private final JobQueue queue;
  private final JobTransport transport;
  private final ReplayGuard replayGuard;
  private final AcceptWebhookService accept;
  private final SyncJobProcessor processor;
  private final QuerySyncRunsService query;
  private final RegisterBindingService registration;
  private final ManagePolicyService managePolicy;
  private final RefreshReferenceDataService refreshReference;
  private final PreviewInvoiceService preview;
  private final RetrySyncRunService retry;
  private final RequeueJobService requeueJobs;
  private final SyncStateBackfillService syncStateBackfill;
  private final io.ledgerbridge.ports.service.ManageDeadLettersService deadLetters;
  private final ConnectStoreService connectStore;
  private final ConnectSageService connectSage;
  private final DisconnectBindingService disconnect;
  private final TokenKeepAlive keepAlive;
  private final io.ledgerbridge.ports.service.EntitySweepService entitySweep;
  private final List<JobWorker> workers = new ArrayList<>();
  private ExecutorService workerPool;
  private OutboxRelay relay;
  private Thread relayThread;
  private ScheduledExecutorService housekeeping;
  private HttpInAdapter http;
  private GroupCommitAccept groupAccept;
  private io.ledgerbridge.ports.service.ConsoleAccessService consoleAccess;
  private ReadinessMonitor readiness;
  private final OutageLog workerOutages;
  private final MeterRegistry meterRegistry;
  private final ChassisMetrics metrics;
  private final QueueDepthGauges queueGauges;

  private Chassis(
      AppConfig config,
      Clock clock,
      PersistenceAdapter persistence,
      RedisAdapter redis,
      MeterRegistry meterRegistry) {
    this.config = config;
    this.meterRegistry = meterRegistry;
    this.metrics =
        meterRegistry == null ? ChassisMetrics.NONE : new MicrometerChassisMetrics(meterRegistry);
    this.clock = clock;
    this.persistence = persistence;
    this.redis = redis;
    this.workerOutages = JobWorker.outageLog(clock);
    this.notifications = persistence.notifications(CHANNEL, localSignal::wake);
    this.bindings = new CachingBindingRepository(persistence.bindings(), clock, BINDING_CACHE_TTL);
    Supplier<UUID> ids = UUID::randomUUID;
    StoreGateway store =
        TimedGateways.store(MagentoAdapter.storeGateway(clock, ids), metrics, System::nanoTime);
    AccountingGateway sage =
        TimedGateways.accounting(
            SageAdapter.accountingGateway(persistence.tokenVault(), clock),
            metrics,
            System::nanoTime);
    BusinessLease leases;
    RateGovernor governor;
    if (redis != null) {
      this.transport =
          redis.jobQueue("jobs", config.maxDeliveries(), (job, reason) -> onPoison(job, reason));
      this.queue =
          new RelayedJobQueue(
              persistence.jobQueue(),
              persistence.outboxRelayStore(),
              transport,
              persistence.unitOfWork());
      this.replayGuard = new FallbackReplayGuard(redis.replayGuard(), persistence.replayGuard());
      leases = redis.businessLease();
      governor =
          redis.rateGovernor(
              config.sageAppPerSecond(), config.sageAppPerSecond() * 2,
              config.sageBusinessPerSecond(), config.sageBusinessPerSecond() * 2);
    } else {
      this.transport = null;
      this.queue = persistence.jobQueue();
      this.replayGuard = persistence.replayGuard();
      // one embedded H2 file serves one process; a shared database leases through its rows
      leases =
          persistence.databaseProduct().equals("H2")
              ? new LocalBusinessLease(clock)
              : persistence.businessLease();
      // no Redis to share the buckets: this process's own (exact for the embedded default)
      governor =
          new LocalRateGovernor(
              clock,
              config.sageAppPerSecond(),
              config.sageAppPerSecond() * 2,
              config.sageBusinessPerSecond(),
              config.sageBusinessPerSecond() * 2);
    }
    BindingSecretScrubbers scrubbers =
        new BindingSecretScrubbers(bindings, persistence.tokenVault());
    this.accept =
        new AcceptWebhookService(
            bindings,
            persistence.policies(),
            persistence.syncRuns(),
            persistence.idempotency(),
            queue,
            persistence.unitOfWork(),
            notifications,
            clock,
            ids);
    this.processor =
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
                ids,
                leases,
                governor,
                config.leaseTtl(),
                WorkerDelays.standard()
                    .withHeldRecheck(config.heldRecheck())
                    .withDependencyWait(config.dependencyWait()),
                scrubbers),
            EventHandlers.standard(store, sage, persistence.entityXrefs(), clock),
            metrics);
    this.query =
        new QuerySyncRunsService(
            persistence.syncRuns(), persistence.syncAttempts(), scrubbers, queue);
    this.registration =
        new RegisterBindingService(
            bindings, persistence.tokenVault(), persistence.policies(), persistence.unitOfWork());
    this.managePolicy =
        new ManagePolicyService(bindings, persistence.policies(), persistence.referenceData());
    this.refreshReference =
        new RefreshReferenceDataService(bindings, sage, persistence.referenceData(), clock);
    this.retry =
        new RetrySyncRunService(
            persistence.syncRuns(), queue, persistence.unitOfWork(), notifications, clock, ids);
    this.requeueJobs =
        new RequeueJobService(
            retry,
            persistence.syncRuns(),
            queue,
            persistence.outboxMaintenance(),
            persistence.unitOfWork(),
            notifications,
            clock);
    this.syncStateBackfill =
        new SyncStateBackfillService(
            bindings, persistence.syncRuns(), store, leases, scrubbers, clock);
    this.deadLetters =
        new io.ledgerbridge.ports.service.ManageDeadLettersService(
            queue,
            persistence.syncRuns(),
            retry,
            persistence.unitOfWork(),
            notifications,
            scrubbers,
            clock);
    this.preview =
        new PreviewInvoiceService(
            bindings,
            persistence.policies(),
            persistence.referenceData(),
            persistence.entityXrefs(),
            sage,
            clock);
    AppConfig.Connect c = config.connect();
    ConnectSettings settings =
        new ConnectSettings(
            c.publicUrl(),
            c.sageClientId(),
            c.sageClientSecret(),
            c.sageAuthorizeUrl(),
            c.sageTokenUrl(),
            c.sageRevokeUrl(),
            c.sageApiUrl());
    SageAuthorization authorization = SageAdapter.authorization(clock);
    this.connectStore = new ConnectStoreService(bindings, store, settings, clock);
    this.connectSage =
        new ConnectSageService(
            bindings,
            persistence.tokenVault(),
            authorization,
            sage,
            persistence.referenceData(),
            persistence.policies(),
            replayGuard,
            new SignedTokens(secretKey(config), clock),
            settings,
            clock);
    this.disconnect =
        new DisconnectBindingService(bindings, persistence.tokenVault(), authorization, settings);
    this.keepAlive = new TokenKeepAlive(bindings, persistence.tokenVault(), sage, clock);
    AppConfig.EntitySweep sweepConfig = config.entitySweep();
    this.entitySweep =
        new io.ledgerbridge.ports.service.EntitySweepService(
            bindings,
            persistence.policies(),
            persistence.syncRuns(),
            persistence.idempotency(),
            queue,
            persistence.unitOfWork(),
            notifications,
            clock,
            ids,
            sweepConfig.enabled() ? sweepConfig.interval() : Duration.ofHours(24),
            sweepConfig.window(),
            sweepConfig.spread());
    this.queueGauges =
        meterRegistry == null
            ? null
            // paced by the wall clock: how often to poll is no business of the domain's clock
            : QueueDepthGauges.register(
                meterRegistry, persistence::jobQueueDepth, Clock.systemUTC());
  }

  private void onPoison(io.ledgerbridge.core.outbox.Job job, String reason) {
    processor.poisoned(job, reason);
  }

  /** Opens the database (running migrations) and Redis if configured; starts no threads. */
  public static Chassis open(AppConfig config) {
    return open(config, Clock.systemUTC());
  }

  public static Chassis open(AppConfig config, Clock clock) {
    return open(config, clock, null);
  }

  /**
   * Like {@link #open(AppConfig, Clock)}, on {@code dataSource} when given: a pool the embedding
   * application owns (migrated here, never closed here), instead of the configured database.
   */
  public static Chassis open(AppConfig config, Clock clock, DataSource dataSource) {
    return open(config, clock, dataSource, null);
  }

  /**
   * Like {@link #open(AppConfig, Clock, DataSource)}, with the chassis's metrics (ADR 0022) on
   * {@code meterRegistry} when given: its counters and timers, the job queue's gauges and, on its
   * own pool, the pool's meters. A {@code PrometheusMeterRegistry} is also served as {@code GET
   * /metrics} by the web role. Null: no metrics.
   */
  public static Chassis open(
      AppConfig config, Clock clock, DataSource dataSource, MeterRegistry meterRegistry) {
    PersistenceAdapter persistence =
        dataSource == null
            ? PersistenceAdapter.start(persistenceConfig(config, clock), meterRegistry)
            : PersistenceAdapter.start(dataSource, secretKey(config), clock);
    RedisAdapter redis = null;
    try {
      if (config.redisUrl() != null) {
        redis =
            RedisAdapter.connect(
                new RedisConfig(config.redisUrl(), config.redisPrefix(), 32), clock);
      }
      Chassis chassis = new Chassis(config, clock, persistence, redis, meterRegistry);
      LOG.info(
          "substrate: {}{}",
          persistence.databaseProduct(),
          redis == null ? " (database job queue)" : " + Redis Streams");
      return chassis;
    } catch (RuntimeException e) {
      if (redis != null) {
        redis.close();
      }
      persistence.close();
      throw e;
    }
  }

  /** The configured secret key, else the key file in the data directory. */
  private static byte[] secretKey(AppConfig config) {
    return config.secretKey() != null
        ? config.secretKey()
        : PersistenceAdapter.loadOrCreateKeyFile(dataDir(config));
  }

  static PersistenceConfig persistenceConfig(AppConfig config, Clock clock) {
    byte[] key = secretKey(config);
    PersistenceConfig pc;
    if (config.dbUrl() == null) {
      // AUTO_SERVER lets a second process (the operator CLI) open the file while serve runs.
      keepEmbeddedServerOnLoopback();
      PersistenceConfig embedded = PersistenceConfig.embedded(dataDir(config), key);
      pc =
          new PersistenceConfig(
              embedded.jdbcUrl().replace(";DB_CLOSE_ON_EXIT=FALSE", "") + ";AUTO_SERVER=TRUE",
              embedded.user(),
              embedded.password(),
              config.dbPoolSize(),
              key,
              null);
    } else {
      pc =
          PersistenceConfig.postgres(
              config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(), key);
    }
    return pc.withClock(clock);
  }

  /** The system property H2 reads, once, for the address its servers listen on. */
  static final String H2_BIND_ADDRESS = "h2.bindAddress";

  /**
   * H2's AUTO_SERVER listens for the other processes sharing the file, on every interface unless
   * told otherwise, and lets any host connect: the embedded database would be reachable from the
   * network. It is bound to loopback, unless the embedding application chose an address itself. H2
   * reads the property when it first loads, so this runs before the first connection.
   */
  static void keepEmbeddedServerOnLoopback() {
    if (System.getProperty(H2_BIND_ADDRESS) == null) {
      System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
    }
  }

  private static Path dataDir(AppConfig config) {
    try {
      return Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new AppConfig.ConfigException(
          "cannot create LEDGER_DATA_DIR " + config.dataDir() + ": " + e.getMessage());
    }
  }

  /** Starts the HTTP listener (the {@code web} role). */
  public synchronized Chassis startWeb() {
    if (http == null) {
      ReadinessMonitor monitor = readiness();
      groupAccept =
          new GroupCommitAccept(accept, ACCEPT_COMMITTERS, ACCEPT_MAX_BATCH, metrics::acceptBatch);
      HttpInAdapter.Builder builder =
          HttpInAdapter.builder(
                  new HttpInConfig(
                      config.httpBind(),
                      config.httpPort(),
                      config.maxBodyBytes(),
                      config.httpThreads(),
                      config.httpAcceptQueue(),
                      config.httpIdleTimeout().toMillis(),
                      config.httpHeaderTimeout().toMillis(),
                      config.httpBodyTimeout().toMillis(),
                      config.httpMaxHeaderBytes(),
                      HttpInConfig.DEFAULT_MAX_HEADER_COUNT))
              .accept(groupAccept)
              .authenticator(MagentoAdapter.webhookAuthenticator(bindings, replayGuard, clock))
              .query(query)
              .health(() -> true)
              .readiness(
                  () -> {
                    ReadinessMonitor.Readiness r = monitor.current();
                    return new ReadinessProbe.Readiness(r.ready(), r.backends());
                  })
              .bindings(bindings::find)
              .clock(clock)
              .adminToken(config.adminToken())
              .managePolicy(managePolicy)
              .refreshReference(refreshReference)
              .preview(preview)
              .invoiceParser(MagentoAdapter::parseCanonicalInvoice)
              .paymentParser(MagentoAdapter::parseCanonicalPayment)
              .creditMemoParser(MagentoAdapter::parseCanonicalCreditMemo)
              .sentDocumentParser(SageAdapter::sentFigures)
              .customerParser(MagentoAdapter::parseCanonicalCustomer)
              .productParser(MagentoAdapter::parseCanonicalProduct)
              .connectStore(connectStore)
              .connectSage(connectSage)
              .disconnect(disconnect)
              .publicUrl(config.connect().publicUrl())
              .bindingDirectory(registration::list)
              .pauseResume(registration)
              .bindingHealth(
                  new BindingHealthService(
                      bindings,
                      persistence.tokenVault(),
                      persistence.referenceData(),
                      persistence.syncRuns(),
                      clock))
              .adminListener(HttpInConfig.of(config.console().bind(), config.console().port()))
              .consoleAccess(consoleAccess())
              .consoleSecureCookies(config.console().secureCookies())
              .retry(retry)
              .deadLetters(deadLetters)
              .chassisMetrics(metrics);
      if (meterRegistry instanceof PrometheusMeterRegistry prometheus) {
        builder.metrics(prometheus::scrape);
      }
      http = builder.start();
      LOG.info("http listening on {}:{}", config.httpBind(), http.port());
    }
    return this;
  }

  /**
   * Readiness: every backend this process is configured with answers (the database, and Redis when
   * set), checked in the background every 2 s. Liveness ({@code /healthz}) does not look at them:
   * restarting the process fixes neither.
   */
  public synchronized ReadinessMonitor readiness() {
    if (readiness == null) {
      Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
      checks.put("database", persistence::ping);
      if (redis != null) {
        checks.put("redis", redis::ping);
      }
      readiness = ReadinessMonitor.standard(checks, clock).start();
    }
    return readiness;
  }

  /** Starts the worker threads (the {@code worker} role). */
  public synchronized Chassis startWorkers() {
    if (workerPool == null) {
      AtomicInteger n = new AtomicInteger();
      workerPool =
          Executors.newFixedThreadPool(
              config.workerThreads(),
              r -> {
                Thread t = new Thread(r, "ledger-worker-" + n.incrementAndGet());
                t.setDaemon(false);
                return t;
              });
      // on PostgreSQL the runs the workers end are written together by one thread, which saves
      // round trips; on the embedded H2 (no round trips) it measured slower (ADR 0026)
      if (!persistence.databaseProduct().equals("H2")) {
        processor.writeEndsTogether(SyncJobProcessor.ENDED_RUNS_MAX_BATCH);
      }
      // one claim serves several workers: a batch per round trip, run in parallel
      ClaimBuffer claims = ClaimBuffer.forWorkers(queue, config.workerThreads());
      for (int i = 0; i < config.workerThreads(); i++) {
        JobWorker w =
            new JobWorker(
                processor,
                localSignal,
                clock,
                config.visibilityTimeout(),
                config.sweepInterval(),
                claims,
                workerOutages);
        workers.add(w);
        workerPool.submit(w);
      }
      LOG.info("{} workers started", config.workerThreads());
    }
    return this;
  }

  /**
   * Starts the relay role: publishing the outbox to Redis (when configured) and the housekeeping
   * schedule (daily reference refresh, purge of old succeeded jobs, idempotency keys and replay
   * entries).
   */
  public synchronized Chassis startRelay() {
    if (transport != null && relay == null) {
      relay =
          new OutboxRelay(
              persistence.outboxRelayStore(),
              transport,
              localSignal,
              notifications,
              clock,
              config.sweepInterval(),
              config.reconcileAfter(),
              200);
      relayThread = new Thread(relay, "ledger-relay");
      relayThread.start();
      LOG.info("relay started (database outbox -> Redis Streams)");
    }
    if (housekeeping == null) {
      housekeeping =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ledger-housekeeping");
                t.setDaemon(true);
                return t;
              });
      ReferenceRefreshSweep sweep =
          new ReferenceRefreshSweep(
              bindings, persistence.referenceData(), refreshReference, clock, Duration.ofDays(1));
      // checked hourly; each binding is refreshed once its cache is a day old (or missing)
      housekeeping.scheduleWithFixedDelay(sweep, 1, 60, TimeUnit.MINUTES);
      housekeeping.scheduleWithFixedDelay(this::purge, 5, 60, TimeUnit.MINUTES);
      // refresh tokens unused for 25 days are refreshed before Sage lets them expire (31 days)
      housekeeping.scheduleWithFixedDelay(keepAlive, 2, 60, TimeUnit.MINUTES);
      if (config.entitySweep().enabled()) {
        long every = config.entitySweep().interval().toMinutes();
        // customers and products the store will not send again within its outbox retention
        housekeeping.scheduleWithFixedDelay(entitySweep, 10, every, TimeUnit.MINUTES);
      }
    }
    return this;
  }

  private void purge() {
    try {
      var summary =
          persistence
              .housekeeping()
              .purgeAll(
                  clock.instant().minus(Duration.ofDays(30)),
                  clock.instant().minus(Duration.ofDays(30)));
      LOG.info("housekeeping: {}", summary);
      purgeDisconnectedHistory();
      int sessions = ((io.ledgerbridge.ports.service.ConsoleAccessService) consoleAccess()).purge();
      if (sessions > 0) {
        LOG.info("housekeeping: {} expired console sessions removed", sessions);
      }
    } catch (RuntimeException e) {
      LOG.warn("housekeeping failed: {}", e.getMessage());
    }
  }

  /** How long the run history of a disconnected binding is kept (PRODUCT §5). */
  public static final Duration DISCONNECTED_RETENTION = Duration.ofDays(90);

  /**
   * Purges the ended runs of bindings disconnected for {@link #DISCONNECTED_RETENTION}; their
   * cross-references and any waiting runs stay.
   *
   * @return the runs purged
   */
  public int purgeDisconnectedHistory() {
    int purged = 0;
    for (String tenant :
        bindings.inStatusSince(
            io.ledgerbridge.core.binding.BindingStatus.DISCONNECTED,
            clock.instant().minus(DISCONNECTED_RETENTION))) {
      int n = persistence.housekeeping().purgeAllRunHistory(tenant);
      if (n > 0) {
        LOG.info(
            "housekeeping: purged {} ended runs of tenant {}, disconnected 90 days", n, tenant);
      }
      purged += n;
    }
    return purged;
  }

  public int httpPort() {
    if (http == null) {
      throw new IllegalStateException("web role not started");
    }
    return http.port();
  }

  /** The admin listener's port (console, /api, /admin, /metrics). */
  public int adminPort() {
    if (http == null) {
      throw new IllegalStateException("web role not started");
    }
    return http.adminPort();
  }

  /** Console accounts, sessions and the audit log (the CLI's {@code users} commands). */
  public synchronized io.ledgerbridge.ports.in.ConsoleAccessUseCase consoleAccess() {
    if (consoleAccess == null) {
      consoleAccess =
          new io.ledgerbridge.ports.service.ConsoleAccessService(
              persistence.operatorDirectory(),
              HttpInAdapter.passwordHasher(),
              persistence.bindings(),
              clock,
              config.console().idleTimeout());
    }
    return consoleAccess;
  }

  public RegisterBindingUseCase registration() {
    return registration;
  }

  public ManagePolicyUseCase managePolicy() {
    return managePolicy;
  }

  public RefreshReferenceDataUseCase refreshReference() {
    return refreshReference;
  }

  public PreviewInvoiceUseCase preview() {
    return preview;
  }

  public RetrySyncRunUseCase retry() {
    return retry;
  }

  public io.ledgerbridge.ports.in.ManageDeadLettersUseCase deadLetters() {
    return deadLetters;
  }

  public ConnectStoreUseCase connectStore() {
    return connectStore;
  }

  public ConnectSageUseCase connectSage() {
    return connectSage;
  }

  public DisconnectBindingUseCase disconnect() {
    return disconnect;
  }

  /**
   * The reconciliation sweep of customers and products (run every {@code LEDGER_ENTITY_SWEEP_HOURS}
   * by the relay role); tests and tools call it directly.
   */
  public io.ledgerbridge.ports.service.EntitySweepService entitySweep() {
    return entitySweep;
  }

  /** Refreshes Sage tokens left unused for 25 days (run hourly by the relay role). */
  public Runnable tokenKeepAlive() {
    return keepAlive;
  }

  public QuerySyncRunsUseCase query() {
    return query;
  }

  public PersistenceAdapter persistence() {
    return persistence;
  }

  /** The outbox ({@code jobs} table) as an operator sees it, with or without Redis Streams. */
  public OutboxMaintenance outbox() {
    return persistence.outboxMaintenance();
  }

  /** Puts one dead-lettered or stuck job of the outbox back to work (operator commands). */
  public RequeueJobService requeueJobs() {
    return requeueJobs;
  }

  /** Tells a store again the combined sync state of each of its entities (operator command). */
  public SyncStateBackfillService syncStateBackfill() {
    return syncStateBackfill;
  }

  /** Whether jobs are delivered through Redis Streams (fed from the database outbox). */
  public boolean deliversThroughRedis() {
    return transport != null;
  }

  /** The clock the chassis runs on. */
  public Clock clock() {
    return clock;
  }

  /** The job queue the roles share (for operator commands and tests). */
  public JobQueue jobQueue() {
    return queue;
  }

  /**
   * Stops accepting, lets workers finish the job they are on, stops the relay, then closes Redis
   * and the database. Jobs claimed but not started become visible again after the visibility
   * timeout.
   */
  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
      http = null;
    }
    if (groupAccept != null) {
      groupAccept.close(); // after the listener: every request it let in has its answer
      groupAccept = null;
    }
    if (readiness != null) {
      readiness.close();
      readiness = null;
    }
    if (queueGauges != null) {
      queueGauges.close();
    }
    if (housekeeping != null) {
      housekeeping.shutdownNow();
      housekeeping = null;
    }
    if (workerPool != null) {
      processor.stopHandoffs();
      workers.forEach(JobWorker::stop);
      workerPool.shutdown();
      try {
        if (!workerPool.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("workers did not stop within 30 s; their jobs become visible again later");
          workerPool.shutdownNow();
        }
      } catch (InterruptedException e) {
        workerPool.shutdownNow();
        Thread.currentThread().interrupt();
      }
      workerPool = null;
      processor.stopWritingEndsTogether(); // the runs the workers ended are written first
    }
    if (relay != null) {
      relay.stop();
      try {
        relayThread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      relay = null;
    }
    try {
      notifications.close();
    } catch (Exception e) {
      LOG.warn("closing notifications failed: {}", e.getMessage());
    }
    if (redis != null) {
      redis.close();
    }
    persistence.close();
  }
}
