package io.ledgerbridge.app;

import io.ledgerbridge.adapter.http.in.HttpInAdapter;
import io.ledgerbridge.adapter.http.in.HttpInConfig;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.RegisterBindingUseCase;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.service.AcceptWebhookService;
import io.ledgerbridge.ports.service.InProcessJobSignal;
import io.ledgerbridge.ports.service.JobWorker;
import io.ledgerbridge.ports.service.ManagePolicyService;
import io.ledgerbridge.ports.service.PreviewInvoiceService;
import io.ledgerbridge.ports.service.RefreshReferenceDataService;
import io.ledgerbridge.ports.service.ReferenceRefreshSweep;
import io.ledgerbridge.ports.service.QuerySyncRunsService;
import io.ledgerbridge.ports.service.RegisterBindingService;
import io.ledgerbridge.ports.service.SyncJobProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter and service from an {@link AppConfig}, leaves first,
 * and closes them in reverse order. Roles: the web listener and the workers can be started
 * separately; {@code serve} starts both.
 */
public final class Chassis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Chassis.class);

  private final AppConfig config;
  private final Clock clock;
  private final PersistenceAdapter persistence;
  private final InProcessJobSignal signal = new InProcessJobSignal();
  private final AcceptWebhookService accept;
  private final SyncJobProcessor processor;
  private final QuerySyncRunsService query;
  private final RegisterBindingService registration;
  private final ManagePolicyService managePolicy;
  private final RefreshReferenceDataService refreshReference;
  private final PreviewInvoiceService preview;
  private final List<JobWorker> workers = new ArrayList<>();
  private ExecutorService workerPool;
  private ScheduledExecutorService housekeeping;
  private HttpInAdapter http;

  private Chassis(AppConfig config, Clock clock, PersistenceAdapter persistence) {
    this.config = config;
    this.clock = clock;
    this.persistence = persistence;
    Supplier<UUID> ids = UUID::randomUUID;
    StoreGateway store = MagentoAdapter.storeGateway(clock, ids);
    AccountingGateway sage = SageAdapter.accountingGateway(persistence.tokenVault(), clock);
    this.accept =
        new AcceptWebhookService(
            persistence.bindings(), persistence.policies(), persistence.syncRuns(),
            persistence.idempotency(), persistence.jobQueue(), persistence.unitOfWork(), signal,
            clock, ids);
    this.processor =
        new SyncJobProcessor(
            new SyncJobProcessor.Dependencies(
                persistence.bindings(), persistence.policies(), persistence.syncRuns(),
                persistence.syncAttempts(), persistence.entityXrefs(), persistence.jobQueue(),
                persistence.unitOfWork(), signal, store, sage, BackoffLadder.standard(), clock,
                ids));
    this.query = new QuerySyncRunsService(persistence.syncRuns(), persistence.syncAttempts());
    this.registration =
        new RegisterBindingService(
            persistence.bindings(), persistence.tokenVault(), persistence.policies(),
            persistence.unitOfWork());
    this.managePolicy =
        new ManagePolicyService(
            persistence.bindings(), persistence.policies(), persistence.referenceData());
    this.refreshReference =
        new RefreshReferenceDataService(
            persistence.bindings(), sage, persistence.referenceData(), clock);
    this.preview =
        new PreviewInvoiceService(
            persistence.bindings(), persistence.policies(), persistence.referenceData(),
            persistence.entityXrefs(), sage);
  }

  /** Opens the database (running migrations) and wires everything; starts no threads. */
  public static Chassis open(AppConfig config) {
    return open(config, Clock.systemUTC());
  }

  public static Chassis open(AppConfig config, Clock clock) {
    PersistenceAdapter persistence = PersistenceAdapter.start(persistenceConfig(config, clock));
    LOG.info("database ready: {}", persistence.databaseProduct());
    return new Chassis(config, clock, persistence);
  }

  static PersistenceConfig persistenceConfig(AppConfig config, Clock clock) {
    byte[] key =
        config.secretKey() != null
            ? config.secretKey()
            : PersistenceAdapter.loadOrCreateKeyFile(dataDir(config));
    PersistenceConfig pc;
    if (config.dbUrl() == null) {
      // AUTO_SERVER lets a second process (the operator CLI) open the file while serve runs.
      PersistenceConfig embedded = PersistenceConfig.embedded(dataDir(config), key);
      pc =
          new PersistenceConfig(
              embedded.jdbcUrl().replace(";DB_CLOSE_ON_EXIT=FALSE", "") + ";AUTO_SERVER=TRUE", embedded.user(), embedded.password(),
              config.dbPoolSize(), key, null);
    } else {
      pc =
          PersistenceConfig.postgres(
              config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(), key);
    }
    return pc.withClock(clock);
  }

  private static Path dataDir(AppConfig config) {
    try {
      return Files.createDirectories(config.dataDir());
    } catch (java.io.IOException e) {
      throw new AppConfig.ConfigException(
          "cannot create LEDGER_DATA_DIR " + config.dataDir() + ": " + e.getMessage());
    }
  }

  /** Starts the HTTP listener (the {@code web} role). */
  public synchronized Chassis startWeb() {
    if (http == null) {
      http =
          HttpInAdapter.builder(
                  new HttpInConfig(
                      config.httpBind(), config.httpPort(), config.maxBodyBytes(),
                      HttpInConfig.DEFAULT_WORKER_THREADS))
              .accept(accept)
              .authenticator(
                  MagentoAdapter.webhookAuthenticator(
                      persistence.bindings(), persistence.replayGuard(), clock))
              .query(query)
              .health(persistence::ping)
              .bindings(persistence.bindings()::find)
              .clock(clock)
              .adminToken(config.adminToken())
              .managePolicy(managePolicy)
              .refreshReference(refreshReference)
              .preview(preview)
              .invoiceParser(MagentoAdapter::parseCanonicalInvoice)
              .start();
      LOG.info("http listening on {}:{}", config.httpBind(), http.port());
    }
    return this;
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
      for (int i = 0; i < config.workerThreads(); i++) {
        JobWorker w =
            new JobWorker(
                persistence.jobQueue(), processor, signal, clock, config.visibilityTimeout(),
                config.sweepInterval(), 1);
        workers.add(w);
        workerPool.submit(w);
      }
      LOG.info("{} workers started", config.workerThreads());
      housekeeping =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ledger-housekeeping");
                t.setDaemon(true);
                return t;
              });
      ReferenceRefreshSweep sweep =
          new ReferenceRefreshSweep(
              persistence.bindings(), persistence.referenceData(), refreshReference, clock,
              Duration.ofDays(1));
      // checked hourly; each binding is refreshed once its cache is a day old (or missing)
      housekeeping.scheduleWithFixedDelay(sweep, 1, 60, TimeUnit.MINUTES);
    }
    return this;
  }

  public int httpPort() {
    if (http == null) {
      throw new IllegalStateException("web role not started");
    }
    return http.port();
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

  public QuerySyncRunsUseCase query() {
    return query;
  }

  public PersistenceAdapter persistence() {
    return persistence;
  }

  /** Stops accepting, lets workers finish their current job, then closes the database. */
  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
      http = null;
    }
    if (housekeeping != null) {
      housekeeping.shutdownNow();
      housekeeping = null;
    }
    if (workerPool != null) {
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
    }
    persistence.close();
  }
}
