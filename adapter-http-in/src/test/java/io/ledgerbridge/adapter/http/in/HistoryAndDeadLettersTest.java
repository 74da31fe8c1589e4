package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.service.BindingSecretScrubbers;
import io.ledgerbridge.ports.service.ManageDeadLettersService;
import io.ledgerbridge.ports.service.RetrySyncRunService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sync history's filters, pages, counts and retries, and the dead letters, over HTTP. */
class HistoryAndDeadLettersTest extends HttpInHarness {

  private static final Instant DAY1 = Instant.parse("2026-04-01T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_LINK =
      Pattern.compile("href=\"/dashboard/sync/([0-9a-f-]{36})\"");

  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private final InMemoryUnitOfWork uow = new InMemoryUnitOfWork();
  private final RetrySyncRunService retry =
      new RetrySyncRunService(runs, queue, uow, () -> {}, clock, UUID::randomUUID);

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder
        .retry(retry)
        .deadLetters(
            new ManageDeadLettersService(
                queue,
                runs,
                retry,
                uow,
                () -> {},
                new BindingSecretScrubbers(new InMemoryBindingRepository(), null),
                clock));
  }

  private int seq;

  private SyncRun run(String tenant, EventType event, long entity, Instant at, boolean fail) {
    SyncRun r =
        SyncRun.accepted(
            new UUID(0x1000L + seq, 0x8000_0000_0000_0000L + seq++),
            tenant,
            event,
            entity,
            event.wire() + ":" + entity + ":" + seq,
            1,
            at);
    runs.insert(r);
    if (fail) {
      SyncRun running = r.start(at.plusSeconds(1));
      runs.transition(running);
      SyncRun failed =
          running.fail(ErrorClass.VALIDATION, "tax code T9 unknown", at.plusSeconds(2));
      runs.transition(failed);
      return failed;
    }
    return r;
  }

  private String csrf(String sessionToken) {
    return access.session(sessionToken).orElseThrow().csrfToken();
  }

