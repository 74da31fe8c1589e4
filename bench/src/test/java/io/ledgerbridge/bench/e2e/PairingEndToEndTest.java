package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.binding;
import static io.ledgerbridge.bench.e2e.ConnectE2e.connect;
import static io.ledgerbridge.bench.e2e.ConnectE2e.storeGet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.PairingRefused;
import io.ledgerbridge.ports.out.StoreGateway.PairingRequest;
import io.ledgerbridge.sandbox.store.PairCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing over real HTTP: the operator's {@code POST /v1/magento/connect}, the chassis's {@code
 * POST {store}/rest/V1/byte8/setup/pair} to the sandbox store (which validates in the module's
 * order, WIRE §7.3), and each of the store's answers turned into a clear one.
 */
class PairingEndToEndTest {
  @TempDir Path dataDir;
  private DemoEnvironment env;

  @BeforeEach
  void start() {
    env = DemoEnvironment.startUnconnected(ConnectE2e.config(dataDir), 0.01);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aValidCodePairsTheStoreWithANewTenantAndA256BitKeyPendingSage() {
    String code = env.store().generatePairingCode();

    ConnectE2e.Answer answer = connect(env, env.store().baseUrl() + "/", code);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    String tenant = body.path("tenant_id").asText();
    env.pairedAs(tenant);
    assertThat(body.path("status").asText()).isEqualTo("pending_sage");
    assertThat(body.path("repaired").asBoolean()).isFalse();
    assertThat(body.path("sage_connect_url").asText())
        .startsWith(env.chassisUrl() + "/oauth/sage/start?tenant=" + tenant + "&ticket=");
    // the store took what the chassis made
    assertThat(env.store().isConnected()).isTrue();
    assertThat(env.store().tenantId()).isEqualTo(tenant);
    assertThat(env.store().ledgerBaseUrl()).isEqualTo(env.chassisUrl());
    PairCall call = env.store().pairCalls().get(0);
    assertThat(call.responseStatus()).isEqualTo(200);
    assertThat(call.rawBody())
        .contains("\"pairing_code\":\"" + code + "\"")
        .contains("\"tenant_id\":\"" + tenant + "\"")
        .contains("\"ledger_base_url\":\"" + env.chassisUrl() + "\"");
    String key = env.apiKey();
    assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+"); // 32 CSPRNG bytes, base64url
    assertThat(call.rawBody()).contains("\"byte8_api_key\":\"" + key + "\"");
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
    // the store signs with the new key at once: its tile shows the binding waiting for Sage
    JsonNode tile = storeGet(env, "/v1/tile/health", key).json();
    assertThat(tile.path("tenant").path("magento_connection_status").asText()).isEqualTo("pending");
    assertThat(tile.path("binding").path("status").asText()).isEqualTo("pending");
  }

  @Test
  void aWrongCodeIsRefusedAsInvalidAndLeavesNoBinding() {
    env.store().generatePairingCode();

    ConnectE2e.Answer answer = connect(env, env.store().baseUrl(), "0".repeat(32));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("error").asText()).isEqualTo("invalid_pairing_code");
    assertThat(answer.json().path("message").asText())
        .contains("Invalid or expired pairing code.")
        .contains("30 minutes");
    assertThat(env.chassis().registration().list()).isEmpty();
    assertThat(env.store().isConnected()).isFalse();
  }

