package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.AuditEntry;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /dashboard/audit}: who did what in the console and the admin API, newest first (the
 * last {@link #LIMIT} entries). A merchant sees the entries of its own tenant.
 */
final class AuditConsoleHandler {
  static final String PATH = "/dashboard/audit";
  static final int LIMIT = 500;

  private final ConsoleAccessUseCase access;

  AuditConsoleHandler(ConsoleAccessUseCase access) {
    this.access = access;
  }

  static boolean matches(String path) {
    return path.equals(PATH) || path.equals(PATH + "/");
  }

  void handle(HttpCall ex, Principal who) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    List<AuditEntry> entries = access.auditLog(who, LIMIT);
    StringBuilder body = new StringBuilder(4096);
    body.append("<h1>Audit log</h1><p class=\"muted\">Every sign-in and every action taken in the")
        .append(" console or through the admin API, newest first (the last ")
        .append(LIMIT)
        .append(who.operator() ? "" : ", of " + esc(who.tenantId()))
        .append(").</p>");
    body.append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>")
        .append("<th scope=\"col\">Action</th><th scope=\"col\">Tenant</th>")
        .append("<th scope=\"col\">Target</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
    if (entries.isEmpty()) {
      body.append("<tr><td colspan=\"6\" class=\"muted\">Nothing recorded yet.</td></tr>");
    }
    for (AuditEntry e : entries) {
      body.append("<tr><td>")
          .append(esc(DashboardHandler.time(e.at())))
          .append("</td><td>")
          .append(cell(e.actor()))
          .append("</td><td>")
          .append(cell(e.action()))
          .append("</td><td>")
          .append(cell(e.tenantId()))
          .append("</td><td>")
          .append(cell(e.target()))
          .append("</td><td>")
          .append(cell(e.detail()))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(ex, 200, Html.console("Audit log", who, PATH, body.toString()));
  }
}
