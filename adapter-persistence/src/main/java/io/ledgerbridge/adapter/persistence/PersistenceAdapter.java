package io.ledgerbridge.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.OperatorDirectory;
import io.ledgerbridge.ports.out.OutboxMaintenance;
import io.ledgerbridge.ports.out.OutboxRelayStore;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The persistence adapter's one entry point. {@link #start} migrates the schema with Flyway, opens
 * a HikariCP pool and hands out the repositories, the JDBC job queue and the unit of work they all
 * join. Close it last; it closes the pool.
 */
public final class PersistenceAdapter implements AutoCloseable {
  /** Name of the generated master key file in the data directory. */
  public static final String KEY_FILE = "secret.key";

  private final DataSource dataSource;

  /** The pool this adapter opened and closes; null when the embedder owns the data source. */
  private final HikariDataSource ownPool;

  private final Db db;
  private final JdbiBindingRepository bindings;
  private final JdbiTokenVault tokenVault;
  private final JdbiPolicyRepository policies;
  private final JdbiReferenceDataRepository referenceData;
  private final JdbiSyncRunRepository syncRuns;
  private final JdbiSyncAttemptRepository syncAttempts;
  private final JdbiEntityXrefRepository entityXrefs;
  private final JdbiIdempotencyRepository idempotency;
  private final JdbiReplayGuard replayGuard;
  private final JdbiOperatorDirectory operatorDirectory;
  private final JdbcJobQueue jobQueue;
  private final JdbcOutboxRelayStore relayStore;
  private final JdbcOutboxMaintenance outboxMaintenance;
  private final JdbiBusinessLease businessLease;
  private final JdbiHousekeeping housekeeping;
  private final PersistenceConfig cfg;
  private final List<NotificationChannel> channels = new CopyOnWriteArrayList<>();

  private PersistenceAdapter(
      DataSource dataSource,
      HikariDataSource ownPool,
      PersistenceConfig cfg,
      byte[] secretKey,
      Clock clock) {
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.cfg = cfg;
    Dialect dialect = Dialect.detect(dataSource);
    this.db = new Db(Jdbi.create(dataSource), dialect, clock);
    SecretCipher cipher = new SecretCipher(secretKey);
    this.bindings = new JdbiBindingRepository(db, cipher);
    this.tokenVault = new JdbiTokenVault(db, cipher);
    this.policies = new JdbiPolicyRepository(db);
    this.referenceData = new JdbiReferenceDataRepository(db);
    this.syncRuns = new JdbiSyncRunRepository(db);
    this.syncAttempts = new JdbiSyncAttemptRepository(db);
    this.entityXrefs = new JdbiEntityXrefRepository(db);
    this.idempotency = new JdbiIdempotencyRepository(db);
    this.replayGuard = new JdbiReplayGuard(db);
    this.operatorDirectory = new JdbiOperatorDirectory(db);
    this.jobQueue = new JdbcJobQueue(db);
    this.relayStore = new JdbcOutboxRelayStore(db);
    this.outboxMaintenance = new JdbcOutboxMaintenance(db);
    this.businessLease = new JdbiBusinessLease(db);
    this.housekeeping = new JdbiHousekeeping(db, replayGuard, businessLease);
  }

  /** Opens the pool, migrates the schema to the newest version and builds the repositories. */
  public static PersistenceAdapter start(PersistenceConfig cfg) {
    return start(cfg, null);
  }

  /**
   * Like {@link #start(PersistenceConfig)}, with the pool's metrics ({@code
   * hikaricp_connections...}, pool {@code ledgerbridge-db}) registered on {@code metricRegistry}: a
   * Micrometer {@code MeterRegistry}, or any registry HikariCP's {@code setMetricRegistry} accepts.
   * It is handed to HikariCP as it is, so this adapter does not depend on a metrics library; null
   * registers none.
   */
  public static PersistenceAdapter start(PersistenceConfig cfg, Object metricRegistry) {
    HikariConfig hc = new HikariConfig();
    if (metricRegistry != null) {
      hc.setMetricRegistry(metricRegistry);
    }
    hc.setPoolName("ledgerbridge-db");
    hc.setJdbcUrl(cfg.jdbcUrl());
    if (cfg.user() != null) {
      hc.setUsername(cfg.user());
    }
    if (cfg.password() != null) {
      hc.setPassword(cfg.password());
    }
    hc.setMaximumPoolSize(cfg.maxPoolSize());
    hc.setMinimumIdle(Math.min(2, cfg.maxPoolSize()));
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      migrate(ds);
      return new PersistenceAdapter(ds, ds, cfg, cfg.secretKey(), cfg.clock());
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  /**
   * Runs on a data source the embedding application owns (a PostgreSQL pool, or H2 opened with
   * {@link PersistenceConfig}'s options): migrates the schema, builds the repositories, and never
   * closes the data source. The PostgreSQL wake-up channel keeps one of its connections.
   *
   * @param secretKey the 32-byte AES-256 master key for secrets at rest
   * @param clock source of bookkeeping timestamps; null = system UTC
   */
  public static PersistenceAdapter start(DataSource dataSource, byte[] secretKey, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (secretKey == null || secretKey.length != SecretCipher.KEY_BYTES) {
      throw new IllegalArgumentException("secretKey must be exactly 32 bytes");
    }
    migrate(dataSource);
    return new PersistenceAdapter(
        dataSource, null, null, secretKey.clone(), clock == null ? Clock.systemUTC() : clock);
  }

  private static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
  }

  public BindingRepository bindings() {
    return bindings;
  }

  public TokenVault tokenVault() {
    return tokenVault;
  }

  public PolicyRepository policies() {
    return policies;
  }

