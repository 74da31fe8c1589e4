package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunCursor;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-rendered dashboard (PRODUCT §5): {@code /dashboard} redirects to the sync history, {@code
 * /dashboard/sync} pages runs newest first (a keyset cursor, so any history size) with filters
 * (tenant for operators, status, event, store entity, UTC days), the count of each status under the
 * filter, and retry buttons for failed runs ({@link RunRetryHandler} takes the forms); {@code
 * /dashboard/sync/{runId}} is {@link RunDetailHandler}. No JavaScript; every value is HTML-escaped;
 * the only style is one inline block allowed by hash in the Content-Security-Policy.
 */
final class DashboardHandler {

  /** Runs per page unless {@code limit} says otherwise (1 to {@link #MAX_PAGE}). */
  static final int DEFAULT_PAGE = 50;

  static final int MAX_PAGE = 200;

  /** Request and response bodies longer than this are cut in the detail page. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  static final String LIST_PATH = "/dashboard/sync";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final QuerySyncRunsUseCase query;

  /** Whether runs can be retried here (the retry buttons are shown). */
  private final boolean retry;

  DashboardHandler(QuerySyncRunsUseCase query, boolean retry) {
    this.query = query;
    this.retry = retry;
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    if (path.equals("/dashboard") || path.equals("/dashboard/")) {
      Exchanges.redirect(ex, LIST_PATH);
    } else if (path.equals(LIST_PATH) || path.equals(LIST_PATH + "/")) {
      list(ex, who);
    } else {
      Exchanges.sendHtml(
          ex, 404, Html.console("Not found", who, null, "<h1>Not found</h1>" + nav()));
    }
  }