  @Test
  void aCodeIsRefusedWhenNoneWasGenerated() {
    ConnectE2e.Answer answer = connect(env, env.store().baseUrl(), "a".repeat(32));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("error").asText()).isEqualTo("invalid_pairing_code");
    assertThat(env.store().pairCalls().get(0).loggedReason())
        .contains("no pairing code is pending");
  }

  @Test
  void aCodeWorksOnceAndItsReplayLeavesTheFirstPairingAlone() {
    String code = env.store().generatePairingCode();
    ConnectE2e.Answer first = connect(env, env.store().baseUrl(), code);
    env.pairedAs(first.json().path("tenant_id").asText());
    String key = env.apiKey();

    ConnectE2e.Answer replay = connect(env, env.store().baseUrl(), code);

    assertThat(replay.status()).isEqualTo(422);
    assertThat(replay.json().path("error").asText()).isEqualTo("invalid_pairing_code");
    assertThat(env.apiKey()).isEqualTo(key);
    assertThat(
            env.chassis().persistence().bindings().secrets(env.tenant()).orElseThrow().nextApiKey())
        .isNull();
    assertThat(storeGet(env, "/v1/tile/health", key).status()).isEqualTo(200);
  }

  @Test
  void missingOrMalformedInputIsRefusedBeforeTheStoreIsCalled() {
    ConnectE2e.Answer noCode = connect(env, env.store().baseUrl(), null);
    ConnectE2e.Answer badUrl = connect(env, "ftp://shop.example", "x");
    ConnectE2e.Answer credentials =
        connect(env, "https://admin:pw@shop.example", env.store().generatePairingCode());

    assertThat(noCode.status()).isEqualTo(400);
    assertThat(noCode.json().path("error").asText()).isEqualTo("invalid_input");
    assertThat(noCode.json().path("message").asText()).contains("pairing_code is required");
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().path("message").asText()).contains("http or https");
    assertThat(credentials.status()).isEqualTo(400);
    assertThat(credentials.json().path("message").asText()).contains("credentials");
    assertThat(env.store().pairCalls()).isEmpty();
  }

  @Test
  void theStoresOwnRefusalOfAnIncompleteRequestIsKeptWordForWord() {
    // the chassis never sends an incomplete request; its adapter, pointed at the store directly,
    // shows the store's step-1 answer (WIRE §7.3) comes back intact
    StoreGateway gateway = MagentoAdapter.storeGateway(Clock.systemUTC(), UUID::randomUUID);
    String code = env.store().generatePairingCode();

    StoreGateway.PairingAnswer answer =
        gateway.pair(
            env.store().baseUrl(), new PairingRequest(code, "  ", "key", env.chassisUrl()));

    assertThat(answer)
        .isEqualTo(
            new PairingRefused(
                400,
                "pairing_code, tenant_id, byte8_api_key and ledger_base_url are all required."));
  }

  @Test
  void anUnreachableStoreIsRetryableAndNotARefusal() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    ConnectE2e.Answer answer = connect(env, "http://127.0.0.1:" + closed, "b".repeat(32));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().path("error").asText()).isEqualTo("store_unavailable");
    assertThat(answer.json().path("message").asText()).contains("try again");
  }

  @Test
  void aUrlThatIsNotAStoreWithTheModuleIsNamedAsSuch() {
    ConnectE2e.Answer answer = connect(env, env.sage().baseUrl(), "c".repeat(32));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("error").asText()).isEqualTo("not_a_pairable_store");
    assertThat(answer.json().path("message").asText()).contains("module");
    assertThat(env.chassis().registration().list()).isEmpty();
  }

  @Test
  void pairingAnActiveStoreAgainRotatesItsKeyAndKeepsItsTenantAndStatus() {
    String tenant = env.pairStore();
    assertThat(env.connectSageInBrowser(new Browser()).says("Connected to Sage")).isTrue();
    String oldKey = env.apiKey();

    ConnectE2e.Answer again =
        connect(env, env.store().baseUrl(), env.store().generatePairingCode());

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("tenant_id").asText()).isEqualTo(tenant);
    assertThat(again.json().path("repaired").asBoolean()).isTrue();
    assertThat(again.json().path("status").asText()).isEqualTo("active");
    String newKey = env.apiKey();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(env.store().tenantId()).isEqualTo(tenant);
    assertThat(storeGet(env, "/v1/tile/health", newKey).status()).isEqualTo(200);
    assertThat(storeGet(env, "/v1/tile/health", oldKey).status()).isEqualTo(401);
    assertThat(env.chassis().registration().list()).hasSize(1);
  }
}
