package io.ledgerbridge.bench.load;

import io.ledgerbridge.adapter.redis.RedisAdapter;
import io.ledgerbridge.adapter.redis.RedisConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One benchmark's private substrate: a fresh H2 data directory, or a fresh PostgreSQL schema {@code
 * bench_<random>} (and a unique Redis key prefix), all removed again on close.
 */
final class Substrate implements AutoCloseable {
  enum Kind {
    EMBEDDED,
    POSTGRES,
    POSTGRES_REDIS;

    static Kind parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  final Kind kind;
  final Path dataDir;
  final String schema;
  final String redisPrefix;
  private final String pgUrl;
  private final String pgUser;
  private final String pgPassword;
  private final String redisUrl;
  private final byte[] secretKey;

  private Substrate(
      Kind kind,
      Path dataDir,
      String schema,
      String redisPrefix,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl) {
    this.kind = kind;
    this.dataDir = dataDir;
    this.schema = schema;
    this.redisPrefix = redisPrefix;
    this.pgUrl = pgUrl;
    this.pgUser = pgUser;
    this.pgPassword = pgPassword;
    this.redisUrl = redisUrl;
    this.secretKey = new byte[32];
    new SecureRandom().nextBytes(secretKey);
  }

  static Substrate open(Kind kind, String pgUrl, String pgUser, String pgPassword, String redisUrl)
      throws IOException {
    String suffix = HexFormat.of().formatHex(randomBytes(4));
    Path dir = Files.createTempDirectory("ledger-bench-");
    String schema = kind == Kind.EMBEDDED ? null : "bench_" + suffix;
    String prefix = kind == Kind.POSTGRES_REDIS ? "lbbench" + suffix + ":" : null;
    Substrate s = new Substrate(kind, dir, schema, prefix, pgUrl, pgUser, pgPassword, redisUrl);
    if (schema != null) {
      s.sql("CREATE SCHEMA " + schema);
    }
    return s;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  byte[] secretKey() {
    return secretKey.clone();
  }

  String jdbcUrl() {
    return schema == null
        ? null
        : pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  String pgUser() {
    return pgUser;
  }

  String pgPassword() {
    return pgPassword;
  }

  String redisUrl() {
    return kind == Kind.POSTGRES_REDIS ? redisUrl : null;
  }

  /** The environment a chassis on this substrate reads ({@code AppConfig.from}). */
  Map<String, String> environment(int workerThreads) {
    Map<String, String> env = new HashMap<>();
    env.put("LEDGER_DATA_DIR", dataDir.toString());
    env.put("LEDGER_HTTP_PORT", "0");
    env.put("LEDGER_SECRET_KEY", Base64.getEncoder().encodeToString(secretKey));
    env.put("LEDGER_WORKER_THREADS", Integer.toString(workerThreads));
    env.put("LEDGER_LOG_LEVEL", "WARN");
    if (schema != null) {
      env.put("LEDGER_DB_URL", jdbcUrl());
      env.put("LEDGER_DB_USER", pgUser);
      if (pgPassword != null) {
        env.put("LEDGER_DB_PASSWORD", pgPassword);
      }
    }
    if (redisPrefix != null) {
      env.put("LEDGER_REDIS_URL", redisUrl);
      env.put("LEDGER_REDIS_PREFIX", redisPrefix);
    }
    return env;
  }

  private void sql(String statement) {
    sql(pgUrl, statement);
  }

  /** Runs {@code statements} in this substrate's schema, in order (the PostgreSQL substrates). */
  void sqlInSchema(String... statements) {
    if (schema == null) {
      throw new IllegalStateException("the embedded substrate has no PostgreSQL schema");
    }
    for (String statement : statements) {
      sql(jdbcUrl(), statement);
    }
  }

  private void sql(String url, String statement) {
    try (Connection c = DriverManager.getConnection(url, pgUser, pgPassword);
        Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Drops the schema, deletes the Redis keys under the prefix and the data directory. */
  @Override
  public void close() {
    if (schema != null) {
      try {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (RuntimeException e) {
        System.err.println("could not drop schema " + schema + ": " + e.getMessage());
      }
    }
    if (redisPrefix != null) {
      try (RedisAdapter redis =
          RedisAdapter.connect(new RedisConfig(redisUrl, redisPrefix, 1), Clock.systemUTC())) {
        redis.deleteAllKeys();
      } catch (RuntimeException e) {
        System.err.println("could not delete Redis keys " + redisPrefix + "*: " + e.getMessage());
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dataDir + ": " + e.getMessage());
    }
  }
}
