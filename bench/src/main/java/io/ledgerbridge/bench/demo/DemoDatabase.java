package io.ledgerbridge.bench.demo;

import io.ledgerbridge.app.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Where the demo keeps its data, so that it never touches the database it is pointed at and can run
 * again at once. Without {@code LEDGER_DB_URL}: an embedded H2 file under {@code
 * LEDGER_DATA_DIR/demo}, emptied before each run. With it: a schema of its own on that PostgreSQL,
 * {@code ledgerbridge_demo_<random>}, created before the run (the JDBC URL's {@code currentSchema}
 * names it) and dropped with everything in it when the demo ends. Redis is never used: a demo's
 * workers must not take a real chassis's jobs off a shared stream.
 */
public final class DemoDatabase implements AutoCloseable {
  private final AppConfig config;
  private final String schema;

  private DemoDatabase(AppConfig config, String schema) {
    this.config = config;
    this.schema = schema;
  }

  /** The demo's configuration derived from {@code base} (the environment's). */
  public static DemoDatabase prepare(AppConfig base) {
    Path demoDir = base.dataDir().resolve("demo");
    resetDirectory(demoDir);
    AppConfig.Builder b = base.withDataDir(demoDir).toBuilder().redis(null, base.redisPrefix());
    if (base.dbUrl() == null) {
      return new DemoDatabase(b.build(), null);
    }
    String schema = "ledgerbridge_demo_" + HexFormat.of().formatHex(randomBytes(6));
    execute(base, "CREATE SCHEMA " + schema);
    return new DemoDatabase(
        b.database(withSchema(base.dbUrl(), schema), base.dbUser(), base.dbPassword()).build(),
        schema);
  }

  /** The JDBC URL with {@code currentSchema} set to {@code schema} (any earlier one replaced). */
  static String withSchema(String url, String schema) {
    String stripped = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
    return stripped + (stripped.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public AppConfig config() {
    return config;
  }

  /** The schema the demo made on PostgreSQL; null on the embedded database. */
  public String schema() {
    return schema;
  }

  /** Drops the demo's schema (PostgreSQL); the embedded files stay until the next run. */
  @Override
  public void close() {
    if (schema != null) {
      execute(config, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void execute(AppConfig c, String sql) {
    try (Connection conn = DriverManager.getConnection(c.dbUrl(), c.dbUser(), c.dbPassword());
        Statement s = conn.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the demo cannot prepare its own schema on LEDGER_DB_URL (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** The demo database is scratch data: removed before each demo start. */
  private static void resetDirectory(Path demoDir) {
    if (!Files.isDirectory(demoDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(demoDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(demoDir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the demo's data directory " + demoDir, e);
    }
  }
}
