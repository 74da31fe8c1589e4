package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox store's fault knobs the fault tests rely on. */
class SandboxStoreFaultKnobsTest {
  private static final String TENANT = "knobs";
  private static final String KEY = "lb_0123456789abcdef0123456789abcdef";
  private static final String PUSH =
      "{\"entity_type\":\"invoice\",\"magento_entity_id\":1,\"provider\":\"sage_accounting\","
          + "\"sync_status\":\"synced\",\"provider_entity_id\":\"x\",\"provider_reference\":\"SI-1\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final SandboxStore store =
      SandboxStore.start(SandboxStoreConfig.builder(TENANT, KEY).build());

  @AfterEach
  void stop() {
    store.close();
  }

  private HttpResponse<String> call(String method, String route, String body) throws Exception {
    long now = Instant.now().getEpochSecond();
    String token =
        SandboxStore.inboundToken(KEY, TENANT, now, now + 60, UUID.randomUUID().toString());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(store.baseUrl() + "/rest/V1/byte8/" + route))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnavailableStoreAnswers503ToEveryLedgerRouteAndRecordsNoPush() throws Exception {
    long id = store.raiseInvoice(io.ledgerbridge.bench.demo.SampleInvoices.all().get(0).invoice());
    store.setUnavailable(true);

    assertThat(call("GET", "ping", null).statusCode()).isEqualTo(503);
    assertThat(call("GET", "invoice/" + id, null).statusCode()).isEqualTo(503);
    assertThat(call("POST", "sync-state", PUSH).statusCode()).isEqualTo(503);
    assertThat(store.syncStateCalls()).isEmpty();
    assertThat(store.unavailableRefusals()).isEqualTo(3);
    assertThat(store.syncState("invoice", 1).orElseThrow().syncStatus()).isEqualTo("pending");
  }

  @Test
  void anAvailableStoreAgainBehavesAsBefore() throws Exception {
    store.raiseInvoice(io.ledgerbridge.bench.demo.SampleInvoices.all().get(0).invoice());
    store.setUnavailable(true);
    store.setUnavailable(false);
    store.setSyncStateLatency(Duration.ZERO);
    store.setCanonicalLatency(Duration.ZERO);

    assertThat(call("GET", "ping", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "invoice/1", null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "sync-state", PUSH).statusCode()).isEqualTo(200);
    assertThat(store.syncState("invoice", 1).orElseThrow().syncStatus()).isEqualTo("synced");
    assertThat(store.unavailableRefusals()).isZero();
  }

  @Test
  void aPushWaitingOnTheSyncStateLatencyIsStillAppliedAfterTheCallerGaveUp() throws Exception {
    store.raiseInvoice(io.ledgerbridge.bench.demo.SampleInvoices.all().get(0).invoice());
    store.setSyncStateLatency(Duration.ofMillis(300));
    long now = Instant.now().getEpochSecond();
    String token =
        SandboxStore.inboundToken(KEY, TENANT, now, now + 60, UUID.randomUUID().toString());
    URI base = URI.create(store.baseUrl());
    byte[] body = PUSH.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // The caller sends the whole request and goes away without waiting for the answer.
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      String head =
          "POST /rest/V1/byte8/sync-state HTTP/1.1\r\nHost: "
              + base.getAuthority()
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      socket.shutdownOutput();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.syncStateCalls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(store.syncStateCalls())
        .singleElement()
        .satisfies(c -> assertThat(c.accepted()).isTrue());
    assertThat(store.syncState("invoice", 1).orElseThrow().syncStatus()).isEqualTo("synced");
  }

  @Test
  void negativeLatenciesAreRefused() {
    assertThatThrownBy(() -> store.setSyncStateLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.setCanonicalLatency(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