  private void list(HttpCall ex, Principal who) throws IOException {
    Map<String, String> params;
    try {
      params = Exchanges.query(ex);
    } catch (IllegalArgumentException e) {
      Exchanges.sendHtml(
          ex,
          400,
          Html.console(
              "Sync history",
              who,
              LIST_PATH,
              "<h1>Sync history</h1><p class=\"error\">The query string is not valid.</p>"
                  + filterForm(Map.of(), who, null)));
      return;
    }
    RunFilters filters;
    int limit;
    PageCursor before;
    PageCursor after;
    try {
      filters = RunFilters.parse(params);
      limit = limit(params.get("limit"));
      before = cursor(params, "before");
      after = before == null ? cursor(params, "after") : null;
    } catch (RunFilters.BadParameter e) {
      Exchanges.sendHtml(
          ex,
          400,
          Html.console(
              "Sync history",
              who,
              LIST_PATH,
              "<h1>Sync history</h1>" + filterForm(params, who, e)));
      return;
    }
    if (!who.operator()) {
      filters = filters.forTenant(who.tenantId());
    }
    RunQuery base = filters.toQuery(limit);
    List<SyncRun> runs;
    if (before != null) {
      runs = query.recent(base.olderThan(new RunCursor(before.at(), before.id()), limit));
    } else if (after != null) {
      runs = query.recent(base.newerThan(new RunCursor(after.at(), after.id()), limit));
    } else {
      runs = query.recent(base);
    }
    boolean newer =
        !runs.isEmpty() && !query.recent(base.newerThan(RunCursor.of(runs.get(0)), 1)).isEmpty();
    boolean older =
        !runs.isEmpty()
            && !query.recent(base.olderThan(RunCursor.of(runs.get(runs.size() - 1)), 1)).isEmpty();
    Map<SyncRunStatus, Long> counts = query.countByStatus(base);
    Map<String, String> keep = new LinkedHashMap<>(filters.params());
    if (!who.operator()) {
      keep.remove("tenant");
    }
    if (limit != DEFAULT_PAGE) {
      keep.put("limit", Integer.toString(limit));
    }

    StringBuilder body = new StringBuilder(8192);
    body.append("<h1>Sync history</h1>").append(filterForm(params, who, null));
    body.append(counts(counts, keep, filters.status()));
    long failed = counts.getOrDefault(SyncRunStatus.FAILED, 0L);
    if (retry && failed > 0) {
      body.append("<form class=\"act\" method=\"post\" action=\"")
          .append(RunRetryHandler.RETRY_MATCHING)
          .append("\">")
          .append(Html.csrfField(who));
      for (Map.Entry<String, String> e : keep.entrySet()) {
        if (!e.getKey().equals("status") && !e.getKey().equals("limit")) {
          hidden(body, e.getKey(), e.getValue());
        }
      }
      body.append("<button type=\"submit\">Retry all ")
          .append(failed)
          .append(failed == 1 ? " failed run" : " failed runs")
          .append(" matching this filter</button>");
      if (failed > RunRetryHandler.MAX_PER_SUBMIT) {
        body.append(" <span class=\"muted\">(")
            .append(RunRetryHandler.MAX_PER_SUBMIT)
            .append(" per submit)</span>");
      }
      body.append("</form>");
    }
    String here = LIST_PATH + queryString(keep, cursorParam(before, after));
    body.append("<table><thead><tr><th scope=\"col\">Created</th><th scope=\"col\">Tenant</th>")
        .append("<th scope=\"col\">Event</th><th scope=\"col\">Store entity</th>")
        .append("<th scope=\"col\">Status</th><th scope=\"col\">Sage id</th>")
        .append("<th scope=\"col\">Sage reference</th><th scope=\"col\">Error / skip reason</th>")
        .append("<th scope=\"col\">Attempts</th><th scope=\"col\">Updated</th>")
        .append("<th scope=\"col\">Action</th></tr></thead><tbody>");
    if (runs.isEmpty()) {
      body.append("<tr><td colspan=\"11\" class=\"muted\">No sync runs match.</td></tr>");
    }
    for (SyncRun run : runs) {
      String detailHref = LIST_PATH + "/" + run.id();
      body.append("<tr><td><a href=\"")
          .append(esc(detailHref))
          .append("\">")
          .append(esc(time(run.createdAt())))
          .append("</a></td><td>");
      if (who.operator()) {
        body.append("<a href=\"")
            .append(esc(LIST_PATH + "?tenant=" + urlEncode(run.tenantId())))
            .append("\">")
            .append(cell(run.tenantId()))
            .append("</a>");
      } else {
        body.append(cell(run.tenantId()));
      }
      body.append("</td><td>")
          .append(cell(run.event().wire()))
          .append("</td><td class=\"num\">")
          .append(run.storeEntityId())
          .append("</td><td>")
          .append(chip(run.status()))
          .append("</td><td>")
          .append(cell(run.sageEntityId()))
          .append("</td><td>")
          .append(cell(run.sageReference()))
          .append("</td><td>")
          .append(cell(problem(run)))
          .append("</td><td class=\"num\">")
          .append(run.attempts())
          .append("</td><td>")
          .append(esc(time(run.updatedAt())))
          .append("</td><td>");
      if (retry && run.status() == SyncRunStatus.FAILED) {
        body.append("<form class=\"act\" method=\"post\" action=\"")
            .append(RunRetryHandler.RETRY)
            .append("\">")
            .append(Html.csrfField(who));
        hidden(body, "run_id", run.id().toString());
        hidden(body, "back", here);
        body.append("<button type=\"submit\" aria-label=\"Retry run ")
            .append(esc(run.id().toString()))
            .append("\">Retry</button></form>");
      }
      body.append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    body.append("<nav class=\"pager\" aria-label=\"Pages\">");
    if (newer) {
      body.append("<a rel=\"prev\" href=\"")
          .append(
              esc(
                  LIST_PATH
                      + queryString(
                          keep,
                          Map.entry(
                              "after",
                              new PageCursor(runs.get(0).createdAt(), runs.get(0).id()).encode()))))
          .append("\">&larr; Newer</a>");
    }
    if (before != null || after != null) {
      body.append("<a href=\"")
          .append(esc(LIST_PATH + queryString(keep, null)))
          .append("\">Newest</a>");
    }
    if (older) {
      SyncRun last = runs.get(runs.size() - 1);
      body.append("<a rel=\"next\" href=\"")
          .append(
              esc(
                  LIST_PATH
                      + queryString(
                          keep,
                          Map.entry(
                              "before", new PageCursor(last.createdAt(), last.id()).encode()))))
          .append("\">Older &rarr;</a>");
    }
    body.append("</nav><p class=\"muted\">")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(" on this page, newest first, ")
        .append(limit)
        .append(" per page.</p>");
    Exchanges.sendHtml(ex, 200, Html.console("Sync history", who, LIST_PATH, body.toString()));
  }

  /** The chips: every status with its count under the filter, each a link to that status. */
  private static String counts(
      Map<SyncRunStatus, Long> counts, Map<String, String> keep, SyncRunStatus selected) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, String> anyStatus = new LinkedHashMap<>(keep);
    anyStatus.remove("status");
    StringBuilder out = new StringBuilder(1024);
    out.append("<ul class=\"counts\" aria-label=\"Runs per status\"><li><a href=\"")
        .append(esc(LIST_PATH + queryString(anyStatus, null)))
        .append("\"")
        .append(selected == null ? " aria-current=\"true\"" : "")
        .append(">all <span class=\"n\">")
        .append(total)
        .append("</span></a></li>");
    for (SyncRunStatus s : SyncRunStatus.values()) {
      Map<String, String> one = new LinkedHashMap<>(anyStatus);
      one.put("status", s.db());
      out.append("<li><a href=\"")
          .append(esc(LIST_PATH + queryString(one, null)))
          .append("\"")
          .append(s == selected ? " aria-current=\"true\"" : "")
          .append(">")
          .append(chip(s))
          .append(" <span class=\"n\" data-status=\"")
          .append(s.db())
          .append("\">")
          .append(counts.getOrDefault(s, 0L))
          .append("</span></a></li>");
    }
    return out.append("</ul>").toString();
  }

