package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.ChassisMetrics.WebhookRejection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} and the webhook outcomes the handler reports. */
class MetricsRouteTest extends HttpInHarness {

  private final List<String> recorded = new CopyOnWriteArrayList<>();

  private final ChassisMetrics recorder =
      new ChassisMetrics() {
        @Override
        public void webhookAccepted(EventType event, boolean duplicate) {
          recorded.add("accepted " + event.wire() + " duplicate=" + duplicate);
        }

        @Override
        public void webhookRejected(WebhookRejection reason) {
          recorded.add("rejected " + reason.code());
        }
      };

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder
        .chassisMetrics(recorder)
        .metrics(() -> "# TYPE ledger_up gauge\nledger_up " + recorded.size() + "\n");
  }

  @Test
  void servesTheScrapeAsPrometheusText() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).isEqualTo("# TYPE ledger_up gauge\nledger_up 0\n");
  }

  @Test
  void answersOnlyGet() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void reportsAcceptedAndRejectedWebhooksByEventAndReason() throws Exception {
    assertThat(postWebhook(VALID_BODY).statusCode()).isEqualTo(202);
    assertThat(postWebhook(VALID_BODY).statusCode()).isEqualTo(202);
    assertThat(postWebhook("{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> unsigned =
        client.send(
            HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/invoice.created"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);

    assertThat(recorded)
        .containsExactly(
            "accepted invoice.created duplicate=false",
            "accepted invoice.created duplicate=true",
            "rejected malformed_json",
            "rejected unauthorized");
    assertThat(get("/metrics").body()).contains("ledger_up 4");
  }
}
