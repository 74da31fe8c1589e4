package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardTest extends HttpInHarness {

  private static final String HOSTILE = "<script>alert('pwned')</script>";
  private static final Instant T0 = Instant.parse("2026-04-29T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncRun succeeded;
  private SyncRun failed;
  private SyncRun queued;

  @BeforeEach
  void seedRuns() {
    succeeded =
        SyncRun.accepted(
                uuid(1), "tenant-a", EventType.INVOICE_CREATED, 42, "invoice.created:42", 1, T0)
            .start(T0.plusSeconds(1))
            .succeed("sage-inv-1", "SI-27", T0.plusSeconds(2));
    failed =
        SyncRun.accepted(
                uuid(2),
                HOSTILE,
                EventType.CUSTOMER_UPSERTED,
                7,
                "customer.upserted:" + HOSTILE,
                1,
                T0.plusSeconds(60))
            .start(T0.plusSeconds(61))
            .fail(ErrorClass.VALIDATION, "Sage said " + HOSTILE, T0.plusSeconds(62));
    queued =
        SyncRun.accepted(
            uuid(3),
            "tenant-a",
            EventType.INVOICE_PAID,
            42,
            "invoice.paid:42",
            1,
            T0.plusSeconds(120));
    runs.insert(succeeded);
    runs.insert(failed);
    runs.insert(queued);
    attempts.record(
        new SyncAttempt(
            failed.id(),
            1,
            T0.plusSeconds(61),
            T0.plusSeconds(62),
            "permanent",
            "validation",
            422,
            "Sage rejected " + HOSTILE,
            "{\"contact\":{\"name\":\"" + HOSTILE + "\"}}",
            "[{\"$severity\":\"error\",\"$message\":\"</pre><script>x()</script>\"}]"));
  }

  private static UUID uuid(int n) {
    return UUID.fromString("00000000-0000-4000-8000-00000000000" + n);
  }

  @Test
  void redirectsTheDashboardRootToTheSyncHistory() throws Exception {
    HttpResponse<String> response = get("/dashboard");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/dashboard/sync");
  }

  @Test
  void listsRunsNewestFirstWithEveryColumn() throws Exception {
    HttpResponse<String> response = get("/dashboard/sync");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    String html = response.body();
    assertThat(html)
        .contains(
            "<th scope=\"col\">Created</th>",
            "<th scope=\"col\">Tenant</th>",
            "<th scope=\"col\">Event</th>",
            "<th scope=\"col\">Store entity</th>",
            "<th scope=\"col\">Status</th>",
            "<th scope=\"col\">Sage id</th>",
            "<th scope=\"col\">Sage reference</th>",
            "<th scope=\"col\">Error / skip reason</th>",
            "<th scope=\"col\">Attempts</th>",
            "<th scope=\"col\">Updated</th>")
        .contains("2026-04-29 10:00:00Z", "sage-inv-1", "SI-27", "validation: Sage said")
        .contains("<span class=\"chip s-succeeded\">succeeded</span>")
        .contains("<span class=\"chip s-failed\">failed</span>")
        .contains("3 runs on this page");
    assertThat(html.indexOf(queued.id().toString()))
        .isLessThan(html.indexOf(failed.id().toString()))
        .isGreaterThan(0);
    assertThat(html.indexOf(failed.id().toString()))
        .isLessThan(html.indexOf(succeeded.id().toString()));
  }

  @Test
  void escapesHostileStringsEverywhereOnTheList() throws Exception {
    String html = get("/dashboard/sync").body();

    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;");
  }

  @Test
  void sendsNosniffAndARestrictiveContentSecurityPolicy() throws Exception {
    HttpResponse<String> response = get("/dashboard/sync");

    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue(Html.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void filtersByStatusEventEntityAndTenant() throws Exception {
    assertThat(get("/dashboard/sync?status=failed").body())
        .contains(failed.id().toString())
        .doesNotContain(succeeded.id().toString(), queued.id().toString());
    assertThat(get("/dashboard/sync?event=invoice.paid").body())
        .contains(queued.id().toString())
        .doesNotContain(succeeded.id().toString(), failed.id().toString());
    assertThat(get("/dashboard/sync?entity=42&tenant=tenant-a").body())
        .contains(queued.id().toString(), succeeded.id().toString())
        .doesNotContain(failed.id().toString());
    assertThat(get("/dashboard/sync?tenant=%3Cscript%3Ealert(%27pwned%27)%3C%2Fscript%3E").body())
        .contains(failed.id().toString())
        .doesNotContain(succeeded.id().toString())
        .doesNotContain("<script>");
  }

  @Test
  void answers400ForAnUnknownFilterValueWithoutReflectingItRaw() throws Exception {
    HttpResponse<String> response = get("/dashboard/sync?status=%3Cscript%3E&entity=abc");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("status must be one of").doesNotContain("<script>");
    assertThat(get("/dashboard/sync?entity=-1").statusCode()).isEqualTo(400);
    assertThat(get("/dashboard/sync?entity=%3Cb%3E").body()).doesNotContain("<b>");
  }

  @Test
  void answers404ForAnUnknownOrMalformedRunId() throws Exception {
    assertThat(get("/dashboard/sync/" + uuid(9)).statusCode()).isEqualTo(404);
    assertThat(get("/dashboard/sync/not-a-uuid").statusCode()).isEqualTo(404);
    assertThat(get("/dashboard/sync/%3Cscript%3E").body()).doesNotContain("<script>");
  }

  @Test
  void servesRunsAsJsonForScripts() throws Exception {
    HttpResponse<String> response = get("/api/sync-runs?limit=2");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("runs")).hasSize(2);
    assertThat(body.get("runs").get(0).get("id").asText()).isEqualTo(queued.id().toString());
    assertThat(body.get("runs").get(1).get("status").asText()).isEqualTo("failed");
    assertThat(body.get("runs").get(1).get("tenant_id").asText()).isEqualTo(HOSTILE);

    JsonNode onlySucceeded = JSON.readTree(get("/api/sync-runs?status=succeeded").body());
    assertThat(onlySucceeded.get("runs")).hasSize(1);
    assertThat(onlySucceeded.get("runs").get(0).get("sage_reference").asText()).isEqualTo("SI-27");
  }

  @Test
  void servesOneRunWithAttemptsAsJson() throws Exception {
    JsonNode body = JSON.readTree(get("/api/sync-runs/" + failed.id()).body());

    assertThat(body.get("run").get("error_code").asText()).isEqualTo("validation");
    assertThat(body.get("attempts")).hasSize(1);
    assertThat(body.get("attempts").get(0).get("http_status").asInt()).isEqualTo(422);
    assertThat(get("/api/sync-runs/" + uuid(9)).statusCode()).isEqualTo(404);
  }

  @Test
  void answers400ForABadApiParameter() throws Exception {
    for (String query :
        new String[] {"limit=0", "limit=501", "limit=x", "status=nope", "event=order.created"}) {
      HttpResponse<String> response = get("/api/sync-runs?" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("error").asText())
          .isEqualTo("invalid_parameter");
    }
  }

  @Test
  void answers405ForWritesToReadOnlyRoutes() throws Exception {
    HttpResponse<String> response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/dashboard/sync"))
                .header("Cookie", ConsoleAuth.COOKIE + "=" + session)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }
}