  private HttpResponse<String> post(String path, String sessionToken, String form)
      throws Exception {
    return send(
        HttpRequest.newBuilder(adminUri(path))
            .header("Cookie", ConsoleAuth.COOKIE + "=" + sessionToken)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private HttpResponse<String> getAs(String sessionToken, String path) throws Exception {
    return send(
        HttpRequest.newBuilder(adminUri(path))
            .header("Cookie", ConsoleAuth.COOKIE + "=" + sessionToken)
            .GET()
            .build());
  }

  private String merchant() {
    access.addUser("m1", ConsoleAccessUseCase.Role.MERCHANT, "tenant-a", "a long password 1");
    return signIn("m1", "a long password 1");
  }

  private static List<String> runIds(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = RUN_LINK.matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String link(String html, String rel) {
    Matcher m = Pattern.compile("rel=\"" + rel + "\" href=\"([^\"]+)\"").matcher(html);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pagesAHistoryLargerThanAPageInAStableOrderWithoutDuplicatesOrGaps() throws Exception {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 120; i++) {
      // three runs share each creation time: the id splits them
      all.add(
          run("tenant-a", EventType.INVOICE_CREATED, i, DAY1.plusSeconds(i / 3), false)
              .id()
              .toString());
    }
    List<String> seen = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    String next = "/dashboard/sync";
    while (next != null) {
      HttpResponse<String> page = get(next);
      assertThat(page.statusCode()).isEqualTo(200);
      pages.add(page.body());
      seen.addAll(runIds(page.body()));
      next = link(page.body(), "next");
    }
    assertThat(pages).hasSize(3);
    assertThat(runIds(pages.get(0))).hasSize(50);
    assertThat(seen).hasSize(120).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(all);

    // Newer from the third page is the second page
    String newer = link(pages.get(2), "prev");
    assertThat(runIds(get(newer).body())).isEqualTo(runIds(pages.get(1)));
    assertThat(link(pages.get(0), "prev")).isNull();
    assertThat(runIds(get("/dashboard/sync?limit=7").body())).hasSize(7);
    assertThat(get("/dashboard/sync?limit=201").statusCode()).isEqualTo(400);
    assertThat(get("/dashboard/sync?before=not-a-cursor").statusCode()).isEqualTo(400);
  }

  @Test
  void filtersByStatusEventEntityTenantAndAnInclusiveUtcDateRange() throws Exception {
    SyncRun day1 = run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, false);
    SyncRun day2Late =
        run("tenant-a", EventType.INVOICE_CREATED, 2, Instant.parse("2026-04-02T23:59:59Z"), true);
    SyncRun day3 =
        run(
            "tenant-b",
            EventType.CUSTOMER_UPSERTED,
            3,
            Instant.parse("2026-04-03T00:00:00Z"),
            false);

    assertThat(runIds(get("/dashboard/sync?from=2026-04-02&to=2026-04-02").body()))
        .containsExactly(day2Late.id().toString());
    assertThat(runIds(get("/dashboard/sync?from=2026-04-02").body()))
        .containsExactly(day3.id().toString(), day2Late.id().toString());
    assertThat(runIds(get("/dashboard/sync?to=2026-04-01").body()))
        .containsExactly(day1.id().toString());
    assertThat(runIds(get("/dashboard/sync?tenant=tenant-b").body()))
        .containsExactly(day3.id().toString());
    assertThat(runIds(get("/dashboard/sync?status=failed").body()))
        .containsExactly(day2Late.id().toString());
    assertThat(runIds(get("/dashboard/sync?event=customer.upserted").body()))
        .containsExactly(day3.id().toString());
    assertThat(runIds(get("/dashboard/sync?entity=1").body()))
        .containsExactly(day1.id().toString());
    assertThat(get("/dashboard/sync?from=2026-04-02").body())
        .contains("id=\"f-from\" name=\"from\" type=\"date\"")
        .contains("value=\"2026-04-02\"");
  }

  @Test
  void refusesABadDateWithAFieldErrorLinkedToItsInput() throws Exception {
    HttpResponse<String> bad = get("/dashboard/sync?from=2026-13-40");
    HttpResponse<String> reversed = get("/dashboard/sync?from=2026-04-05&to=2026-04-01");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("aria-invalid=\"true\" aria-describedby=\"f-from-error\"")
        .contains(
            "<span class=\"field-error\" id=\"f-from-error\">the start date must be a date like 2026-04-29</span>")
        .contains("<label for=\"f-from\">");
    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.body())
        .contains("aria-describedby=\"f-to-error\"")
        .contains("the end date is before the start date");
  }

  @Test
  void countsEachStatusOfTheFilterWhateverStatusIsChosen() throws Exception {
    run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, true);
    run("tenant-a", EventType.INVOICE_CREATED, 2, DAY1, true);
    run("tenant-a", EventType.INVOICE_CREATED, 3, DAY1, false);
    run("tenant-b", EventType.INVOICE_CREATED, 4, DAY1, true);

    String page = get("/dashboard/sync?tenant=tenant-a&status=queued").body();

    assertThat(page)
        .contains("data-status=\"failed\">2</span>")
        .contains("data-status=\"queued\">1</span>")
        .contains("data-status=\"succeeded\">0</span>")
        .contains(">all <span class=\"n\">3</span>")
        .contains("Retry all 2 failed runs matching this filter");
  }

  @Test
  void retriesOneFailedRunFromItsRowAndAuditsIt() throws Exception {
    SyncRun failed = run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, true);
    String list = get("/dashboard/sync").body();
    assertThat(list)
        .contains("action=\"/dashboard/sync/retry\"")
        .contains("name=\"run_id\" value=\"" + failed.id());

