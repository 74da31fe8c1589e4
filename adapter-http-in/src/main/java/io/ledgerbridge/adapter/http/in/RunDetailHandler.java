package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.invoice.DocumentFigures;
import io.ledgerbridge.core.invoice.FigureComparison;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /dashboard/sync/{runId}}: one run (PRODUCT §5). Its summary (status, tenant, event,
 * entity, policy version, Sage id and reference, error, skip reason, and when a scheduled or
 * waiting run is next tried), then each attempt with every exchange it made with the store and with
 * Sage in order (method, URL, status, duration, both bodies in {@code <details>}), then for an
 * invoice or credit memo run "store said / Sage received": totals, tax per rate and lines of the
 * store's document (the recorded store GET, read by the store adapter's parser) next to the body
 * Sage received (read by the Sage adapter's parser), differences marked. A merchant sees only runs
 * of its own tenant (another tenant's run is 404). No JavaScript.
 */
final class RunDetailHandler {

  static final String PREFIX = DashboardHandler.LIST_PATH + "/";

  private final QuerySyncRunsUseCase query;
  private final DocumentParser<CanonicalInvoice> invoiceParser;
  private final DocumentParser<CanonicalCreditMemo> creditMemoParser;
  private final DocumentParser<DocumentFigures> sentParser;

  /**
   * @param invoiceParser the store adapter's canonical invoice parser, or null
   * @param creditMemoParser the store adapter's canonical credit memo parser, or null
   * @param sentParser the Sage adapter's reader of a sent invoice or credit note body, or null
   *     (without the parsers the page has no side-by-side view)
   */
  RunDetailHandler(
      QuerySyncRunsUseCase query,
      DocumentParser<CanonicalInvoice> invoiceParser,
      DocumentParser<CanonicalCreditMemo> creditMemoParser,
      DocumentParser<DocumentFigures> sentParser) {
    this.query = query;
    this.invoiceParser = invoiceParser;
    this.creditMemoParser = creditMemoParser;
    this.sentParser = sentParser;
  }

  static boolean matches(String path) {
    return path.startsWith(PREFIX) && path.length() > PREFIX.length();
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    Optional<SyncRun> run =
        DashboardHandler.parseUuid(path.substring(PREFIX.length()))
            .flatMap(query::find)
            .filter(r -> who.sees(r.tenantId()));
    if (run.isEmpty()) {
      Exchanges.sendHtml(
          ex,
          404,
          Html.console(
              "Run not found", who, DashboardHandler.LIST_PATH, "<h1>Run not found</h1>" + nav()));
      return;
    }
    SyncRun r = run.get();
    List<SyncAttempt> attempts = query.attempts(r.id());
    List<SyncExchange> exchanges = query.exchanges(r.id());
    StringBuilder body = new StringBuilder(16384);
    body.append(nav()).append("<h1>Sync run ").append(esc(r.id().toString())).append("</h1>");
    summary(body, r);
    body.append("<h2>Attempts</h2>");
    if (attempts.isEmpty()) {
      body.append("<p class=\"muted\">No attempts yet.</p>");
    }
    for (SyncAttempt a : attempts) {
      attempt(body, a, exchanges.stream().filter(e -> e.belongsTo(a)).toList());
    }
    comparison(body, r, attempts, exchanges);
    Exchanges.sendHtml(
        ex, 200, Html.console("Sync run", who, DashboardHandler.LIST_PATH, body.toString()));
  }

  private void summary(StringBuilder body, SyncRun r) {
    body.append("<dl>");
    dl(body, "Status", DashboardHandler.chip(r.status()));
    if (r.status() == SyncRunStatus.RETRY_SCHEDULED
        || r.status() == SyncRunStatus.WAITING
        || r.status() == SyncRunStatus.QUEUED) {
      Optional<Instant> next = query.nextAttemptAt(r.id());
      dl(
          body,
          "Next attempt",
          next.map(t -> "<time>" + esc(DashboardHandler.time(t)) + "</time>")
              .orElse("<span class=\"muted\">not scheduled</span>"));
    }
    dl(body, "Tenant", cell(r.tenantId()));
    dl(body, "Event", cell(r.event().wire()));
    dl(body, "Store entity id", Long.toString(r.storeEntityId()));
    dl(body, "Policy version", Integer.toString(r.policyVersion()));
    dl(body, "Attempts", Integer.toString(r.attempts()));
    dl(body, "Sage id", cell(r.sageEntityId()));
    dl(body, "Sage reference", cell(r.sageReference()));
    dl(body, "Error code", cell(r.errorCode()));
    dl(body, "Message", cell(r.errorMessage()));
    dl(body, "Skip reason", cell(r.skipReason()));
    dl(body, "Idempotency key", cell(r.idempotencyKey()));
    dl(body, "Created", esc(DashboardHandler.time(r.createdAt())));
    dl(body, "Updated", esc(DashboardHandler.time(r.updatedAt())));
    body.append("</dl>");
  }

  private static void attempt(StringBuilder body, SyncAttempt a, List<SyncExchange> exchanges) {
    body.append("<section class=\"card attempt\"><h3>Attempt ")
        .append(a.attemptNo())
        .append(": ")
        .append(cell(a.outcome()))
        .append("</h3><dl>");
    dl(body, "Started", esc(DashboardHandler.time(a.startedAt())));
    dl(body, "Finished", esc(DashboardHandler.time(a.finishedAt())));
    if (a.startedAt() != null && a.finishedAt() != null) {
      dl(body, "Took", esc(Duration.between(a.startedAt(), a.finishedAt()).toMillis() + " ms"));
    }
    if (a.errorCode() != null) {
      dl(body, "Error code", cell(a.errorCode()));
    }
    if (a.httpStatus() != null) {
      dl(body, "HTTP status", a.httpStatus().toString());
    }
    if (a.message() != null) {
      dl(body, "Message", cell(a.message()));
    }
    body.append("</dl>");
    if (exchanges.isEmpty()) {
      // rows recorded before exchanges were: the request and answer the attempt kept
      if (a.requestBody() != null || a.responseBody() != null) {
        body.append("<details><summary>Request sent</summary>")
            .append(DashboardHandler.pre(a.requestBody()))
            .append("</details><details><summary>Answer</summary>")
            .append(DashboardHandler.pre(a.responseBody()))
            .append("</details>");
      } else {
        body.append("<p class=\"muted\">No exchanges recorded.</p>");
      }
    } else {
      body.append("<table class=\"exchanges\"><thead><tr><th scope=\"col\">#</th>")
          .append("<th scope=\"col\">System</th><th scope=\"col\">Operation</th>")
          .append("<th scope=\"col\">Request</th><th scope=\"col\">Status</th>")
          .append("<th scope=\"col\">Took</th></tr></thead><tbody>");
      for (SyncExchange e : exchanges) {
        exchange(body, e);
      }
      body.append("</tbody></table>");
    }
    body.append("</section>");
  }

  private static void exchange(StringBuilder body, SyncExchange e) {
    boolean ok = e.httpStatus() != null && e.httpStatus() >= 200 && e.httpStatus() < 300;
    body.append("<tr><td class=\"num\">")
        .append(e.seq())
        .append("</td><td>")
        .append(cell(e.system()))
        .append("</td><td>")
        .append(cell(e.operation()))
        .append("</td><td><code>")
        .append(esc(e.method()))
        .append(' ')
        .append(esc(e.url()))
        .append("</code></td><td class=\"num")
        .append(ok ? "" : " error")
        .append("\">")
        .append(e.httpStatus() == null ? "no answer" : e.httpStatus().toString())
        .append("</td><td class=\"num\">")
        .append(e.durationMillis())
        .append(" ms</td></tr>\n<tr class=\"bodies\"><td></td><td colspan=\"5\">");
    if (e.requestBody() != null) {
      body.append("<details><summary>Request body")
          .append(e.requestTruncated() ? " (cut at 64 KiB)" : "")
          .append("</summary>")
          .append(DashboardHandler.pre(e.requestBody()))
          .append("</details>");
    }
    body.append("<details><summary>Answer")
        .append(e.responseTruncated() ? " (cut at 64 KiB)" : "")
        .append("</summary>")
        .append(DashboardHandler.pre(e.responseBody()))
        .append("</details></td></tr>\n");
  }

  /**
   * The side-by-side view of an invoice or credit memo run, from its latest attempt that has it.
   */
  private void comparison(
      StringBuilder body, SyncRun r, List<SyncAttempt> attempts, List<SyncExchange> exchanges) {
    boolean invoice = r.event() == EventType.INVOICE_CREATED;
    boolean memo = r.event() == EventType.CREDITMEMO_CREATED;
    if (!(invoice || memo) || sentParser == null) {
      return;
    }
    body.append("<h2>Store said / Sage received</h2>");
    for (int i = attempts.size() - 1; i >= 0; i--) {
      SyncAttempt a = attempts.get(i);
      List<SyncExchange> mine = exchanges.stream().filter(e -> e.belongsTo(a)).toList();
      Optional<DocumentFigures> store = storeSide(mine, invoice);
      Optional<DocumentFigures> sage = sageSide(mine);
      if (store.isPresent() && sage.isPresent()) {
        body.append("<p class=\"muted\">From attempt ")
            .append(a.attemptNo())
            .append(": the store's document as fetched, and the body sent to Sage.</p>");
        table(body, FigureComparison.of(store.get(), sage.get()));
        return;
      }
    }
    body.append(
        "<p class=\"muted\">No attempt recorded both the store's document and a document sent to"
            + " Sage.</p>");
  }

  private Optional<DocumentFigures> storeSide(List<SyncExchange> exchanges, boolean invoice) {
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      SyncExchange e = exchanges.get(i);
      if (!"store".equals(e.system())
          || !"GET".equals(e.method())
          || e.httpStatus() == null
          || e.httpStatus() / 100 != 2
          || e.responseTruncated()
          || e.responseBody() == null) {
        continue;
      }
      try {
        if (invoice && invoiceParser != null) {
          return Optional.of(DocumentFigures.of(invoiceParser.parse(e.responseBody())));
        }
        if (!invoice && creditMemoParser != null) {
          return Optional.of(DocumentFigures.of(creditMemoParser.parse(e.responseBody())));
        }
      } catch (RuntimeException notThisDocument) {
        // another GET of the attempt (a customer, a payment): look further
      }
    }
    return Optional.empty();
  }

  private Optional<DocumentFigures> sageSide(List<SyncExchange> exchanges) {
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      SyncExchange e = exchanges.get(i);
      if (!"sage".equals(e.system()) || e.requestBody() == null || e.requestTruncated()) {
        continue;
      }
      try {
        return Optional.of(sentParser.parse(e.requestBody()));
      } catch (RuntimeException notThisDocument) {
        // a contact, a payment: look further
      }
    }
    return Optional.empty();
  }

  private static void table(StringBuilder body, FigureComparison c) {
    body.append(
        c.matches()
            ? "<p class=\"notice\">Every figure agrees to the penny.</p>"
            : "<p class=\"problem\">Some figures differ (marked).</p>");
    body.append("<table class=\"compare\"><caption>Totals</caption><thead><tr>")
        .append("<th scope=\"col\">Figure</th><th scope=\"col\">Store said</th>")
        .append("<th scope=\"col\">Sage received</th></tr></thead><tbody>");
    rows(body, c.totals());
    body.append("</tbody></table>");
    body.append("<table class=\"compare\"><caption>Tax per rate (store rate → Sage tax rate)")
        .append("</caption><thead><tr><th scope=\"col\">Rate</th><th scope=\"col\">Store said")
        .append("</th><th scope=\"col\">Sage received</th></tr></thead><tbody>");
    rows(body, c.taxes());
    body.append("</tbody></table>");
    body.append("<table class=\"compare\"><caption>Lines</caption><thead><tr>")
        .append("<th scope=\"col\">#</th><th scope=\"col\">Side</th>")
        .append("<th scope=\"col\">SKU / description</th><th scope=\"col\">Qty</th>")
        .append("<th scope=\"col\">Unit price</th><th scope=\"col\">Tax</th>")
        .append("<th scope=\"col\">Line total</th></tr></thead><tbody>");
    int n = 0;
    for (FigureComparison.LineRow row : c.lines()) {
      n++;
      line(body, n, "Store said", row.store(), row);
      line(body, n, "Sage received", row.sage(), row);
    }
    body.append("</tbody></table>");
  }

  private static void rows(StringBuilder body, List<FigureComparison.Row> rows) {
    for (FigureComparison.Row row : rows) {
      String diff = row.matches() ? "" : " class=\"diff\"";
      body.append("<tr")
          .append(diff)
          .append("><th scope=\"row\">")
          .append(esc(row.label()))
          .append("</th><td class=\"num\">")
          .append(money(row.store()))
          .append("</td><td class=\"num\">")
          .append(money(row.sage()))
          .append("</td></tr>\n");
    }
  }

  private static void line(
      StringBuilder body,
      int n,
      String side,
      DocumentFigures.Line l,
      FigureComparison.LineRow row) {
    body.append("<tr")
        .append(row.matches() ? "" : " class=\"diff\"")
        .append("><td class=\"num\">")
        .append(n)
        .append("</td><th scope=\"row\">")
        .append(side)
        .append("</th>");
    if (l == null) {
      body.append("<td colspan=\"5\" class=\"muted\">(no line)</td></tr>\n");
      return;
    }
    body.append("<td>")
        .append(esc(l.label()))
        .append("</td>")
        .append(num(l.quantity().toPlainString(), row.quantityMatches()))
        .append(num(money(l.unitPrice()), row.unitPriceMatches()))
        .append(num(money(l.tax()), row.taxMatches()))
        .append(num(money(l.total()), row.totalMatches()))
        .append("</tr>\n");
  }

  private static String num(String text, boolean same) {
    return "<td class=\"num" + (same ? "" : " diff") + "\">" + esc(text) + "</td>";
  }

  /** An amount at its scale (two decimals), or a dash. */
  private static String money(BigDecimal amount) {
    return amount == null ? "–" : esc(amount.toPlainString());
  }

  private static void dl(StringBuilder body, String term, String html) {
    body.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>");
  }

  private static String nav() {
    return "<p><a href=\"" + DashboardHandler.LIST_PATH + "\">&larr; Sync history</a></p>";
  }
}
