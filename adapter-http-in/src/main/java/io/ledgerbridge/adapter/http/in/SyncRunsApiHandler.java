package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.ports.out.SyncRunRepository.RunCursor;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only JSON for scripts and tests. {@code GET /api/sync-runs?limit=&status=&event=&tenant=&
 * entity=&from=&to=&cursor=} answers {@code {"runs":[...],"next_cursor":...}} newest first (limit
 * 1..500, default 50; {@code from}/{@code to} UTC days, both included; {@code next_cursor}, null on
 * the last page, is the {@code cursor} of the next page); {@code GET /api/sync-runs/{id}} answers
 * {@code {"run":{...},"attempts":[{...,"exchanges":[...]}]}} (each attempt with the exchanges it
 * made with the store and Sage, in order) and, for a run whose job is scheduled, {@code
 * "next_attempt_at"}. Bad parameters are 400 {@code {"error":"invalid_parameter","field":...}}.
 */
final class SyncRunsApiHandler {

  static final String PATH = "/api/sync-runs";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final QuerySyncRunsUseCase query;

  SyncRunsApiHandler(QuerySyncRunsUseCase query) {
    this.query = query;
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    if (path.equals(PATH)) {
      list(ex, who);
    } else if (path.startsWith(PATH + "/")) {
      one(ex, path.substring(PATH.length() + 1), who);
    } else {
      Exchanges.notFound(ex);
    }
  }

  private void list(HttpCall ex, Principal who) throws IOException {
    Map<String, String> params;
    RunFilters filters;
    int limit;
    PageCursor cursor;
    try {
      params = Exchanges.query(ex);
      filters = RunFilters.parse(params);
      limit = limit(params.get("limit"));
      cursor = DashboardHandler.cursor(params, "cursor");
    } catch (IllegalArgumentException e) {
      badParameter(ex, "query", "the query string is not valid");
      return;
    } catch (RunFilters.BadParameter e) {
      badParameter(ex, e.field(), e.getMessage());
      return;
    }
    if (!who.operator()) {
      filters = filters.forTenant(who.tenantId());
    }
    RunQuery q = filters.toQuery(limit + 1);
    if (cursor != null) {
      q = q.olderThan(new RunCursor(cursor.at(), cursor.id()), limit + 1);
    }
    List<SyncRun> found = query.recent(q);
    ArrayNode runs = Json.array();
    for (SyncRun run : found.subList(0, Math.min(limit, found.size()))) {
      runs.add(run(run));
    }
    ObjectNode body = Json.object();
    body.set("runs", runs);
    if (found.size() > limit) {
      SyncRun last = found.get(limit - 1);
      body.put("next_cursor", new PageCursor(last.createdAt(), last.id()).encode());
    } else {
      body.putNull("next_cursor");
    }
    Exchanges.sendJson(ex, 200, body);
  }

  private void one(HttpCall ex, String rawId, Principal who) throws IOException {
    Optional<SyncRun> run =
        DashboardHandler.parseUuid(rawId).flatMap(query::find).filter(r -> who.sees(r.tenantId()));
    if (run.isEmpty()) {
      Exchanges.notFound(ex);
      return;
    }
    ObjectNode body = Json.object();
    body.set("run", run(run.get()));
    query.nextAttemptAt(run.get().id()).ifPresent(t -> body.put("next_attempt_at", t.toString()));
    ArrayNode attempts = body.putArray("attempts");
    List<SyncExchange> exchanges = query.exchanges(run.get().id());
    for (SyncAttempt a : query.attempts(run.get().id())) {
      ObjectNode n = attempts.addObject();
      n.put("attempt_no", a.attemptNo());
      n.put("started_at", iso(a.startedAt()));
      n.put("finished_at", iso(a.finishedAt()));
      n.put("outcome", a.outcome());
      n.put("error_code", a.errorCode());
      if (a.httpStatus() == null) {
        n.putNull("http_status");
      } else {
        n.put("http_status", a.httpStatus().intValue());
      }
      n.put("message", a.message());
      n.put("request_body", a.requestBody());
      n.put("response_body", a.responseBody());
      ArrayNode list = n.putArray("exchanges");
      for (SyncExchange e : exchanges) {
        if (e.belongsTo(a)) {
          list.add(exchange(e));
        }
      }
    }
    Exchanges.sendJson(ex, 200, body);
  }

  static ObjectNode exchange(SyncExchange e) {
    ObjectNode n = Json.object();
    n.put("seq", e.seq());
    n.put("system", e.system());
    n.put("operation", e.operation());
    n.put("method", e.method());
    n.put("url", e.url());
    if (e.httpStatus() == null) {
      n.putNull("http_status");
    } else {
      n.put("http_status", e.httpStatus().intValue());
    }
    n.put("duration_ms", e.durationMillis());
    n.put("request_body", e.requestBody());
    n.put("request_truncated", e.requestTruncated());
    n.put("response_body", e.responseBody());
    n.put("response_truncated", e.responseTruncated());
    return n;
  }

  static int limit(String raw) throws RunFilters.BadParameter {
    String value = RunFilters.blankToNull(raw);
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RunFilters.BadParameter("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
  }

  static ObjectNode run(SyncRun r) {
    ObjectNode n = Json.object();
    n.put("id", r.id().toString());
    n.put("tenant_id", r.tenantId());
    n.put("event", r.event().wire());
    n.put("store_entity_id", r.storeEntityId());
    n.put("idempotency_key", r.idempotencyKey());
    n.put("status", r.status().db());
    n.put("policy_version", r.policyVersion());
    n.put("attempts", r.attempts());
    n.put("sage_entity_id", r.sageEntityId());
    n.put("sage_reference", r.sageReference());
    n.put("error_code", r.errorCode());
    n.put("error_message", r.errorMessage());
    n.put("skip_reason", r.skipReason());
    n.put("created_at", iso(r.createdAt()));
    n.put("updated_at", iso(r.updatedAt()));
    n.put("version", r.version());
    return n;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void badParameter(HttpCall ex, String field, String message) throws IOException {
    Exchanges.sendJson(
        ex,
        400,
        Json.object()
            .put("error", "invalid_parameter")
            .put("field", field)
            .put("message", message));
  }
}
