package io.ledgerbridge.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Everything the reference app reads from its environment, with the defaults that make {@code serve}
 * work with no configuration at all (H2 file under {@code ./data}, JDBC queue, port 8080).
 *
 * @param dataDir {@code LEDGER_DATA_DIR}, default {@code ./data}
 * @param httpBind {@code LEDGER_HTTP_BIND}, default {@code 127.0.0.1}
 * @param httpPort {@code LEDGER_HTTP_PORT}, default 8080 (0 = any free port)
 * @param dbUrl {@code LEDGER_DB_URL}; null selects the embedded H2 file database
 * @param dbUser {@code LEDGER_DB_USER}
 * @param dbPassword {@code LEDGER_DB_PASSWORD}
 * @param dbPoolSize {@code LEDGER_DB_POOL_SIZE}, default 10
 * @param secretKey {@code LEDGER_SECRET_KEY} (base64 of 32 bytes); null = key file in the data dir
 * @param workerThreads {@code LEDGER_WORKER_THREADS}, default 4
 * @param sweepInterval {@code LEDGER_SWEEP_MS}, default 500 ms: how often idle workers look for
 *     delayed retries (new work wakes them at once)
 * @param visibilityTimeout {@code LEDGER_VISIBILITY_SECONDS}, default 300 s: a claimed job whose
 *     worker died becomes visible again after this
 * @param maxBodyBytes {@code LEDGER_MAX_BODY_BYTES}, default 1 MiB
 * @param adminToken {@code LEDGER_ADMIN_TOKEN}: bearer token of the admin API; unset = admin API
 *     disabled
 * @param redisUrl {@code LEDGER_REDIS_URL}; unset = no Redis (database job queue, database or
 *     in-process leases)
 * @param redisPrefix {@code LEDGER_REDIS_PREFIX}, default {@code lb:}: key prefix, so several
 *     installations can share one Redis
 * @param leaseTtl {@code LEDGER_LEASE_SECONDS}, default 120: how long a worker may hold a Sage
 *     business; a worker that died releases it when this passes
 * @param maxDeliveries {@code LEDGER_MAX_DELIVERIES}, default 5: deliveries of one job without an
 *     outcome (its workers died) before it is treated as poison
 * @param sageAppPerSecond {@code LEDGER_SAGE_APP_RPS}, default 15: Sage calls per second for the
 *     whole installation (Sage allows 1,296,000 a day per app)
 * @param sageBusinessPerSecond {@code LEDGER_SAGE_BUSINESS_RPS}, default 5: per Sage business
 * @param reconcileAfter {@code LEDGER_RECONCILE_SECONDS}, default 60: how old a Redis publication
 *     must be before the relay checks Redis still holds it (and republishes it if not)
 */
public record AppConfig(
    Path dataDir,
    String httpBind,
    int httpPort,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    byte[] secretKey,
    int workerThreads,
    Duration sweepInterval,
    Duration visibilityTimeout,
    int maxBodyBytes,
    String adminToken,
    String redisUrl,
    String redisPrefix,
    Duration leaseTtl,
    int maxDeliveries,
    int sageAppPerSecond,
    int sageBusinessPerSecond,
    Duration reconcileAfter) {

  public static AppConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static AppConfig from(Map<String, String> env) {
    return new AppConfig(
        Path.of(env.getOrDefault("LEDGER_DATA_DIR", "data")),
        env.getOrDefault("LEDGER_HTTP_BIND", "127.0.0.1"),
        intVar(env, "LEDGER_HTTP_PORT", 8080, 0, 65535),
        blankToNull(env.get("LEDGER_DB_URL")),
        blankToNull(env.get("LEDGER_DB_USER")),
        env.get("LEDGER_DB_PASSWORD"),
        intVar(env, "LEDGER_DB_POOL_SIZE", 10, 1, 500),
        secretKey(env.get("LEDGER_SECRET_KEY")),
        intVar(env, "LEDGER_WORKER_THREADS", 4, 1, 256),
        Duration.ofMillis(intVar(env, "LEDGER_SWEEP_MS", 500, 10, 600_000)),
        Duration.ofSeconds(intVar(env, "LEDGER_VISIBILITY_SECONDS", 300, 5, 86_400)),
        intVar(env, "LEDGER_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20),
        adminToken(env.get("LEDGER_ADMIN_TOKEN")),
        blankToNull(env.get("LEDGER_REDIS_URL")),
        env.getOrDefault("LEDGER_REDIS_PREFIX", "lb:"),
        Duration.ofSeconds(intVar(env, "LEDGER_LEASE_SECONDS", 120, 2, 3600)),
        intVar(env, "LEDGER_MAX_DELIVERIES", 5, 2, 100),
        intVar(env, "LEDGER_SAGE_APP_RPS", 15, 1, 10_000),
        intVar(env, "LEDGER_SAGE_BUSINESS_RPS", 5, 1, 10_000),
        Duration.ofSeconds(intVar(env, "LEDGER_RECONCILE_SECONDS", 60, 1, 86_400)));
  }

  public AppConfig withHttpPort(int port) {
    return new AppConfig(
        dataDir, httpBind, port, dbUrl, dbUser, dbPassword, dbPoolSize, secretKey, workerThreads,
        sweepInterval, visibilityTimeout, maxBodyBytes, adminToken, redisUrl, redisPrefix, leaseTtl,
        maxDeliveries, sageAppPerSecond, sageBusinessPerSecond, reconcileAfter);
  }

  public AppConfig withDataDir(Path dir) {
    return new AppConfig(
        dir, httpBind, httpPort, dbUrl, dbUser, dbPassword, dbPoolSize, secretKey, workerThreads,
        sweepInterval, visibilityTimeout, maxBodyBytes, adminToken, redisUrl, redisPrefix, leaseTtl,
        maxDeliveries, sageAppPerSecond, sageBusinessPerSecond, reconcileAfter);
  }

  public AppConfig withAdminToken(String token) {
    return new AppConfig(
        dataDir, httpBind, httpPort, dbUrl, dbUser, dbPassword, dbPoolSize, secretKey, workerThreads,
        sweepInterval, visibilityTimeout, maxBodyBytes, token, redisUrl, redisPrefix, leaseTtl,
        maxDeliveries, sageAppPerSecond, sageBusinessPerSecond, reconcileAfter);
  }

  private static String adminToken(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (raw.trim().length() < 16) {
      throw new ConfigException("LEDGER_ADMIN_TOKEN must be at least 16 characters");
    }
    return raw.trim();
  }

  private static int intVar(Map<String, String> env, String name, int dflt, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ": " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer: " + raw);
    }
  }

  private static byte[] secretKey(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("LEDGER_SECRET_KEY must be base64");
    }
    if (key.length != 32) {
      throw new ConfigException("LEDGER_SECRET_KEY must decode to 32 bytes, got " + key.length);
    }
    return key;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "AppConfig[dataDir=" + dataDir + ", http=" + httpBind + ":" + httpPort + ", db="
        + (dbUrl == null ? "embedded H2" : redactUrl(dbUrl))
        + (redisUrl == null ? "" : ", redis=" + redactUrl(redisUrl.replaceAll("//[^@/]*@", "//***@")))
        + ", workers=" + workerThreads + "]";
  }

  private static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** A configuration value is unusable; the message names the variable. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
