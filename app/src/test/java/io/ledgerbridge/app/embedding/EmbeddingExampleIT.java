package io.ledgerbridge.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ledgerbridge.app.LedgerBridge;
import io.ledgerbridge.examples.EmbeddingExample;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs docs/examples/.../EmbeddingExample: the chassis in this JVM on a host-owned PostgreSQL pool,
 * one webhook from the sandbox store, the invoice synced to the sandbox Sage and its status back in
 * the store's grid.
 */
class EmbeddingExampleIT {
  private static final String PG_URL =
      env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = System.getenv("LEDGER_TEST_PG_PASSWORD");

  private final String schema =
      "lb_embed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private HikariDataSource hostPool;
  private SandboxSage sage;
  private SandboxStore store;
  private LedgerBridge bridge;

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @BeforeEach
  void hostAndSandboxes() throws Exception {
    sql("CREATE SCHEMA " + schema);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    hc.setUsername(PG_USER);
    hc.setPassword(PG_PASSWORD);
    hc.setMaximumPoolSize(6);
    hostPool = new HikariDataSource(hc);
    sage = SandboxSage.start(SandboxSageConfig.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (store != null) {
      store.close();
    }
    sage.close();
    // the bridge never closes the host's pool
    assertThat(hostPool.isClosed()).isFalse();
    hostPool.close();
    sql("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void anEmbeddedChassisSyncsAWebhookThroughTheSandboxes() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] secretKey = new byte[32];
    random.nextBytes(secretKey);
    String apiKey = "lb_" + HexFormat.of().formatHex(secretKey).substring(0, 40);
    sage.registerClient("embedding-client", "embedding-secret");
    store = SandboxStore.start(SandboxStoreConfig.builder("embedded-shop", apiKey).build());

    bridge =
        EmbeddingExample.start(
            hostPool,
            secretKey,
            0,
            new EmbeddingExample.Shop(
                "embedded-shop",
                store.baseUrl(),
                apiKey,
                sage.apiBaseUrl(),
                sage.tokenUrl(),
                sage.defaultBusinessId(),
                "embedding-client",
                "embedding-secret",
                sage.issueRefreshToken("embedding-client"),
                sage.defaultSalesLedgerAccountId()));
    store.setLedgerBaseUrl("http://127.0.0.1:" + bridge.httpPort());

    StoreAddress london = StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .currency("GBP")
                .customer(
                    StoreContact.registered(5, "jane.doe@example.com", "Jane", "Doe")
                        .withDefaultAddresses(london, london))
                .billingAddress(london)
                .shippingAddress(london)
                .line("WB-01", "Water Bottle", "2", "10.00", "4.00")
                .build());

    SyncState state = awaitTerminal(invoiceId, Duration.ofSeconds(60));
    assertThat(state.syncStatus()).isEqualTo("synced");
    assertThat(state.providerReference()).isEqualTo("SI-1");
    assertThat(state.providerEntityId()).matches("[0-9a-f]{32}");
  }

  private SyncState awaitTerminal(long invoiceId, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Optional<SyncState> s = store.syncState("invoice", invoiceId);
      if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
        return s.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("invoice " + invoiceId + " did not reach a terminal status");
  }
}
