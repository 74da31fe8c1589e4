package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase.Side;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/status} and {@code POST /v1/tenant/disconnect} (WIRE §1B L2, L4). */
class StoreApiTest extends HttpInHarness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeDisconnectBindingUseCase disconnect = new FakeDisconnectBindingUseCase();
  private boolean withDisconnect = true;

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return withDisconnect ? builder.disconnect(disconnect) : builder;
  }

  private HttpResponse<String> status(String query, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/status" + query)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private HttpResponse<String> status(String query) throws Exception {
    return status(query, FakeWebhookAuthenticator.bearer(TENANT));
  }

  private HttpResponse<String> disconnect(String authorization, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/v1/tenant/disconnect"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return send(b.build());
  }

  private HttpResponse<String> disconnectAsTheStore() throws Exception {
    return disconnect(FakeWebhookAuthenticator.bearer(TENANT), expectedKey(TENANT), "{}");
  }

  /** The store's key: {@code disconnect:} and the SHA-1 of the tenant id in lower-case hex. */
  private static String expectedKey(String tenant) throws Exception {
    return "disconnect:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-1").digest(tenant.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static SyncRun run(int n, String tenant, EventType event, long entity, Instant at) {
    return SyncRun.accepted(
        new UUID(0, n), tenant, event, entity, event.wire() + ":" + entity + ":" + n, 1, at);
  }

  // ---- GET /v1/status ----

  @Test
  void anEntitySyncedIsReportedWithItsSageReference() throws Exception {
    Instant t = clock.instant();
    runs.insert(
        run(1, TENANT, EventType.INVOICE_CREATED, 42, t)
            .start(t)
            .succeed("sage-id-1", "SI-7", t.plusMillis(1500)));

    HttpResponse<String> r = status("?entity_type=invoice&entity_id=42");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("entity_type").asText()).isEqualTo("invoice");
    assertThat(body.get("entity_id").asLong()).isEqualTo(42);
    assertThat(body.get("status").asText()).isEqualTo("synced");
    assertThat(body.get("sage_id").asText()).isEqualTo("sage-id-1");
    assertThat(body.get("sage_reference").asText()).isEqualTo("SI-7");
    assertThat(body.get("error_code").isNull()).isTrue();
    assertThat(body.get("skip_reason").isNull()).isTrue();
    assertThat(body.get("last_sync_at").asText()).isEqualTo("2024-03-01T10:15:31Z");
    assertThat(body.get("runs_in_progress").asInt()).isZero();
  }

  @Test
  void aFailedEntityCarriesItsErrorCode() throws Exception {
    Instant t = clock.instant();
    runs.insert(
        run(1, TENANT, EventType.INVOICE_CREATED, 42, t)
            .start(t)
            .fail(ErrorClass.VALIDATION, "no tax rate", t));

    JsonNode body = json(status("?entity_type=invoice&entity_id=42"));

    assertThat(body.get("status").asText()).isEqualTo("failed");
    assertThat(body.get("error_code").asText()).isEqualTo("validation");
  }

  @Test
  void anEntityWithOnlyRunsUnderWayIsPendingAndAnUnknownOneUnknown() throws Exception {
    runs.insert(run(1, TENANT, EventType.INVOICE_CREATED, 42, clock.instant()));
    runs.insert(run(2, "someone-else", EventType.INVOICE_CREATED, 43, clock.instant()));

    JsonNode pending = json(status("?entity_type=invoice&entity_id=42"));
    JsonNode unknown = json(status("?entity_type=invoice&entity_id=43"));

    assertThat(pending.get("status").asText()).isEqualTo("pending");
    assertThat(pending.get("runs_in_progress").asInt()).isEqualTo(1);
    // another tenant's run is not this store's business
    assertThat(unknown.get("status").asText()).isEqualTo("unknown");
    assertThat(unknown.get("runs_in_progress").asInt()).isZero();
    assertThat(unknown.get("last_sync_at").isNull()).isTrue();
  }

  @Test
  void theStatusNeedsTheStoresToken() throws Exception {
    assertThat(status("?entity_type=invoice&entity_id=42", null).statusCode()).isEqualTo(401);
    assertThat(
            status(
                    "?entity_type=invoice&entity_id=42",
                    FakeWebhookAuthenticator.bearer("unknown-tenant"))
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> r = status("?entity_type=invoice&entity_id=42", "Bearer garbage");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void aTokenOutsideItsTimeWindowIs503WithRetryAfter() throws Exception {
    authenticator.clockSkewed(400);

    HttpResponse<String> r = status("?entity_type=invoice&entity_id=42");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).isEqualTo("clock_skew");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aBadEntityTypeOrIdIs400() throws Exception {
    for (String q :
        new String[] {
          "",
          "?entity_type=order&entity_id=1",
          "?entity_id=1",
          "?entity_type=invoice",
          "?entity_type=invoice&entity_id=0",
          "?entity_type=invoice&entity_id=-5",
          "?entity_type=invoice&entity_id=abc"
        }) {
      HttpResponse<String> r = status(q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("invalid_request");
    }
  }

  @Test
  void everyEntityTypeWordIsKnown() throws Exception {
    for (String type : new String[] {"invoice", "creditmemo", "customer", "product"}) {
      HttpResponse<String> r = status("?entity_type=" + type + "&entity_id=7");
      assertThat(r.statusCode()).as(type).isEqualTo(200);
      assertThat(json(r).get("entity_type").asText()).isEqualTo(type);
    }
  }

  @Test
  void theStatusIsAGet() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/v1/status?entity_type=invoice&entity_id=1"))
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(r.statusCode()).isEqualTo(405);
  }

  // ---- POST /v1/tenant/disconnect ----

  @Test
  void theStoreDisconnectsItsOwnTenant() throws Exception {
    HttpResponse<String> r = disconnectAsTheStore();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"disconnected\",\"already_disconnected\":false,\"sage_revoked\":true}");
    assertThat(disconnect.calls).containsExactly(Map.entry(TENANT, Side.STORE));
  }

  @Test
  void theExpectedIdempotencyKeyIsDisconnectAndTheSha1OfTheTenant() throws Exception {
    assertThat(StoreApiHandler.sha1Hex("abc"))
        .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThat("disconnect:" + StoreApiHandler.sha1Hex(TENANT)).isEqualTo(expectedKey(TENANT));
  }

  @Test
  void aRepeatedDisconnectSaysItAlreadyWas() throws Exception {
    disconnect.already = true;
    disconnect.revoked = false;

    HttpResponse<String> r = disconnectAsTheStore();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("already_disconnected").asBoolean()).isTrue();
    assertThat(json(r).get("sage_revoked").asBoolean()).isFalse();
  }

  @Test
  void anUnexpectedOrMissingIdempotencyKeyStillDisconnects() throws Exception {
    assertThat(
            disconnect(FakeWebhookAuthenticator.bearer(TENANT), "disconnect:0000", "{}")
                .statusCode())
        .isEqualTo(200);
    assertThat(disconnect(FakeWebhookAuthenticator.bearer(TENANT), null, "{}").statusCode())
        .isEqualTo(200);
    assertThat(disconnect.calls).hasSize(2);
  }

  @Test
  void disconnectingNeedsTheStoresToken() throws Exception {
    assertThat(disconnect(null, expectedKey(TENANT), "{}").statusCode()).isEqualTo(401);
    assertThat(
            disconnect(
                    FakeWebhookAuthenticator.bearer("unknown-tenant"),
                    expectedKey("unknown-tenant"),
                    "{}")
                .statusCode())
        .isEqualTo(401);
    assertThat(
            disconnect("Bearer " + FakeWebhookAuthenticator.token(TENANT) + "x", null, "{}")
                .statusCode())
        .isEqualTo(401);
    assertThat(disconnect.calls).isEmpty();
  }

  @Test
  void disconnectingIsAPost() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/v1/tenant/disconnect"))
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(disconnect.calls).isEmpty();
  }

  @Test
  void anOversizedBodyIs413AndDisconnectsNothing() throws Exception {
    HttpResponse<String> r =
        disconnect(
            FakeWebhookAuthenticator.bearer(TENANT),
            expectedKey(TENANT),
            "{\"x\":\"" + "y".repeat(StoreApiHandler.MAX_DISCONNECT_BODY) + "\"}");

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(disconnect.calls).isEmpty();
  }

  @Test
  void aBindingRemovedMeanwhileIsDisconnectedAlready() throws Exception {
    disconnect.failure = new UnknownBindingException(TENANT);

    HttpResponse<String> r = disconnectAsTheStore();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("disconnected");
  }

  @Test
  void aFailureOfTheChassisIs503SoTheStoreRetries() throws Exception {
    disconnect.failure = new IllegalStateException("database password=hunter2 unreachable");

    HttpResponse<String> r = disconnectAsTheStore();

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).isEqualTo("temporarily_unavailable");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).doesNotContain("hunter2").doesNotContain("database");
  }

  @Test
  void withoutTheUseCaseDisconnectIs503NotConfigured() throws Exception {
    withDisconnect = false;
    restartWith(config());

    HttpResponse<String> r = disconnectAsTheStore();

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).isEqualTo("not_configured");
  }
}
