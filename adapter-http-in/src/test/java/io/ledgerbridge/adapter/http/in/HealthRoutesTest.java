package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthRoutesTest extends HttpInHarness {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Binding> bindingStore = new ConcurrentHashMap<>();

  @Override
  BindingLookup bindings() {
    return tenant -> Optional.ofNullable(bindingStore.get(tenant));
  }

  private static Binding binding(String tenant, BindingStatus status) {
    return new Binding(
        tenant,
        "https://shop.example",
        Binding.DEFAULT_SAGE_API_URL,
        Binding.DEFAULT_SAGE_TOKEN_URL,
        "biz-1",
        "gb",
        "gbp",
        status,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private HttpResponse<String> tile(String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/v1/tile/health")).header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.GET().build());
  }

  private final java.util.concurrent.atomic.AtomicReference<ReadinessProbe.Readiness> readiness =
      new java.util.concurrent.atomic.AtomicReference<>(backends(true, true));

  private static ReadinessProbe.Readiness backends(boolean database, boolean redis) {
    java.util.Map<String, Boolean> m = new java.util.LinkedHashMap<>();
    m.put("database", database);
    m.put("redis", redis);
    return new ReadinessProbe.Readiness(database && redis, m);
  }

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder.readiness(readiness::get);
  }

  @Test
  void readyzAnswersReadyWithEveryBackendUp() throws Exception {
    HttpResponse<String> response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"status\":\"ready\",\"backends\":{\"database\":\"up\",\"redis\":\"up\"}}");
  }

  @Test
  void readyzAnswers503NamingTheBackendThatIsDownWhileLivenessStaysOk() throws Exception {
    readiness.set(backends(true, false));

    HttpResponse<String> response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"not_ready\",\"backends\":{\"database\":\"up\",\"redis\":\"down\"}}");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void healthzAnswersOkWhenTheProbeIsHealthy() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void healthzAnswers503WhenTheProbeIsUnhealthy() throws Exception {
    healthy.set(false);

    assertThat(get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void tileReportsTheAuthenticatedTenantsSyncState() throws Exception {
    bindingStore.put(TENANT, binding(TENANT, BindingStatus.ACTIVE));
    Instant now = clock.instant();
    Instant older = now.minus(Duration.ofHours(30));
    runs.insert(
        run(1, TENANT, now.minusSeconds(600))
            .start(now.minusSeconds(590))
            .fail(ErrorClass.VALIDATION, "bad", now.minusSeconds(580)));
    runs.insert(run(2, TENANT, older).start(older).fail(ErrorClass.AUTH, "old", older));
    runs.insert(run(3, TENANT, now.minusSeconds(300)));
    runs.insert(run(4, TENANT, now.minusSeconds(200)).start(now.minusSeconds(100)));
    runs.insert(run(5, "someone-else", now.minusSeconds(50)));

    HttpResponse<String> response = tile(FakeWebhookAuthenticator.bearer(TENANT));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/tenant/magento_connection_status").asText()).isEqualTo("active");
    assertThat(body.at("/binding/status").asText()).isEqualTo("active");
    assertThat(body.at("/binding/region").asText()).isEqualTo("gb");
    assertThat(body.at("/sync/pending_count").asInt()).isEqualTo(2);
    assertThat(body.at("/sync/failed_24h").asInt()).isEqualTo(1);
    assertThat(body.at("/sync/last_run_at").asText()).isEqualTo("2024-03-01T10:13:50Z");
    assertThat(authenticator.calls()).containsExactly(TENANT);
  }

  @ParameterizedTest(name = "{0} -> {1}, {2}")
  @CsvSource({
    "ACTIVE, active, active",
    "PAUSED, active, paused",
    "TOKEN_REVOKED, token_revoked, revoked",
    "DISCONNECTED, token_revoked, disconnected"
  })
  void tileReportsEveryBindingState(
      BindingStatus status, String connectionStatus, String bindingStatus) throws Exception {
    bindingStore.put(TENANT, binding(TENANT, status));

    HttpResponse<String> response = tile(FakeWebhookAuthenticator.bearer(TENANT));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/tenant/magento_connection_status").asText()).isEqualTo(connectionStatus);
    assertThat(body.at("/binding/status").asText()).isEqualTo(bindingStatus);
    assertThat(body.at("/binding/region").asText()).isEqualTo("gb");
  }

  @Test
  void tileReportsABindingWaitingForSageAsPendingWithoutRegion() throws Exception {
    bindingStore.put(
        TENANT,
        Binding.paired(
            TENANT,
            "https://shop.example",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            Instant.parse("2026-01-01T00:00:00Z")));

    JsonNode body = JSON.readTree(tile(FakeWebhookAuthenticator.bearer(TENANT)).body());

    assertThat(body.at("/tenant/magento_connection_status").asText()).isEqualTo("pending");
    assertThat(body.at("/binding/status").asText()).isEqualTo("pending");
    assertThat(body.at("/binding").has("region")).isFalse();
  }

  @Test
  void tileReportsNullLastRunAndNoBindingWhenNothingIsKnown() throws Exception {
    JsonNode body = JSON.readTree(tile(FakeWebhookAuthenticator.bearer(TENANT)).body());

    assertThat(body.at("/sync/last_run_at").isNull()).isTrue();
    assertThat(body.at("/sync/pending_count").asInt()).isZero();
    assertThat(body.has("binding")).isFalse();
  }

  @Test
  void tileRejectsMissingUnreadableOrRejectedTokensWith401() throws Exception {
    assertThat(tile(null).statusCode()).isEqualTo(401);
    assertThat(tile("Bearer garbage").statusCode()).isEqualTo(401);
    assertThat(tile("Bearer " + FakeWebhookAuthenticator.token(TENANT) + "x").statusCode())
        .isEqualTo(401);
    assertThat(tile(FakeWebhookAuthenticator.bearer("unknown-tenant")).statusCode()).isEqualTo(401);
    HttpResponse<String> rejected = tile(FakeWebhookAuthenticator.bearer("unknown-tenant"));
    assertThat(rejected.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void tileAnswers503WhenTheAuthenticatorFails() throws Exception {
    authenticator.failWith(new IllegalStateException("vault down"));

    HttpResponse<String> response = tile(FakeWebhookAuthenticator.bearer(TENANT));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).doesNotContain("vault");
  }

  private static SyncRun run(int n, String tenant, Instant at) {
    return SyncRun.accepted(
        new UUID(0, n), tenant, EventType.INVOICE_CREATED, n, "invoice.created:" + n, 1, at);
  }
}
