package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase.Entry;
import io.ledgerbridge.ports.out.JobQueue.DeadLetterCursor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's dead letters (PRODUCT §5, "dead-letter view with bulk requeue"):
 *
 * <ul>
 *   <li>{@code GET /dashboard/dead-letters?tenant=&limit=&before=}: the parked jobs newest parked
 *       first, each with its run (tenant, event, store entity, status), attempts and last error,
 *       paged by an opaque cursor; a merchant sees its own tenant's only.
 *   <li>{@code POST /dashboard/dead-letters/requeue} with {@code job_id} (one or more).
 *   <li>{@code POST /dashboard/dead-letters/requeue-matching} with {@code tenant}: every dead
 *       letter the filter lists, {@link #MAX_PER_SUBMIT} at most per submit.
 * </ul>
 *
 * <p>Forms carry the session's CSRF token; each requeue is written to the audit log. A requeued job
 * leaves the list (see {@link ManageDeadLettersUseCase#requeue}).
 */
final class DeadLettersHandler {
  static final String PATH = "/dashboard/dead-letters";
  static final String REQUEUE = PATH + "/requeue";
  static final String REQUEUE_MATCHING = PATH + "/requeue-matching";
  static final int MAX_PER_SUBMIT = 1000;

  private final ManageDeadLettersUseCase deadLetters;
  private final ConsoleAuth auth;

  /**
   * @param deadLetters null: the page says this host does not list dead letters
   */
  DeadLettersHandler(ManageDeadLettersUseCase deadLetters, ConsoleAuth auth) {
    this.deadLetters = deadLetters;
    this.auth = auth;
  }

  static boolean matches(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    boolean list = path.equals(PATH) || path.equals(PATH + "/");
    if (!list && !path.equals(REQUEUE) && !path.equals(REQUEUE_MATCHING)) {
      page(ex, who, 404, "Not found", "");
      return;
    }
    if (!(list ? "GET" : "POST").equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, list ? "GET" : "POST");
      return;
    }
    if (deadLetters == null) {
      page(
          ex,
          who,
          list ? 200 : 404,
          "Dead letters",
          "<p>This host does not list dead letters.</p>");
      return;
    }
    if (list) {
      list(ex, who);
      return;
    }
    ConsoleAuth.Form form = auth.form(ex, who);
    if (form == null) {
      return;
    }
    if (path.equals(REQUEUE)) {
      requeueNamed(ex, who, form.all("job_id"));
    } else {
      requeueMatching(ex, who, tenantFilter(who, form.first("tenant")));
    }
  }

  /** The tenant a list is held to: a merchant's own, else the filter (null: every tenant). */
  private static String tenantFilter(Principal who, String raw) {
    if (!who.operator()) {
      return who.tenantId();
    }
    String t = RunFilters.blankToNull(raw);
    return t == null || t.length() > RunFilters.MAX_TENANT_LENGTH ? null : t;
  }

  private void list(HttpCall ex, Principal who) throws IOException {
    Map<String, String> params;
    int limit;
    PageCursor before;
    try {
      params = Exchanges.query(ex);
      limit = DashboardHandler.limit(params.get("limit"));
      before = DashboardHandler.cursor(params, "before");
    } catch (IllegalArgumentException | RunFilters.BadParameter e) {
      page(
          ex,
          who,
          400,
          "Dead letters",
          "<p class=\"problem\" role=\"alert\">The page link is not valid.</p><p><a href=\""
              + PATH
              + "\">Newest dead letters</a></p>");
      return;
    }
    String tenant = tenantFilter(who, params.get("tenant"));
    ManageDeadLettersUseCase.Page found =
        deadLetters.list(
            tenant, before == null ? null : new DeadLetterCursor(before.at(), before.id()), limit);
    Map<String, String> keep = new LinkedHashMap<>();
    if (who.operator() && tenant != null) {
      keep.put("tenant", tenant);
    }
    if (limit != DashboardHandler.DEFAULT_PAGE) {
      keep.put("limit", Integer.toString(limit));
    }
    StringBuilder body = new StringBuilder(8192);
    body.append("<h1>Dead letters</h1><p class=\"muted\">Jobs parked after a permanent failure or")
        .append(" their last retry, newest first. Fix the cause (the last error says what), then")
        .append(" requeue: a failed run's job is retried as a run.</p>");
    if (who.operator()) {
      body.append("<form class=\"filters\" method=\"get\" action=\"")
          .append(PATH)
          .append("\"><label for=\"d-tenant\">Tenant<input id=\"d-tenant\" name=\"tenant\"")
          .append(" maxlength=\"128\" value=\"")
          .append(esc(tenant))
          .append("\"></label><button type=\"submit\">Filter</button> <a href=\"")
          .append(PATH)
          .append("\">Clear</a></form>");
    }
    if (!found.entries().isEmpty()) {
      body.append("<form class=\"act\" method=\"post\" action=\"")
          .append(REQUEUE_MATCHING)
          .append("\">")
          .append(Html.csrfField(who));
      if (who.operator() && tenant != null) {
        DashboardHandler.hidden(body, "tenant", tenant);
      }
      body.append("<button type=\"submit\">Requeue all dead letters")
          .append(tenant == null ? "" : " of " + esc(tenant))
          .append("</button> <span class=\"muted\">(")
          .append(MAX_PER_SUBMIT)
          .append(" per submit)</span></form>");
    }
    body.append("<table><thead><tr><th scope=\"col\">Dead-lettered</th>")
        .append("<th scope=\"col\">Tenant</th><th scope=\"col\">Job</th>")
        .append("<th scope=\"col\">Event</th><th scope=\"col\">Store entity</th>")
        .append("<th scope=\"col\">Run</th><th scope=\"col\">Attempts</th>")
        .append(
            "<th scope=\"col\">Last error</th><th scope=\"col\">Action</th></tr></thead><tbody>");
    if (found.entries().isEmpty()) {
      body.append("<tr><td colspan=\"9\" class=\"muted\">No dead letters.</td></tr>");
    }
    for (Entry e : found.entries()) {
      Job job = e.deadLetter().job();
      Optional<SyncRun> run = e.run();
      body.append("<tr data-job=\"")
          .append(esc(job.id().toString()))
          .append("\"><td>")
          .append(esc(DashboardHandler.time(e.deadLetter().deadLetteredAt())))
          .append("</td><td>")
          .append(cell(job.tenantId()))
          .append("</td><td>")
          .append(esc(job.kind().db()))
          .append("</td><td>")
          .append(cell(run.map(r -> r.event().wire()).orElse(null)))
          .append("</td><td class=\"num\">")
          .append(cell(run.map(r -> Long.toString(r.storeEntityId())).orElse(null)))
          .append("</td><td>");
      if (run.isPresent()) {
        body.append("<a href=\"")
            .append(esc(DashboardHandler.LIST_PATH + "/" + job.syncRunId()))
            .append("\">")
            .append(DashboardHandler.chip(run.get().status()))
            .append("</a>");
      } else {
        body.append("<span class=\"muted\">run gone</span>");
      }
      body.append("</td><td class=\"num\">")
          .append(job.attempts())
          .append("</td><td>")
          .append(cell(truncate(job.lastError())))
          .append("</td><td><form class=\"act\" method=\"post\" action=\"")
          .append(REQUEUE)
          .append("\">")
          .append(Html.csrfField(who));
      DashboardHandler.hidden(body, "job_id", job.id().toString());
      body.append("<button type=\"submit\" aria-label=\"Requeue job ")
          .append(esc(job.id().toString()))
          .append("\">Requeue</button></form></td></tr>\n");
    }
    body.append("</tbody></table><nav class=\"pager\" aria-label=\"Pages\">");
    if (before != null) {
      body.append("<a href=\"")
          .append(esc(PATH + DashboardHandler.queryString(keep, null)))
          .append("\">Newest</a>");
    }
    if (found.next().isPresent()) {
      DeadLetterCursor c = found.next().get();
      body.append("<a rel=\"next\" href=\"")
          .append(
              esc(
                  PATH
                      + DashboardHandler.queryString(
                          keep,
                          Map.entry(
                              "before", new PageCursor(c.deadLetteredAt(), c.jobId()).encode()))))
          .append("\">Older &rarr;</a>");
    }
    body.append("</nav>");
    Exchanges.sendHtml(ex, 200, Html.console("Dead letters", who, PATH, body.toString()));
  }

  private void requeueNamed(HttpCall ex, Principal who, List<String> ids) throws IOException {
    if (ids.isEmpty() || ids.size() > MAX_PER_SUBMIT) {
      page(ex, who, 400, "Nothing requeued", "<p>Name from 1 to " + MAX_PER_SUBMIT + " jobs.</p>");
      return;
    }
    BulkOutcome tally = new BulkOutcome();
    int found = 0;
    for (String raw : ids) {
      Optional<Entry> entry =
          DashboardHandler.parseUuid(raw.trim())
              .flatMap(deadLetters::find)
              .filter(e -> who.sees(e.deadLetter().job().tenantId()));
      if (entry.isEmpty()) {
        tally.refused("not a dead letter (already requeued, or its run retried)");
        continue;
      }
      found++;
      requeueOne(who, entry.get(), tally);
    }
    if (ids.size() == 1 && found == 0) {
      page(
          ex,
          who,
          404,
          "Dead letter not found",
          "<p>There is no such dead letter.</p>" + back(PATH));
      return;
    }
    result(ex, who, tally, false, PATH);
  }

  private void requeueMatching(HttpCall ex, Principal who, String tenant) throws IOException {
    ManageDeadLettersUseCase.Page found = deadLetters.list(tenant, null, MAX_PER_SUBMIT);
    BulkOutcome tally = new BulkOutcome();
    for (Entry e : found.entries()) {
      if (who.sees(e.deadLetter().job().tenantId())) {
        requeueOne(who, e, tally);
      }
    }
    String back =
        PATH
            + (who.operator() && tenant != null
                ? DashboardHandler.queryString(Map.of("tenant", tenant), null)
                : "");
    result(ex, who, tally, found.next().isPresent(), back);
  }

  private void requeueOne(Principal who, Entry e, BulkOutcome tally) {
    Job job = e.deadLetter().job();
    ManageDeadLettersUseCase.RequeueResult r = deadLetters.requeue(job.id());
    if (r instanceof ManageDeadLettersUseCase.Requeued done) {
      tally.requeued++;
      auth.audit(
          who,
          "console.requeue",
          job.tenantId(),
          "job "
              + job.id()
              + (done.runRetried() ? ": run " + job.syncRunId() + " retried" : ": requeued"));
    } else {
      String reason = ((ManageDeadLettersUseCase.NotRequeued) r).reason();
      tally.refused(reason);
      auth.audit(
          who, "console.requeue", job.tenantId(), "job " + job.id() + " not requeued: " + reason);
    }
  }

  private static void result(
      HttpCall ex, Principal who, BulkOutcome tally, boolean more, String back) throws IOException {
    StringBuilder body =
        new StringBuilder(
            tally.html("dead letter", "dead letters", tally.refusedCount() + " not requeued:"));
    if (more) {
      body.append("<p>More than ")
          .append(MAX_PER_SUBMIT)
          .append(" dead letters matched; submit again to requeue the next ones.</p>");
    }
    page(ex, who, 200, "Requeue", body + back(back));
  }

  private static String back(String href) {
    return "<p><a href=\"" + esc(href) + "\">&larr; Back to the dead letters</a></p>";
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "... [truncated]";
  }

  private static void page(HttpCall ex, Principal who, int status, String title, String body)
      throws IOException {
    Exchanges.sendHtml(
        ex, status, Html.console(title, who, PATH, "<h1>" + esc(title) + "</h1>" + body));
  }
}
