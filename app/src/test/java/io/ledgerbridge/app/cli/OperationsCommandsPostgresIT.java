package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The operator commands on PostgreSQL ({@code LEDGER_TEST_PG_URL}, default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}), each test in a schema of its own that is dropped after
 * it.
 */
class OperationsCommandsPostgresIT extends OperationsCommandsContract {
  private static final String PG_URL =
      env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = System.getenv("LEDGER_TEST_PG_PASSWORD");

  private String schema;

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  AppConfig freshDatabase() throws Exception {
    schema = "lb_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sql("CREATE SCHEMA " + schema);
    Path dir = Files.createTempDirectory("lb-cli-pg");
    return AppConfig.builder()
        .dataDir(dir)
        .database(
            PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
            PG_USER,
            PG_PASSWORD)
        .build();
  }

  @Override
  void dropDatabase() throws Exception {
    if (schema != null) {
      sql("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