  /** The per-binding cache of Sage reference data ({@code reference_cache}). */
  public ReferenceDataRepository referenceData() {
    return referenceData;
  }

  public SyncRunRepository syncRuns() {
    return syncRuns;
  }

  public SyncAttemptRepository syncAttempts() {
    return syncAttempts;
  }

  public EntityXrefRepository entityXrefs() {
    return entityXrefs;
  }

  public IdempotencyRepository idempotency() {
    return idempotency;
  }

  public ReplayGuard replayGuard() {
    return replayGuard;
  }

  /** Console accounts, sessions, API tokens, login failures and the audit log. */
  public OperatorDirectory operatorDirectory() {
    return operatorDirectory;
  }

  public JobQueue jobQueue() {
    return jobQueue;
  }

  /**
   * The relay's view of the {@code jobs} outbox when a separate transport (Redis Streams) delivers
   * jobs: claims unpublished due jobs for publishing, lists published pending ones for
   * reconciliation. Joins the caller's unit of work like {@link #jobQueue}.
   */
  public OutboxRelayStore outboxRelayStore() {
    return relayStore;
  }

  /**
   * The operator's view of the {@code jobs} outbox: counts and rows by state, tenant and age,
   * releasing a dead worker's lease, deleting ended jobs. The table is the outbox with or without
   * Redis Streams.
   */
  public OutboxMaintenance outboxMaintenance() {
    return outboxMaintenance;
  }

  /**
   * Per-Sage-business leases in the database ({@code business_leases}), timed by the configured
   * clock: processes sharing the database need synchronised clocks. Each call commits on its own.
   */
  public BusinessLease businessLease() {
    return businessLease;
  }

  /**
   * How many jobs are pending and due, and the age of the oldest due one (metrics). One aggregate
   * query per call: poll it every few seconds and cache the answer, never once per scrape.
   */
  public JobQueueDepth jobQueueDepth() {
    return jobQueue.depth();
  }

  /** Batched purges of succeeded jobs, old idempotency keys, expired replay entries and leases. */
  public Housekeeping housekeeping() {
    return housekeeping;
  }

  /**
   * A wake-up channel named {@code channel} ({@code [a-z_]{1,63}}): {@code wake()} on any channel
   * of that name, in any process on the same PostgreSQL database, runs {@code onNotify} here (on a
   * listener thread; this channel's own {@code wake()} runs it directly, on the caller's thread,
   * and its NOTIFY only tells the others). On PostgreSQL this holds one extra connection outside
   * the pool, reconnects by itself, and runs {@code onNotify} once after every reconnect; on H2
   * {@code wake()} runs {@code onNotify} directly. Closed with the adapter if not before.
   */
  public NotificationChannel notifications(String channel, Runnable onNotify) {
    NotificationChannel.checkName(channel);
    Objects.requireNonNull(onNotify, "onNotify");
    NotificationChannel c =
        db.dialect == Dialect.POSTGRES
            ? new PgNotificationChannel(channel, onNotify, this::openDedicatedConnection)
            : new LocalNotificationChannel(channel, onNotify);
    channels.add(c);
    return c;
  }

  /**
   * A connection outside the pool, with the pool's URL and credentials; on an embedder's data
   * source, one of its connections (kept until the channel closes).
   */
  private Connection openDedicatedConnection() throws SQLException {
    if (cfg == null) {
      return dataSource.getConnection();
    }
    Properties props = new Properties();
    if (cfg.user() != null) {
      props.setProperty("user", cfg.user());
    }
    if (cfg.password() != null) {
      props.setProperty("password", cfg.password());
    }
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "ledgerbridge-listener");
    return DriverManager.getConnection(cfg.jdbcUrl(), props);
  }

  /** The transaction every repository of this adapter joins on the calling thread. */
  public UnitOfWork unitOfWork() {
    return db.uow;
  }

  /** {@code H2} or {@code PostgreSQL}. */
  public String databaseProduct() {
    return db.dialect == Dialect.H2 ? "H2" : "PostgreSQL";
  }

  /** True if the database answers a trivial query (for health checks). */
  public boolean ping() {
    try {
      return db.call("ping", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Deletes replay-guard entries whose expiry has passed; returns how many. */
  public int purgeExpiredReplayGuards() {
    return replayGuard.purgeExpired();
  }

  @Override
  public void close() {
    for (NotificationChannel c : channels) {
      c.close();
    }
    channels.clear();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /**
   * The master key: {@code configured} (base64 of 32 bytes, or 64 hex digits, e.g. from {@code
   * LEDGER_SECRET_KEY}) if given, else the key file in {@code dataDir} (created if missing).
   */
  public static byte[] masterKey(String configured, Path dataDir) {
    if (configured == null || configured.isBlank()) {
      return loadOrCreateKeyFile(dataDir);
    }
    return decodeKey(configured.trim(), "the configured secret key");
  }

  /**
   * Reads {@code <dataDir>/secret.key} (base64 of 32 random bytes), creating the directory and the
   * file with owner-only permissions (600 where the file system supports POSIX) if it is missing.
   */
  public static byte[] loadOrCreateKeyFile(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text =
            (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
          if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } else {
            Files.createFile(file);
          }
          Files.write(file, text);
          return key;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: read theirs
        }
      }
      String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return decodeKey(stored, "key file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + file, e);
    }
  }

  private static byte[] decodeKey(String text, String what) {
    byte[] key;
    try {
      key =
          text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)
              ? HexFormat.of().parseHex(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is neither base64 nor hex");
    }
    if (key.length != SecretCipher.KEY_BYTES) {
      throw new IllegalArgumentException(what + " must hold exactly 32 bytes");
    }
    return key;
  }
}
