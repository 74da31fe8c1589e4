package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a pairing changes on the wire: from the 200 on, webhooks are signed with the delivered key's
 * outbound subkey and go to the delivered tenant and ledger URL, inbound tokens the ledger mints
 * with the delivered key verify, and a re-pairing rotates all of it at once.
 */
class PairingKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEW_TENANT = "tenant-rotated";
  private static final String NEW_KEY = "byte8_lk_rotated_secret";

  private TestLedger ledger;
  private SandboxStore store;

  @BeforeEach
  void start() {
    ledger = new TestLedger();
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    ledger.close();
  }

  @Test
  void afterPairingTheNextWebhookIsSignedWithTheDeliveredKey() throws Exception {
    store = unpairedStore();
    PairRequests.pair(store, TENANT, MASTER, ledger.baseUrl() + "/");

    long id = store.raiseInvoice(StoreInvoice.builder().line("S", "S", "1", "10", "2").build());
    TestLedger.Received webhook = ledger.take();

    assertThat(webhook.path()).isEqualTo("/webhooks/magento/" + TENANT + "/invoice.created");
    assertThat(webhook.header("Idempotency-Key")).isEqualTo("invoice.created:" + id);
    String token = bearer(webhook);
    assertThat(token)
        .isEqualTo(SandboxStore.outboundToken(MASTER, TENANT, IAT, jti(token)))
        .isNotEqualTo(SandboxStore.outboundToken(NEW_KEY, TENANT, IAT, jti(token)));
  }

  @Test
  void afterPairingAnInboundTokenMintedWithTheDeliveredKeyVerifies() throws Exception {
    store = unpairedStore();
    StoreClient ledgerSide = new StoreClient(store, MASTER, IAT);
    assertThat(ledgerSide.get("/rest/V1/byte8/ping").statusCode()).isEqualTo(401);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NOT_CONNECTED);

    PairRequests.pair(store, TENANT, MASTER, ledger.baseUrl());

    HttpResponse<String> ping = ledgerSide.get("/rest/V1/byte8/ping");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("[true,\"tenant-123\",\"2026-01-01T00:00:00+00:00\"]");
    // the WIRE §8.2 ledger vector (master byte8_lk_raw_secret, tenant-123) is accepted too
    assertThat(
            ledgerSide.getWithBearer("/rest/V1/byte8/ping", WireVectors.INBOUND_TOKEN).statusCode())
        .isEqualTo(200);
  }

  @Test
  void rePairingRotatesKeyTenantAndLedgerForBothDirections() throws Exception {
    try (TestLedger newLedger = new TestLedger()) {
      store =
          SandboxStore.start(
              SandboxStoreConfig.builder(TENANT, MASTER)
                  .clock(MutableClock.atEpochSecond(IAT))
                  .ledgerBaseUrl(ledger.baseUrl())
                  .build());
      store.raiseInvoice(StoreInvoice.builder().build());
      assertThat(ledger.take().path())
          .isEqualTo("/webhooks/magento/" + TENANT + "/invoice.created");

      PairRequests.pair(store, NEW_TENANT, NEW_KEY, newLedger.baseUrl());

      assertThat(store.tenantId()).isEqualTo(NEW_TENANT);
      long id = store.raiseInvoice(StoreInvoice.builder().build());
      TestLedger.Received webhook = newLedger.take();
      assertThat(webhook.path()).isEqualTo("/webhooks/magento/" + NEW_TENANT + "/invoice.created");
      assertThat(webhook.header("Idempotency-Key")).isEqualTo("invoice.created:" + id);
      String token = bearer(webhook);
      assertThat(token).isEqualTo(SandboxStore.outboundToken(NEW_KEY, NEW_TENANT, IAT, jti(token)));
      assertThat(ledger.all()).hasSize(1);

      StoreClient oldLedgerSide = new StoreClient(store, MASTER, IAT);
      assertThat(
              oldLedgerSide
                  .getWithBearer(
                      "/rest/V1/byte8/ping",
                      SandboxStore.inboundToken(
                          MASTER, TENANT, IAT, IAT + 300, UUID.randomUUID().toString()))
                  .statusCode())
          .isEqualTo(401);
      assertThat(oldLedgerSide.get("/rest/V1/byte8/ping").statusCode()).isEqualTo(401);
      assertThat(store.authFailures()).containsExactly("signature mismatch", "signature mismatch");
      HttpResponse<String> ping = new StoreClient(store, NEW_KEY, IAT).get("/rest/V1/byte8/ping");
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(ping.body()).startsWith("[true,\"" + NEW_TENANT + "\",");
    }
  }

  private SandboxStore unpairedStore() {
    return SandboxStore.startUnpaired(
        SandboxStoreConfig.unpaired().clock(MutableClock.atEpochSecond(IAT)).build());
  }

  private static String bearer(TestLedger.Received r) {
    return r.header("Authorization").substring("Bearer ".length());
  }

  private static String jti(String token) throws Exception {
    return JSON.readTree(
            new String(
                Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
        .get("jti")
        .asText();
  }
}
