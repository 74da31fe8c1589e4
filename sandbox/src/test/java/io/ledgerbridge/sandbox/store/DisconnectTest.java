package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin Disconnect button (WIRE §7.4, §1B L4) against a local stand-in for the chassis: one
 * best-effort {@code POST /v1/tenant/disconnect}, then the local credentials go whatever it
 * answered.
 */
class DisconnectTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** WIRE §8.2: the disconnect Idempotency-Key for tenant-123. */
  private static final String IDEMPOTENCY_KEY =
      "disconnect:cc3957b00501f09a0566e6ec6c0d88f1fb0902d8";

  private TestLedger chassis;
  private SandboxStore store;

  @BeforeEach
  void start() {
    chassis = new TestLedger();
    store = connectedStore(chassis.baseUrl() + "/");
  }

  @AfterEach
  void stop() {
    store.close();
    chassis.close();
  }

  @Test
  void sendsTheModulesRequestAndClearsTheConnectionWhenAcknowledged() throws Exception {
    chassis.enqueueReply(204, "");
    store.generatePairingCode();

    Disconnection result = store.disconnect();

    TestLedger.Received r = chassis.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/tenant/disconnect");
    assertThat(r.bodyText()).isEqualTo("{}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Idempotency-Key")).isEqualTo(IDEMPOTENCY_KEY);
    String token = r.header("Authorization").substring("Bearer ".length());
    JsonNode claims = claims(token);
    assertThat(claims.get("iss").asText()).isEqualTo("magento");
    assertThat(claims.get("sub").asText()).isEqualTo(TENANT);
    assertThat(claims.get("exp").asLong()).isEqualTo(IAT + 60);
    assertThat(token)
        .isEqualTo(SandboxStore.outboundToken(MASTER, TENANT, IAT, claims.get("jti").asText()));

    assertThat(result).isInstanceOf(Disconnection.Acknowledged.class);
    assertThat(result.adminMessage())
        .isEqualTo("Disconnected. Byte8 Ledger acknowledged the revocation.");
    DisconnectCall call = ((Disconnection.Acknowledged) result).call();
    assertThat(call.url()).isEqualTo(chassis.baseUrl() + "/v1/tenant/disconnect");
    assertThat(call.requestHeaders().keySet())
        .containsExactly("Authorization", "Content-Type", "Idempotency-Key", "Accept");
    assertThat(call.header("authorization")).isEqualTo("Bearer " + token);
    assertThat(call.requestBody()).isEqualTo("{}");
    assertThat(call.responseStatus()).isEqualTo(204);
    assertThat(call.acknowledged()).isTrue();
    assertThat(store.disconnectCalls()).containsExactly(call);

    assertThat(store.isConnected()).isFalse();
    assertThat(store.tenantId()).isEmpty();
    assertThat(store.ledgerBaseUrl()).isEqualTo(chassis.baseUrl());
    assertThat(store.pairingCodeExpiresAt()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 202, 299})
  void any2xxIsAnAcknowledgement(int status) {
    chassis.enqueueReply(status, "{\"ok\":true}");

    Disconnection result = store.disconnect();

    assertThat(result).isInstanceOf(Disconnection.Acknowledged.class);
    assertThat(((Disconnection.Acknowledged) result).call().responseBody())
        .isEqualTo("{\"ok\":true}");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 404, 409, 429})
  void a4xxIsLoggedOnceAndTheStoreStillDisconnects(int status) throws Exception {
    chassis.enqueueReply(status, "{\"error\":\"nope\"}");

    Disconnection result = store.disconnect();

    assertThat(result).isInstanceOf(Disconnection.DisconnectedLocally.class);
    assertThat(result.adminMessage())
        .isEqualTo(
            "Disconnected locally. Byte8 Ledger was unreachable; it will reconcile on its next"
                + " poll.");
    DisconnectCall call = ((Disconnection.DisconnectedLocally) result).call();
    assertThat(call.responseStatus()).isEqualTo(status);
    assertThat(call.responseBody()).isEqualTo("{\"error\":\"nope\"}");
    assertThat(call.failure())
        .isEqualTo(
            "Byte8 rejected request to "
                + chassis.baseUrl()
                + "/v1/tenant/disconnect with HTTP "
                + status
                + ".");
    assertThat(store.isConnected()).isFalse();
    chassis.take();
    assertThat(chassis.all()).hasSize(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {302, 500, 503})
  void anyOtherStatusIsTransientButNotRetried(int status) throws Exception {
    chassis.enqueueReply(status, "");

    Disconnection result = store.disconnect();

    assertThat(result).isInstanceOf(Disconnection.DisconnectedLocally.class);
    assertThat(((Disconnection.DisconnectedLocally) result).call().failure())
        .isEqualTo(
            "Byte8 returned HTTP "
                + status
                + " from "
                + chassis.baseUrl()
                + "/v1/tenant/disconnect; will retry.");
    assertThat(store.isConnected()).isFalse();
    chassis.take();
    assertThat(chassis.all()).hasSize(1);
  }

  @Test
  void anUnreachableLedgerIsANetworkErrorAndTheStoreStillDisconnects() {
    try (SandboxStore offline = connectedStore("http://127.0.0.1:1")) {
      Disconnection result = offline.disconnect();

      assertThat(result).isInstanceOf(Disconnection.DisconnectedLocally.class);
      DisconnectCall call = ((Disconnection.DisconnectedLocally) result).call();
      assertThat(call.responseStatus()).isNull();
      assertThat(call.failure())
          .startsWith(
              "Network error publishing to Byte8 (http://127.0.0.1:1/v1/tenant/disconnect): ");
      assertThat(offline.isConnected()).isFalse();
    }
  }

  @Test
  void withNoLedgerUrlNothingIsSentAndTheStoreStillDisconnects() {
    try (SandboxStore noUrl = connectedStore(null)) {
      Disconnection result = noUrl.disconnect();

      assertThat(result).isInstanceOf(Disconnection.DisconnectedLocally.class);
      DisconnectCall call = ((Disconnection.DisconnectedLocally) result).call();
      assertThat(call.url()).isNull();
      assertThat(call.requestHeaders()).isEmpty();
      assertThat(call.failure()).isEqualTo("Byte8 client base_url is not configured.");
      assertThat(noUrl.isConnected()).isFalse();
    }
  }

  @Test
  void anUnconnectedStoreSaysAlreadyDisconnectedAndSendsNothing() throws Exception {
    store.disconnect();
    chassis.take();
    Disconnection again = store.disconnect();

    assertThat(again).isInstanceOf(Disconnection.AlreadyDisconnected.class);
    assertThat(again.adminMessage()).isEqualTo("Already disconnected.");
    assertThat(store.disconnectCalls()).hasSize(1);
    assertThat(chassis.all()).hasSize(1);
  }

  @Test
  void afterDisconnectInboundTokensAreRefusedAndSavesEnqueueNothing() throws Exception {
    store.disconnect();
    chassis.take();

    assertThat(new StoreClient(store, MASTER, IAT).get("/rest/V1/byte8/ping").statusCode())
        .isEqualTo(401);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NOT_CONNECTED);
    store.raiseInvoice(StoreInvoice.builder().build());
    assertThat(store.outbox()).isEmpty();
  }

  @Test
  void rowsPendingAtDisconnectGoToWhateverTheNextPairingConfigures() throws Exception {
    try (SandboxStore waiting = connectedStore(null);
        TestLedger next = new TestLedger()) {
      long id = waiting.raiseInvoice(StoreInvoice.builder().build());
      String body = waiting.outbox().get(0).payload();
      waiting.disconnect();
      waiting.drainOutboxNow();
      assertThat(waiting.outbox().get(0).status()).isEqualTo(OutboxRow.Status.PENDING);

      PairRequests.pair(waiting, "tenant-next", "byte8_lk_next", next.baseUrl());

      TestLedger.Received r = next.take();
      assertThat(r.path()).isEqualTo("/webhooks/magento/tenant-next/invoice.created");
      assertThat(r.header("Idempotency-Key")).isEqualTo("invoice.created:" + id);
      assertThat(r.bodyText()).isEqualTo(body);
      String token = r.header("Authorization").substring("Bearer ".length());
      assertThat(token)
          .isEqualTo(
              SandboxStore.outboundToken(
                  "byte8_lk_next", "tenant-next", IAT, claims(token).get("jti").asText()));
    }
  }

  private static SandboxStore connectedStore(String ledgerBaseUrl) {
    return SandboxStore.start(
        SandboxStoreConfig.builder(TENANT, MASTER)
            .clock(MutableClock.atEpochSecond(IAT))
            .ledgerBaseUrl(ledgerBaseUrl)
            .build());
  }

  private static JsonNode claims(String token) throws Exception {
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
