package io.ledgerbridge.app;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.RegisterBindingUseCase;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The chassis inside another JVM application: configured with typed values, started and stopped by
 * the host. It never reads environment variables and configures no logging (the host's SLF4J
 * binding gets the chassis's logs).
 *
 * <pre>{@code
 * try (LedgerBridge bridge =
 *     LedgerBridge.builder()
 *         .dataSource(hostPool)            // PostgreSQL; migrated on start, never closed
 *         .secretKey(key32Bytes)           // AES-256 key for the secrets at rest
 *         .redis("redis://127.0.0.1:6379", "lb:")
 *         .http("0.0.0.0", 8080)           // the store's webhooks; omit for a worker-only host
 *         .build()
 *         .start()) {
 *   bridge.registration().register(...);
 * }
 * }</pre>
 *
 * Without {@link Builder#dataSource} the chassis runs on its own database: the embedded H2 file in
 * {@link Builder#dataDirectory} unless {@link Builder#database} names PostgreSQL.
 */
public final class LedgerBridge implements AutoCloseable {

  /** What one process runs; several processes can share the work on PostgreSQL (and Redis). */
  public enum Role {
    /** The HTTP listener: the store's webhooks and status routes, health, dashboard, admin API. */
    WEB,
    /** Worker threads: sync jobs and status pushes. */
    WORKER,
    /** The outbox relay to Redis (when configured) and housekeeping. */
    RELAY
  }

  private final AppConfig config;
  private final Clock clock;
  private final DataSource dataSource;
  private final Set<Role> roles;
  private final MeterRegistry meterRegistry;
  private Chassis chassis;

  private LedgerBridge(
      AppConfig config,
      Clock clock,
      DataSource dataSource,
      Set<Role> roles,
      MeterRegistry meterRegistry) {
    this.meterRegistry = meterRegistry;
    this.config = config;
    this.clock = clock;
    this.dataSource = dataSource;
    this.roles = roles;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the database (running migrations) and Redis, then starts the configured roles. Returns
   * this, so {@code builder()...build().start()} reads as one statement.
   */
  public synchronized LedgerBridge start() {
    if (chassis != null) {
      throw new IllegalStateException("already started");
    }
    Chassis c = Chassis.open(config, clock, dataSource, meterRegistry);
    try {
      if (roles.contains(Role.WEB)) {
        c.startWeb();
      }
      if (roles.contains(Role.WORKER)) {
        c.startWorkers();
      }
      if (roles.contains(Role.RELAY)) {
        c.startRelay();
      }
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    chassis = c;
    return this;
  }

  /** The configuration the bridge runs with (the secret key included: do not log it). */
  public AppConfig config() {
    return config;
  }

  /** The HTTP port (useful with port 0); {@link IllegalStateException} without the web role. */
  public int httpPort() {
    return running().httpPort();
  }

  /** The admin listener's port (console, /api, /admin, /metrics); needs the web role. */
  public int adminPort() {
    return running().adminPort();
  }

  /** Console accounts, sessions and the audit log. */
  public io.ledgerbridge.ports.in.ConsoleAccessUseCase consoleAccess() {
    return running().consoleAccess();
  }

  /** Registers bindings (a store paired with a Sage business). */
  public RegisterBindingUseCase registration() {
    return running().registration();
  }

  public ManagePolicyUseCase policies() {
    return running().managePolicy();
  }

  public RefreshReferenceDataUseCase referenceData() {
    return running().refreshReference();
  }

  public PreviewInvoiceUseCase preview() {
    return running().preview();
  }

  public QuerySyncRunsUseCase runs() {
    return running().query();
  }

  public RetrySyncRunUseCase retry() {
    return running().retry();
  }

  private synchronized Chassis running() {
    if (chassis == null) {
      throw new IllegalStateException("not started: call start() first");
    }
    return chassis;
  }

  /**
   * Stops accepting, lets workers finish the job they are on, then closes Redis and the database
   * (an embedder's data source stays open).
   */
  @Override
  public synchronized void close() {
    if (chassis != null) {
      chassis.close();
      chassis = null;
    }
  }

  /** Typed configuration; every value has the default of the command line's environment. */
  public static final class Builder {
    private final AppConfig.Builder config = AppConfig.builder();
    private Clock clock = Clock.systemUTC();
    private DataSource dataSource;
    private boolean http;
    private Set<Role> roles;
    private MeterRegistry meterRegistry;

    private Builder() {}

    /**
     * Records the chassis's metrics (webhooks, runs, jobs, Sage and store calls, the queue's depth;
     * ADR 0022, names in {@code docs/operations.md}) on the host's registry, and the pool's when
     * the bridge runs its own. A {@code PrometheusMeterRegistry} is also served as {@code GET
     * /metrics} by the web role. The JVM's meters are the host's to bind. Without it: no metrics.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Runs on the host's PostgreSQL pool: migrated on start, never closed by the bridge. */
    public Builder dataSource(DataSource ds) {
      this.dataSource = Objects.requireNonNull(ds, "dataSource");
      return this;
    }

    /** Runs on its own pool to PostgreSQL at {@code jdbcUrl}. */
    public Builder database(String jdbcUrl, String user, String password, int poolSize) {
      config.database(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password);
      config.dbPoolSize(poolSize);
      return this;
    }

    /** Where the embedded H2 file and the generated key file live (default {@code ./data}). */
    public Builder dataDirectory(Path dir) {
      config.dataDir(dir);
      return this;
    }

    /** The 32-byte AES-256 key for secrets at rest; without it, a key file in the data dir. */
    public Builder secretKey(byte[] key) {
      config.secretKey(Objects.requireNonNull(key, "secretKey"));
      return this;
    }

    /** Job delivery, replay guard, leases and rate limits through Redis. */
    public Builder redis(String url, String keyPrefix) {
      config.redis(Objects.requireNonNull(url, "url"), keyPrefix);
      return this;
    }

    /** Serves HTTP on {@code bind}:{@code port} (0 = any free port); off unless called. */
    public Builder http(String bind, int port) {
      config.httpBind(bind).httpPort(port);
      this.http = true;
      return this;
    }

    /**
     * The admin listener (console, {@code /api}, admin API, {@code /metrics}) of the web role; by
     * default {@code 127.0.0.1:8081}, or any free loopback port when {@link #http} was given port 0
     * ({@link LedgerBridge#adminPort()} tells which).
     */
    public Builder adminHttp(String bind, int port) {
      AppConfig.Console current = config.build().console();
      config.console(new AppConfig.Console(bind, port, current.idleTimeout(), current.url()));
      return this;
    }

    /** The largest webhook body accepted (default 1 MiB). */
    public Builder maxBodyBytes(int bytes) {
      config.maxBodyBytes(bytes);
      return this;
    }

    /** Turns the admin API on, guarded by this bearer token (16+ characters). */
    public Builder adminToken(String token) {
      config.adminToken(Objects.requireNonNull(token, "adminToken"));
      return this;
    }

    public Builder workerThreads(int threads) {
      config.workerThreads(threads);
      return this;
    }

    /** Client-side Sage limits: calls per second for the installation and per business. */
    public Builder sageRates(int appPerSecond, int businessPerSecond) {
      config.sageRates(appPerSecond, businessPerSecond);
      return this;
    }

    /** How long a worker may hold a Sage business (default 120 s). */
    public Builder leaseTtl(Duration ttl) {
      config.leaseTtl(ttl);
      return this;
    }

    /** How often idle workers look for delayed retries (default 500 ms). */
    public Builder sweepInterval(Duration interval) {
      config.sweepInterval(interval);
      return this;
    }

    /** The roles to start; default: worker and relay, plus web when {@link #http} was called. */
    public Builder roles(Role first, Role... more) {
      this.roles = EnumSet.of(first, more);
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    public LedgerBridge build() {
      Set<Role> chosen = roles;
      if (chosen == null) {
        chosen = http ? EnumSet.allOf(Role.class) : EnumSet.of(Role.WORKER, Role.RELAY);
      }
      if (chosen.contains(Role.WEB) && !http) {
        throw new IllegalStateException("the web role needs http(bind, port)");
      }
      return new LedgerBridge(config.build(), clock, dataSource, Set.copyOf(chosen), meterRegistry);
    }
  }
}
