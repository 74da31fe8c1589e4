package io.ledgerbridge.adapter.persistence;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach the database and how to encrypt secrets.
 *
 * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:h2:...}; H2 URLs without a {@code
 *     MODE} get {@code MODE=PostgreSQL}
 * @param user database user (may be null for URLs that carry it)
 * @param password database password, or null
 * @param maxPoolSize largest number of pooled connections, at least 1
 * @param secretKey the 32-byte AES-256 master key for secrets at rest (copied)
 * @param clock source of bookkeeping timestamps (updated_at, replay expiry); null = system UTC
 */
public record PersistenceConfig(
    String jdbcUrl, String user, String password, int maxPoolSize, byte[] secretKey, Clock clock) {

  /**
   * H2 options that let the one portable schema and SQL run on H2. Each connection keeps its 64
   * most recent parsed statements (H2's default of 8 is fewer than the distinct statements of one
   * job, so every statement was parsed again: about a tenth of a worker's time).
   */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
          + ";QUERY_CACHE_SIZE=64";

  public PersistenceConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
    if (secretKey == null || secretKey.length != 32) {
      throw new IllegalArgumentException("secretKey must be exactly 32 bytes");
    }
    secretKey = secretKey.clone();
    clock = clock == null ? Clock.systemUTC() : clock;
    if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains(";MODE=")) {
      jdbcUrl = jdbcUrl + ";MODE=PostgreSQL";
    }
  }

  /** The embedded default: an H2 file {@code <dataDir>/ledgerbridge.mv.db}. */
  public static PersistenceConfig embedded(Path dataDir, byte[] secretKey) {
    String file = dataDir.toAbsolutePath().normalize().resolve("ledgerbridge").toString();
    return new PersistenceConfig(
        "jdbc:h2:file:" + file + H2_OPTIONS + ";DB_CLOSE_ON_EXIT=FALSE",
        "sa",
        "",
        10,
        secretKey,
        null);
  }

  /** A private in-memory H2 database that lives until the adapter is closed (tests, demos). */
  public static PersistenceConfig inMemory(String name, byte[] secretKey) {
    return new PersistenceConfig(
        "jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", 10, secretKey, null);
  }

  public static PersistenceConfig postgres(
      String jdbcUrl, String user, String password, int maxPoolSize, byte[] secretKey) {
    return new PersistenceConfig(jdbcUrl, user, password, maxPoolSize, secretKey, null);
  }

  public PersistenceConfig withClock(Clock c) {
    return new PersistenceConfig(jdbcUrl, user, password, maxPoolSize, secretKey, c);
  }

  public PersistenceConfig withMaxPoolSize(int size) {
    return new PersistenceConfig(jdbcUrl, user, password, size, secretKey, clock);
  }

  @Override
  public byte[] secretKey() {
    return secretKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersistenceConfig c
        && jdbcUrl.equals(c.jdbcUrl)
        && Objects.equals(user, c.user)
        && Objects.equals(password, c.password)
        && maxPoolSize == c.maxPoolSize
        && Arrays.equals(secretKey, c.secretKey)
        && clock.equals(c.clock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jdbcUrl, user, maxPoolSize, clock);
  }

  /** Never shows the password or the key. */
  @Override
  public String toString() {
    return "PersistenceConfig["
        + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***")
        + " user="
        + user
        + " pool="
        + maxPoolSize
        + "]";
  }
}
