package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunDetailTest extends HttpInHarness {

  private static final String HOSTILE = "<script>alert('pwned')</script>";
  private static final Instant T0 = Instant.parse("2026-04-29T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncRun failed;
  private SyncRun retrying;
  private SyncRun otherTenant;

  @BeforeEach
  void seedRuns() {
    failed =
        SyncRun.accepted(
                uuid(2),
                "tenant-a",
                EventType.CUSTOMER_UPSERTED,
                7,
                "customer.upserted:7",
                3,
                T0.plusSeconds(60))
            .start(T0.plusSeconds(61))
            .fail(ErrorClass.VALIDATION, "Sage said " + HOSTILE, T0.plusSeconds(62));
    retrying =
        SyncRun.accepted(
                uuid(4), "tenant-a", EventType.INVOICE_CREATED, 42, "invoice.created:42", 2, T0)
            .start(T0.plusSeconds(1))
            .scheduleRetry(ErrorClass.PROVIDER, "Sage answered 503", T0.plusSeconds(2));
    otherTenant =
        SyncRun.accepted(
                uuid(5), "tenant-b", EventType.INVOICE_CREATED, 43, "invoice.created:43", 1, T0)
            .start(T0.plusSeconds(1))
            .succeed("sage-1", "SI-1", T0.plusSeconds(2));
    runs.insert(failed);
    runs.insert(retrying);
    runs.insert(otherTenant);
    Instant started = T0.plusSeconds(61);
    attempts.record(
        new SyncAttempt(
            failed.id(),
            1,
            started,
            T0.plusSeconds(62),
            "permanent",
            "validation",
            422,
            "Sage rejected " + HOSTILE,
            null,
            null));
    attempts.recordExchanges(
        List.of(
            new SyncExchange(
                failed.id(),
                1,
                started,
                1,
                "store",
                "fetch_customer",
                "GET",
                "http://store.test/rest/V1/byte8/customer/7",
                200,
                12,
                null,
                false,
                "{\"firstname\":\"" + HOSTILE + "\"}",
                false),
            new SyncExchange(
                failed.id(),
                1,
                started,
                2,
                "sage",
                "find_contact",
                "GET",
                "http://sage.test/contacts?reference=C7",
                200,
                30,
                null,
                false,
                "{\"$items\":[]}",
                false),
            new SyncExchange(
                failed.id(),
                1,
                started,
                3,
                "sage",
                "create_contact",
                "POST",
                "http://sage.test/contacts",
                422,
                45,
                "{\"contact\":{\"name\":\"" + HOSTILE + "\"}}",
                false,
                "[{\"$severity\":\"error\",\"$message\":\"</pre></details><script>x()</script>\"}]",
                true)));
    Job job = Job.newJob(uuid(9), JobKind.SYNC, retrying.id(), "tenant-a", T0);
    jobs.enqueue(job);
    jobs.retryAt(job.id(), T0.plus(Duration.ofMinutes(5)), "provider");
  }

  private static UUID uuid(int n) {
    return UUID.fromString("00000000-0000-4000-8000-00000000000" + n);
  }

  @Test
  void listsEveryExchangeOfAnAttemptInOrderWithEscapedBodies() throws Exception {
    HttpResponse<String> response = get("/dashboard/sync/" + failed.id());

    assertThat(response.statusCode()).isEqualTo(200);
    String html = response.body();
    assertThat(html)
        .contains("Sync run " + failed.id())
        .contains("<dt>Policy version</dt><dd>3</dd>")
        .contains("Attempt 1: permanent")
        .contains("GET http://store.test/rest/V1/byte8/customer/7")
        .contains("GET http://sage.test/contacts?reference=C7")
        .contains("POST http://sage.test/contacts")
        .contains("<summary>Answer (cut at 64 KiB)</summary>")
        .contains("Sage rejected &lt;script&gt;")
        .contains("&quot;name&quot; : &quot;&lt;script&gt;")
        .contains("&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;x()&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(html.indexOf("fetch_customer")).isLessThan(html.indexOf("find_contact"));
    assertThat(html.indexOf("find_contact")).isLessThan(html.indexOf("create_contact"));
  }

  @Test
  void showsWhenARetryScheduledRunIsNextTried() throws Exception {
    String html = get("/dashboard/sync/" + retrying.id()).body();

    assertThat(html)
        .contains("<dt>Next attempt</dt><dd><time>2026-04-29 10:05:00Z</time></dd>")
        .contains("No attempts yet.");
    assertThat(get("/dashboard/sync/" + failed.id()).body()).doesNotContain("Next attempt");
  }

  @Test
  void aMerchantSeesOnlyItsOwnTenantsRuns() throws Exception {
    access.addUser("m1", Role.MERCHANT, "tenant-a", "a long password 1");
    session = signIn("m1", "a long password 1");

    assertThat(get("/dashboard/sync/" + failed.id()).statusCode()).isEqualTo(200);
    HttpResponse<String> other = get("/dashboard/sync/" + otherTenant.id());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("tenant-b");
    assertThat(get("/api/sync-runs/" + otherTenant.id()).statusCode()).isEqualTo(404);
  }

  @Test
  void answers404ForAnUnknownOrMalformedRunIdAndRefusesPost() throws Exception {
    assertThat(get("/dashboard/sync/" + uuid(8)).statusCode()).isEqualTo(404);
    assertThat(get("/dashboard/sync/not-a-uuid").statusCode()).isEqualTo(404);
    assertThat(get("/dashboard/sync/%3Cscript%3E").body()).doesNotContain("<script>");
  }

  @Test
  void servesEachAttemptsExchangesAndTheNextAttemptAsJson() throws Exception {
    JsonNode body = JSON.readTree(get("/api/sync-runs/" + failed.id()).body());

    JsonNode exchanges = body.get("attempts").get(0).get("exchanges");
    assertThat(exchanges).hasSize(3);
    assertThat(exchanges.get(0).get("system").asText()).isEqualTo("store");
    assertThat(exchanges.get(2).get("operation").asText()).isEqualTo("create_contact");
    assertThat(exchanges.get(2).get("http_status").asInt()).isEqualTo(422);
    assertThat(exchanges.get(2).get("response_truncated").asBoolean()).isTrue();
    assertThat(exchanges.get(2).get("request_body").asText()).contains(HOSTILE);
    assertThat(body.has("next_attempt_at")).isFalse();

    JsonNode scheduled = JSON.readTree(get("/api/sync-runs/" + retrying.id()).body());
    assertThat(scheduled.get("next_attempt_at").asText()).isEqualTo("2026-04-29T10:05:00Z");
  }
}
