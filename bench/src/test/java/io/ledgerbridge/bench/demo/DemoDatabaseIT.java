package io.ledgerbridge.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo never writes into the database it is pointed at, and runs twice in a row: on PostgreSQL
 * it works in a schema of its own that it drops, on the embedded default it starts from an empty
 * file each time. Redis is never shared with it.
 */
class DemoDatabaseIT {
  private static final String PG_URL =
      env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = System.getenv("LEDGER_TEST_PG_PASSWORD");

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static boolean schemaExists(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                    + schema
                    + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  @Test
  void onPostgresTheDemoUsesASchemaOfItsOwnAndDropsIt(@TempDir Path dir) throws Exception {
    AppConfig pointedAt =
        AppConfig.builder()
            .dataDir(dir)
            .database(PG_URL, PG_USER, PG_PASSWORD)
            .redis("redis://127.0.0.1:6379", "lb:")
            .build();
    for (int run = 0; run < 2; run++) {
      String schema;
      try (DemoDatabase db = DemoDatabase.prepare(pointedAt)) {
        schema = db.schema();
        assertThat(schema).startsWith("ledgerbridge_demo_");
        assertThat(db.config().dbUrl()).endsWith("currentSchema=" + schema);
        assertThat(db.config().redisUrl()).isNull();
        try (Chassis c = Chassis.open(db.config())) {
          assertThat(c.registration().list()).isEmpty();
        }
        assertThat(schemaExists(schema)).isTrue();
      }
      assertThat(schemaExists(schema)).isFalse();
    }
  }

  @Test
  void onTheEmbeddedDatabaseASecondRunStartsEmpty(@TempDir Path dir) throws Exception {
    AppConfig base = AppConfig.builder().dataDir(dir).build();
    for (int run = 0; run < 2; run++) {
      try (DemoDatabase db = DemoDatabase.prepare(base)) {
        assertThat(db.schema()).isNull();
        assertThat(db.config().dataDir()).isEqualTo(dir.resolve("demo"));
        try (Chassis c = Chassis.open(db.config())) {
          assertThat(c.registration().list()).isEmpty();
          c.persistence()
              .bindings()
              .add(
                  new io.ledgerbridge.core.binding.Binding(
                      "demo-" + run,
                      "http://127.0.0.1:1",
                      io.ledgerbridge.core.binding.Binding.DEFAULT_SAGE_API_URL,
                      io.ledgerbridge.core.binding.Binding.DEFAULT_SAGE_TOKEN_URL,
                      "b".repeat(32),
                      "GB",
                      "GBP",
                      io.ledgerbridge.core.binding.BindingStatus.ACTIVE,
                      java.time.Instant.parse("2030-01-01T00:00:00Z")),
                  new io.ledgerbridge.core.binding.BindingSecrets("k", "c", "s"));
        }
      }
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("demo");
  }

  @Test
  void anEarlierCurrentSchemaInTheUrlIsReplaced() {
    assertThat(DemoDatabase.withSchema("jdbc:postgresql://h/db?currentSchema=prod&ssl=true", "d"))
        .isEqualTo("jdbc:postgresql://h/db?ssl=true&currentSchema=d");
    assertThat(DemoDatabase.withSchema("jdbc:postgresql://h/db", "d"))
        .isEqualTo("jdbc:postgresql://h/db?currentSchema=d");
    assertThat(DemoDatabase.withSchema("jdbc:postgresql://h/db?a=1&currentSchema=prod", "d"))
        .isEqualTo("jdbc:postgresql://h/db?a=1&currentSchema=d");
  }
}