    HttpResponse<String> done =
        post(
            "/dashboard/sync/retry",
            session,
            "csrf="
                + enc(csrf(session))
                + "&run_id="
                + failed.id()
                + "&back="
                + enc("/dashboard/sync?status=failed"));

    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body())
        .contains("1 run requeued")
        .contains("href=\"/dashboard/sync?status=failed\"");
    assertThat(runs.find(failed.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(queue.all()).extracting(Job::syncRunId).containsExactly(failed.id());
    assertThat(operators.audit(null, 10))
        .anySatisfy(a -> assertThat(a.action()).isEqualTo("console.retry"));

    HttpResponse<String> again =
        post(
            "/dashboard/sync/retry",
            session,
            "csrf=" + enc(csrf(session)) + "&run_id=" + failed.id());
    assertThat(again.body()).contains("0 runs requeued").contains("only failed runs are retried");
  }

  @Test
  void retriesEveryFailedRunMatchingTheFilterAndSaysWhy() throws Exception {
    SyncRun a1 = run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, true);
    SyncRun a2 = run("tenant-a", EventType.INVOICE_CREATED, 2, DAY1.plusSeconds(5), true);
    SyncRun otherEvent = run("tenant-a", EventType.CUSTOMER_UPSERTED, 3, DAY1, true);
    SyncRun b = run("tenant-b", EventType.INVOICE_CREATED, 4, DAY1, true);

    HttpResponse<String> done =
        post(
            "/dashboard/sync/retry-matching",
            session,
            "csrf="
                + enc(csrf(session))
                + "&tenant=tenant-a&event=invoice.created&from=2026-04-01&to=2026-04-01");

    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body())
        .contains("2 runs requeued")
        .contains(
            "href=\"/dashboard/sync?tenant=tenant-a&amp;event=invoice.created&amp;from=2026-04-01&amp;to=2026-04-01\"");
    assertThat(runs.find(a1.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(runs.find(a2.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(runs.find(otherEvent.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(runs.find(b.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.FAILED);
  }

  @Test
  void aMerchantRetriesOnlyItsOwnTenantsRuns() throws Exception {
    SyncRun mine = run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, true);
    SyncRun theirs = run("tenant-b", EventType.INVOICE_CREATED, 2, DAY1, true);
    String m = merchant();

    String list = getAs(m, "/dashboard/sync?tenant=tenant-b").body();
    assertThat(runIds(list)).containsExactly(mine.id().toString());
    assertThat(list).doesNotContain("name=\"tenant\"").contains("Retry all 1 failed run matching");

    HttpResponse<String> refused =
        post("/dashboard/sync/retry", m, "csrf=" + enc(csrf(m)) + "&run_id=" + theirs.id());
    assertThat(refused.statusCode()).isEqualTo(404);

    HttpResponse<String> bulk =
        post("/dashboard/sync/retry-matching", m, "csrf=" + enc(csrf(m)) + "&tenant=tenant-b");
    assertThat(bulk.body()).contains("1 run requeued");
    assertThat(runs.find(mine.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(runs.find(theirs.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.FAILED);
  }

  @Test
  void refusesRetryAndRequeueFormsWithoutTheCsrfToken() throws Exception {
    SyncRun failed = run("tenant-a", EventType.INVOICE_CREATED, 1, DAY1, true);
    Job parked = park(failed);

    assertThat(post("/dashboard/sync/retry", session, "run_id=" + failed.id()).statusCode())
        .isEqualTo(403);
    assertThat(post("/dashboard/sync/retry-matching", session, "csrf=wrong").statusCode())
        .isEqualTo(403);
    assertThat(
            post("/dashboard/dead-letters/requeue", session, "job_id=" + parked.id()).statusCode())
        .isEqualTo(403);
    assertThat(runs.find(failed.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(queue.findDeadLetter(parked.id())).isPresent();
  }

  private Job park(SyncRun run) {
    Job job =
        Job.newJob(UUID.randomUUID(), JobKind.SYNC, run.id(), run.tenantId(), clock.instant());
    queue.enqueue(job);
    queue.claimDue(clock.instant(), 100, Duration.ofSeconds(30));
    queue.deadLetter(job.id(), "validation: tax code T9 unknown <b>");
    clock.advance(Duration.ofSeconds(1));
    return job;
  }

  @Test
  void listsDeadLettersWithTheirRunsAndARequeuedOneLeavesTheList() throws Exception {
    SyncRun r1 = run("tenant-a", EventType.INVOICE_CREATED, 11, DAY1, true);
    SyncRun r2 = run("tenant-b", EventType.CUSTOMER_UPSERTED, 12, DAY1, true);
    Job j1 = park(r1);
    Job j2 = park(r2);

    String page = get("/dashboard/dead-letters").body();
    assertThat(page)
        .contains("data-job=\"" + j1.id())
        .contains("data-job=\"" + j2.id())
        .contains("customer.upserted")
        .contains("validation: tax code T9 unknown &lt;b&gt;")
        .contains("href=\"/dashboard/sync/" + r1.id() + "\"");
    assertThat(get("/dashboard/dead-letters?tenant=tenant-b").body())
        .doesNotContain("data-job=\"" + j1.id())
        .contains("data-job=\"" + j2.id());

    HttpResponse<String> done =
        post(
            "/dashboard/dead-letters/requeue",
            session,
            "csrf=" + enc(csrf(session)) + "&job_id=" + j1.id());

    assertThat(done.body()).contains("1 dead letter requeued");
    assertThat(get("/dashboard/dead-letters").body())
        .doesNotContain("data-job=\"" + j1.id())
        .contains("data-job=\"" + j2.id());
    assertThat(runs.find(r1.id()).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(operators.audit(null, 10))
        .anySatisfy(a -> assertThat(a.action()).isEqualTo("console.requeue"));
  }

  @Test
  void requeuesTheFilteredDeadLettersInBulkAndHoldsAMerchantToItsTenant() throws Exception {
    List<Job> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(park(run("tenant-a", EventType.INVOICE_CREATED, 20 + i, DAY1, true)));
    }
    Job theirs = park(run("tenant-b", EventType.INVOICE_CREATED, 30, DAY1, true));
    String m = merchant();

    String page = getAs(m, "/dashboard/dead-letters?tenant=tenant-b").body();
    assertThat(page)
        .doesNotContain("data-job=\"" + theirs.id())
        .contains("data-job=\"" + mine.get(0).id());
    assertThat(
            post(
                    "/dashboard/dead-letters/requeue",
                    m,
                    "csrf=" + enc(csrf(m)) + "&job_id=" + theirs.id())
                .statusCode())
        .isEqualTo(404);

    HttpResponse<String> bulk =
        post(
            "/dashboard/dead-letters/requeue-matching",
            m,
            "csrf=" + enc(csrf(m)) + "&tenant=tenant-b");

    assertThat(bulk.body()).contains("3 dead letters requeued");
    assertThat(getAs(m, "/dashboard/dead-letters").body()).contains("No dead letters.");
    assertThat(get("/dashboard/dead-letters").body()).contains("data-job=\"" + theirs.id());
  }

  @Test
  void pagesDeadLetters() throws Exception {
    Set<String> parked = new LinkedHashSet<>();
    for (int i = 0; i < 5; i++) {
      parked.add(
          park(run("tenant-a", EventType.INVOICE_CREATED, 40 + i, DAY1, true)).id().toString());
    }
    Pattern job = Pattern.compile("data-job=\"([0-9a-f-]{36})\"");
    List<String> seen = new ArrayList<>();
    String next = "/dashboard/dead-letters?limit=2";
    int pages = 0;
    while (next != null) {
      String body = get(next).body();
      Matcher mm = job.matcher(body);
      while (mm.find()) {
        seen.add(mm.group(1));
      }
      next = link(body, "next");
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(parked);
  }

  @Test
  void theReadApiPagesWithACursorAndFiltersByDate() throws Exception {
    for (int i = 0; i < 5; i++) {
      run("tenant-a", EventType.INVOICE_CREATED, i, DAY1.plusSeconds(i), false);
    }
    run("tenant-a", EventType.INVOICE_CREATED, 9, Instant.parse("2026-05-01T00:00:00Z"), false);

    JsonNode first = JSON.readTree(get("/api/sync-runs?limit=2&to=2026-04-30").body());
    JsonNode second =
        JSON.readTree(
            get("/api/sync-runs?limit=2&to=2026-04-30&cursor=" + first.get("next_cursor").asText())
                .body());
    JsonNode third =
        JSON.readTree(
            get("/api/sync-runs?limit=2&to=2026-04-30&cursor=" + second.get("next_cursor").asText())
                .body());

    List<Long> entities = new ArrayList<>();
    for (JsonNode page : new JsonNode[] {first, second, third}) {
      page.get("runs").forEach(r -> entities.add(r.get("store_entity_id").asLong()));
    }
    assertThat(entities).containsExactly(4L, 3L, 2L, 1L, 0L);
    assertThat(third.get("next_cursor").isNull()).isTrue();
    HttpResponse<String> bad = get("/api/sync-runs?from=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("from");
  }
}
