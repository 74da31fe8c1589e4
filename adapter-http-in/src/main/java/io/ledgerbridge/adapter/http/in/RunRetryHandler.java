package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync history's retry forms (PRODUCT §5, "per-row retry"):
 *
 * <ul>
 *   <li>{@code POST /dashboard/sync/retry} with {@code run_id} (one or more): retries those runs.
 *   <li>{@code POST /dashboard/sync/retry-matching} with the history's filters: retries the failed
 *       runs matching them, {@link #MAX_PER_SUBMIT} at most per submit (the page says when more
 *       remain).
 * </ul>
 *
 * <p>Both carry the session's CSRF token. A run the user may not see counts as unknown (a merchant
 * naming another tenant's run alone gets 404). Each retry is written to the audit log; the answer
 * page says how many runs were requeued and why the others were not, with a link back to the list.
 */
final class RunRetryHandler {
  static final String RETRY = DashboardHandler.LIST_PATH + "/retry";
  static final String RETRY_MATCHING = DashboardHandler.LIST_PATH + "/retry-matching";
  static final int MAX_PER_SUBMIT = 1000;

  private final QuerySyncRunsUseCase query;
  private final RetrySyncRunUseCase retry;
  private final ConsoleAuth auth;

  /**
   * @param retry null: the routes answer 404 (retrying is not configured)
   */
  RunRetryHandler(QuerySyncRunsUseCase query, RetrySyncRunUseCase retry, ConsoleAuth auth) {
    this.query = query;
    this.retry = retry;
    this.auth = auth;
  }

  static boolean matches(String path) {
    return path.equals(RETRY) || path.equals(RETRY_MATCHING);
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    if (retry == null) {
      page(ex, who, 404, "Not configured", "<p>Retrying runs is not configured here.</p>");
      return;
    }
    ConsoleAuth.Form form = auth.form(ex, who);
    if (form == null) {
      return;
    }
    if (path.equals(RETRY)) {
      retryNamed(ex, who, form);
    } else {
      retryMatching(ex, who, form);
    }
  }

  private void retryNamed(HttpCall ex, Principal who, ConsoleAuth.Form form) throws IOException {
    List<String> ids = form.all("run_id");
    String back = back(form.first("back"));
    if (ids.isEmpty() || ids.size() > MAX_PER_SUBMIT) {
      page(
          ex,
          who,
          400,
          "Nothing retried",
          "<p>Name from 1 to " + MAX_PER_SUBMIT + " runs to retry.</p>" + backLink(back));
      return;
    }
    BulkOutcome tally = new BulkOutcome();
    for (String raw : ids) {
      Optional<SyncRun> run =
          DashboardHandler.parseUuid(raw.trim())
              .flatMap(query::find)
              .filter(r -> who.sees(r.tenantId()));
      if (run.isEmpty()) {
        tally.refused("no such run");
        continue;
      }
      retryOne(who, run.get(), tally);
    }
    if (tally.onlyRefused("no such run")) {
      page(ex, who, 404, "Run not found", "<p>There is no such run.</p>" + backLink(back));
      return;
    }
    result(ex, who, tally, false, back);
  }

  private void retryMatching(HttpCall ex, Principal who, ConsoleAuth.Form form) throws IOException {
    RunFilters filters;
    try {
      filters = RunFilters.parse(form.firsts());
    } catch (RunFilters.BadParameter e) {
      page(
          ex,
          who,
          400,
          "Nothing retried",
          "<p>" + esc(e.getMessage()) + ".</p>" + backLink(DashboardHandler.LIST_PATH));
      return;
    }
    if (!who.operator()) {
      filters = filters.forTenant(who.tenantId());
    }
    Map<String, String> listParams = new LinkedHashMap<>(filters.anyStatus().params());
    if (!who.operator()) {
      listParams.remove("tenant");
    }
    String back = DashboardHandler.LIST_PATH + DashboardHandler.queryString(listParams, null);
    List<SyncRun> failed =
        query.recent(
            filters.anyStatus().toQuery(MAX_PER_SUBMIT + 1).withStatus(SyncRunStatus.FAILED));
    boolean more = failed.size() > MAX_PER_SUBMIT;
    BulkOutcome tally = new BulkOutcome();
    for (SyncRun run : failed.subList(0, Math.min(MAX_PER_SUBMIT, failed.size()))) {
      if (!who.sees(run.tenantId())) {
        continue; // the filter is held to the merchant's tenant: never reached
      }
      retryOne(who, run, tally);
    }
    result(ex, who, tally, more, back);
  }

  private void retryOne(Principal who, SyncRun run, BulkOutcome tally) {
    RetrySyncRunUseCase.RetryResult r = retry.retry(run.id());
    if (r instanceof RetrySyncRunUseCase.Requeued) {
      tally.requeued++;
      auth.audit(who, "console.retry", run.tenantId(), "run " + run.id() + " requeued");
    } else {
      String reason = ((RetrySyncRunUseCase.NotRetryable) r).reason();
      tally.refused(reason);
      auth.audit(
          who, "console.retry", run.tenantId(), "run " + run.id() + " not retried: " + reason);
    }
  }

  private static void result(
      HttpCall ex, Principal who, BulkOutcome tally, boolean more, String back) throws IOException {
    int refused = tally.refusedCount();
    StringBuilder body =
        new StringBuilder(
            tally.html(
                "run",
                "runs",
                refused + (refused == 1 ? " run was" : " runs were") + " not retryable:"));
    if (more) {
      body.append("<p>More than ")
          .append(MAX_PER_SUBMIT)
          .append(" failed runs matched; submit again to retry the next ones.</p>");
    }
    body.append(backLink(back));
    page(ex, who, 200, "Retry", body.toString());
  }

  /** Where to go back to: a sync-history link, anything else the plain history. */
  private static String back(String raw) {
    if (raw == null
        || !(raw.equals(DashboardHandler.LIST_PATH)
            || raw.startsWith(DashboardHandler.LIST_PATH + "?"))) {
      return DashboardHandler.LIST_PATH;
    }
    return raw;
  }

  private static String backLink(String href) {
    return "<p><a href=\"" + esc(href) + "\">&larr; Back to the sync history</a></p>";
  }

  private static void page(HttpCall ex, Principal who, int status, String title, String body)
      throws IOException {
    Exchanges.sendHtml(
        ex,
        status,
        Html.console(title, who, DashboardHandler.LIST_PATH, "<h1>" + esc(title) + "</h1>" + body));
  }
}
