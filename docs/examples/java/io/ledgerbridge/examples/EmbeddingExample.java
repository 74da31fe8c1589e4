package io.ledgerbridge.examples;

import io.ledgerbridge.app.LedgerBridge;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Embedding ledgerbridge in a JVM service (docs/embedding.md). The host gives the chassis its
 * PostgreSQL pool and a secret key, starts it, and registers the store it syncs. This file is
 * compiled with the app module's tests and run by {@code EmbeddingExampleIT} against the sandbox
 * store and sandbox Sage, so it cannot drift from the API.
 */
public final class EmbeddingExample {

  /** Where the store is and how the chassis talks to its Sage business. */
  public record Shop(
      String tenantId,
      String storeBaseUrl,
      String storeApiKey,
      String sageApiUrl,
      String sageTokenUrl,
      String sageBusinessId,
      String sageClientId,
      String sageClientSecret,
      String sageRefreshToken,
      String salesLedgerAccountId) {}

  private EmbeddingExample() {}

  /**
   * Starts the chassis in this JVM on the host's pool, serving the store's webhooks on {@code
   * httpPort} (0 = any free port), and registers {@code shop}. The caller closes the bridge; the
   * pool stays the host's.
   */
  public static LedgerBridge start(DataSource hostPool, byte[] secretKey, int httpPort, Shop shop) {
    LedgerBridge bridge =
        LedgerBridge.builder()
            .dataSource(hostPool)
            .secretKey(secretKey)
            .http("127.0.0.1", httpPort)
            .workerThreads(2)
            .build()
            .start();
    try {
      bridge
          .registration()
          .register(
              new RegisterBindingCommand(
                  new Binding(
                      shop.tenantId(),
                      shop.storeBaseUrl(),
                      shop.sageApiUrl(),
                      shop.sageTokenUrl(),
                      shop.sageBusinessId(),
                      "GB",
                      "GBP",
                      BindingStatus.ACTIVE,
                      Instant.now()),
                  new BindingSecrets(
                      shop.storeApiKey(), shop.sageClientId(), shop.sageClientSecret()),
                  shop.sageRefreshToken(),
                  SyncPolicy.defaults(shop.salesLedgerAccountId())));
      return bridge;
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
  }
}