  static int limit(String raw) throws RunFilters.BadParameter {
    String value = RunFilters.blankToNull(raw);
    if (value == null) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RunFilters.BadParameter("limit", "the page size must be from 1 to " + MAX_PAGE);
  }

  static PageCursor cursor(Map<String, String> params, String name) throws RunFilters.BadParameter {
    String raw = RunFilters.blankToNull(params.get(name));
    if (raw == null) {
      return null;
    }
    return PageCursor.decode(raw)
        .orElseThrow(
            () ->
                new RunFilters.BadParameter(
                    name, "the page link is not valid; start again from the newest runs"));
  }

  private static Map.Entry<String, String> cursorParam(PageCursor before, PageCursor after) {
    if (before != null) {
      return Map.entry("before", before.encode());
    }
    return after == null ? null : Map.entry("after", after.encode());
  }

  /** {@code ?a=1&b=2} of the parameters and the extra one (may be null); empty for none. */
  static String queryString(Map<String, String> params, Map.Entry<String, String> extra) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      q.append(q.length() == 0 ? '?' : '&')
          .append(urlEncode(e.getKey()))
          .append('=')
          .append(urlEncode(e.getValue()));
    }
    if (extra != null) {
      q.append(q.length() == 0 ? '?' : '&')
          .append(urlEncode(extra.getKey()))
          .append('=')
          .append(urlEncode(extra.getValue()));
    }
    return q.toString();
  }

  static void hidden(StringBuilder out, String name, String value) {
    out.append("<input type=\"hidden\" name=\"")
        .append(esc(name))
        .append("\" value=\"")
        .append(esc(value))
        .append("\">");
  }

  /**
   * The filters; a merchant has no tenant filter. {@code error} (may be null) marks its field
   * invalid and says why, linked by {@code aria-describedby}.
   */
  private static String filterForm(
      Map<String, String> params, Principal who, RunFilters.BadParameter error) {
    String status = params.getOrDefault("status", "");
    String event = params.getOrDefault("event", "");
    StringBuilder f = new StringBuilder(4096);
    if (error != null) {
      f.append("<p class=\"problem\" role=\"alert\">Nothing is listed: ")
          .append(esc(error.getMessage()))
          .append(".</p>");
    }
    f.append("<form class=\"filters\" method=\"get\" action=\"").append(LIST_PATH).append("\">");
    if (who.operator()) {
      input(f, "tenant", "Tenant", "text", params, error, " maxlength=\"128\"");
    }
    f.append("<label for=\"f-status\">Status<select id=\"f-status\" name=\"status\"")
        .append(invalid("status", error))
        .append("><option value=\"\">any</option>");
    for (SyncRunStatus s : SyncRunStatus.values()) {
      option(f, s.db(), status);
    }
    f.append("</select></label>").append(fieldError("status", error));
    f.append("<label for=\"f-event\">Event<select id=\"f-event\" name=\"event\"")
        .append(invalid("event", error))
        .append("><option value=\"\">any</option>");
    for (EventType e : EventType.values()) {
      option(f, e.wire(), event);
    }
    f.append("</select></label>").append(fieldError("event", error));
    input(f, "entity", "Store entity id", "text", params, error, " inputmode=\"numeric\"");
    input(f, "from", "Created from (UTC day)", "date", params, error, "");
    input(f, "to", "Created to (UTC day, included)", "date", params, error, "");
    if (params.containsKey("limit")) {
      hidden(f, "limit", params.get("limit"));
    }
    f.append("<button type=\"submit\">Filter</button> <a href=\"")
        .append(LIST_PATH)
        .append("\">Clear</a></form>");
    if (error != null && error.field().equals("limit")) {
      f.append(fieldError("limit", error));
    }
    return f.toString();
  }

  private static void input(
      StringBuilder f,
      String name,
      String label,
      String type,
      Map<String, String> params,
      RunFilters.BadParameter error,
      String extra) {
    f.append("<label for=\"f-")
        .append(name)
        .append("\">")
        .append(esc(label))
        .append("<input id=\"f-")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\" type=\"")
        .append(type)
        .append("\"")
        .append(extra)
        .append(" value=\"")
        .append(esc(params.getOrDefault(name, "")))
        .append("\"")
        .append(invalid(name, error))
        .append("></label>")
        .append(fieldError(name, error));
  }

  private static String invalid(String name, RunFilters.BadParameter error) {
    return error != null && error.field().equals(name)
        ? " aria-invalid=\"true\" aria-describedby=\"f-" + name + "-error\""
        : "";
  }

  private static String fieldError(String name, RunFilters.BadParameter error) {
    return error != null && error.field().equals(name)
        ? "<span class=\"field-error\" id=\"f-"
            + name
            + "-error\">"
            + esc(error.getMessage())
            + "</span>"
        : "";
  }

  private static void option(StringBuilder f, String value, String selected) {
    f.append("<option value=\"").append(esc(value)).append('"');
    if (value.equals(selected)) {
      f.append(" selected");
    }
    f.append('>').append(esc(value)).append("</option>");
  }

  private static String nav() {
    return "<p><a href=\"" + LIST_PATH + "\">&larr; Sync history</a></p>";
  }

  static String chip(SyncRunStatus status) {
    String db = status.db();
    return "<span class=\"chip s-" + esc(db) + "\">" + esc(db.replace('_', ' ')) + "</span>";
  }

  /** The error code (with message) of a failed or retrying run, or the skip reason. */
  static String problem(SyncRun run) {
    if (run.errorCode() != null) {
      return run.errorMessage() == null
          ? run.errorCode()
          : run.errorCode() + ": " + truncate(run.errorMessage(), 200);
    }
    if (run.skipReason() != null) {
      return run.skipReason();
    }
    return null;
  }

  /** Escaped body in a pre block; JSON is pretty-printed; long bodies are cut. */
  static String pre(String text) {
    if (text == null || text.isEmpty()) {
      return "<pre class=\"muted\">(none)</pre>";
    }
    String shown = text;
    if (text.length() <= MAX_BODY_CHARS) {
      try {
        JsonNode node = Json.read(text.getBytes(StandardCharsets.UTF_8));
        if (node != null && node.isContainerNode()) {
          shown = Json.pretty(node);
        }
      } catch (IOException | RuntimeException e) {
        // not JSON: show as stored
      }
    }
    return "<pre>" + esc(truncate(shown, MAX_BODY_CHARS)) + "</pre>";
  }

  static String time(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "... [truncated]";
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Optional<UUID> parseUuid(String raw) {
    if (raw.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(raw));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
