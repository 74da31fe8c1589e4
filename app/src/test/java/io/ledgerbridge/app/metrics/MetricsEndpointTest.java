package io.ledgerbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a running web role, after one webhook was accepted and one refused. */
class MetricsEndpointTest {
  private static final String TENANT = "shop-metrics";
  private static final String API_KEY = "lb_" + "ab".repeat(32);

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void servesThePrometheusTextWithTheChassisMetersAfterAWebhookIsAcceptedAndOneRefused()
      throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AppConfig config = AppConfig.builder().dataDir(dir).httpBind("127.0.0.1").httpPort(0).build();
    try (Chassis chassis = Chassis.open(config, Clock.systemUTC(), null, registry).startWeb()) {
      chassis
          .registration()
          .register(
              new RegisterBindingCommand(
                  new Binding(
                      TENANT,
                      "http://127.0.0.1:9",
                      "http://127.0.0.1:9/api",
                      "http://127.0.0.1:9/token",
                      "business-1",
                      "GB",
                      "GBP",
                      BindingStatus.ACTIVE,
                      Instant.parse("2026-01-01T00:00:00Z")),
                  new BindingSecrets(API_KEY, "client", "client-secret"),
                  "refresh-token",
                  SyncPolicy.defaults("ledger-account-1")));
      String base = "http://127.0.0.1:" + chassis.httpPort();

      HttpResponse<String> accepted = postWebhook(base, signedToken());
      HttpResponse<String> refused = postWebhook(base, "not-a-token");
      String admin = "http://127.0.0.1:" + chassis.adminPort();
      HttpResponse<String> metrics =
          client.send(
              HttpRequest.newBuilder(URI.create(admin + "/metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> onThePublicListener =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(onThePublicListener.statusCode()).isEqualTo(404);
      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains(
              "ledger_webhooks_accepted_total{duplicate=\"false\",event=\"invoice.created\"} 1.0",
              "ledger_webhooks_rejected_total{reason=\"unauthorized\"} 1.0",
              "ledger_webhooks_rejected_total{reason=\"malformed_json\"} 0.0",
              "ledger_business_busy_total{outcome=\"handed_off\"} 0.0",
              "# TYPE ledger_jobs_pending gauge",
              "# TYPE ledger_jobs_due gauge",
              "# TYPE ledger_jobs_oldest_due_age_seconds gauge",
              "hikaricp_connections_max{pool=\"ledgerbridge-db\"}")
          .doesNotContain(TENANT, API_KEY);
    }
  }

  @Test
  void answers404WithoutAMeterRegistry() throws Exception {
    AppConfig config = AppConfig.builder().dataDir(dir).httpBind("127.0.0.1").httpPort(0).build();
    try (Chassis chassis = Chassis.open(config).startWeb()) {
      HttpResponse<String> metrics =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + chassis.adminPort() + "/metrics"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(404);
    }
  }

  private static String signedToken() {
    return SandboxStore.outboundToken(
        API_KEY, TENANT, Instant.now().getEpochSecond(), UUID.randomUUID().toString());
  }

  private HttpResponse<String> postWebhook(String base, String token) throws Exception {
    String body =
        "{\"magento_entity_id\":42,\"website_id\":1,\"store_id\":1,"
            + "\"occurred_at\":\"2026-04-29T10:11:12Z\",\"payload\":{}}";
    return client.send(
        HttpRequest.newBuilder(
                URI.create(base + "/webhooks/magento/" + TENANT + "/invoice.created"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "invoice.created:42")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
