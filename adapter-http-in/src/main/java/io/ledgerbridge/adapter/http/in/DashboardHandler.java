package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-rendered dashboard (PRODUCT §5): {@code /dashboard} redirects to the sync history, {@code
 * /dashboard/sync} lists runs newest first with filters ({@code /dashboard/sync/{runId}} is {@link
 * RunDetailHandler}). No JavaScript; every value is HTML-escaped; the only style is one inline
 * block allowed by hash in the Content-Security-Policy.
 */
final class DashboardHandler {

  static final int LIST_LIMIT = 200;

  /** Request and response bodies longer than this are cut in the detail page. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  static final String LIST_PATH = "/dashboard/sync";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final QuerySyncRunsUseCase query;

  DashboardHandler(QuerySyncRunsUseCase query) {
    this.query = query;
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
              "<h1>Sync history</h1><p class=\"error\">The query"
                  + " string is not valid.</p>"
                  + filterForm(Map.of())));
      return;
    }
    RunFilters filters;
    try {
      filters = RunFilters.parse(params);
    } catch (RunFilters.BadParameter e) {
      Exchanges.sendHtml(
          ex,
          400,
          Html.console(
              "Sync history",
              who,
              LIST_PATH,
              "<h1>Sync history</h1><p class=\"error\">"
                  + esc(e.getMessage())
                  + "</p>"
                  + filterForm(params)));
      return;
    }
    if (!who.operator()) {
      filters = filters.forTenant(who.tenantId());
    }
    List<SyncRun> runs = query.recent(filters.toQuery(LIST_LIMIT));
    StringBuilder body = new StringBuilder(4096);
    body.append("<h1>Sync history</h1>").append(filterForm(params));
    body.append("<p class=\"muted\">")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(", newest first (at most ")
        .append(LIST_LIMIT)
        .append(").</p>");
    body.append("<table><thead><tr><th>Created</th><th>Tenant</th><th>Event</th>")
        .append("<th>Store entity</th><th>Status</th><th>Sage id</th><th>Sage reference</th>")
        .append(
            "<th>Error / skip reason</th><th>Attempts</th><th>Updated</th></tr></thead><tbody>");
    if (runs.isEmpty()) {
      body.append("<tr><td colspan=\"10\" class=\"muted\">No sync runs match.</td></tr>");
    }
    for (SyncRun run : runs) {
      String detailHref = LIST_PATH + "/" + run.id();
      body.append("<tr><td><a href=\"")
          .append(esc(detailHref))
          .append("\">")
          .append(esc(time(run.createdAt())))
          .append("</a></td><td><a href=\"")
          .append(esc(LIST_PATH + "?tenant=" + urlEncode(run.tenantId())))
          .append("\">")
          .append(cell(run.tenantId()))
          .append("</a></td><td>")
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
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(ex, 200, Html.console("Sync history", who, LIST_PATH, body.toString()));
  }

  private static String filterForm(Map<String, String> params) {
    String status = params.getOrDefault("status", "");
    String event = params.getOrDefault("event", "");
    StringBuilder f = new StringBuilder(2048);
    f.append("<form class=\"filters\" method=\"get\" action=\"").append(LIST_PATH).append("\">");
    f.append("<label>Tenant<input name=\"tenant\" maxlength=\"128\" value=\"")
        .append(esc(params.getOrDefault("tenant", "")))
        .append("\"></label>");
    f.append("<label>Status<select name=\"status\"><option value=\"\">any</option>");
    for (SyncRunStatus s : SyncRunStatus.values()) {
      option(f, s.db(), status);
    }
    f.append("</select></label>");
    f.append("<label>Event<select name=\"event\"><option value=\"\">any</option>");
    for (EventType e : EventType.values()) {
      option(f, e.wire(), event);
    }
    f.append("</select></label>");
    f.append("<label>Store entity id<input name=\"entity\" inputmode=\"numeric\" value=\"")
        .append(esc(params.getOrDefault("entity", "")))
        .append("\"></label>");
    f.append("<button type=\"submit\">Filter</button> <a href=\"")
        .append(LIST_PATH)
        .append("\">Clear</a></form>");
    return f.toString();
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
