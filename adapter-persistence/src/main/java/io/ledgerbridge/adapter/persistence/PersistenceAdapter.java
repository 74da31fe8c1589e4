package io.ledgerbridge.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.JobQueue;
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
import java.util.Base64;
import java.util.HexFormat;
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

  private final HikariDataSource dataSource;
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
  private final JdbcJobQueue jobQueue;

  private PersistenceAdapter(HikariDataSource dataSource, PersistenceConfig cfg) {
    this.dataSource = dataSource;
    Dialect dialect = Dialect.detect(dataSource);
    this.db = new Db(Jdbi.create(dataSource), dialect, cfg.clock());
    SecretCipher cipher = new SecretCipher(cfg.secretKey());
    this.bindings = new JdbiBindingRepository(db, cipher);
    this.tokenVault = new JdbiTokenVault(db, cipher);
    this.policies = new JdbiPolicyRepository(db);
    this.referenceData = new JdbiReferenceDataRepository(db);
    this.syncRuns = new JdbiSyncRunRepository(db);
    this.syncAttempts = new JdbiSyncAttemptRepository(db);
    this.entityXrefs = new JdbiEntityXrefRepository(db);
    this.idempotency = new JdbiIdempotencyRepository(db);
    this.replayGuard = new JdbiReplayGuard(db);
    this.jobQueue = new JdbcJobQueue(db);
  }

  /** Opens the pool, migrates the schema to the newest version and builds the repositories. */
  public static PersistenceAdapter start(PersistenceConfig cfg) {
    HikariConfig hc = new HikariConfig();
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
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return new PersistenceAdapter(ds, cfg);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
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

  public JobQueue jobQueue() {
    return jobQueue;
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
    dataSource.close();
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
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
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
