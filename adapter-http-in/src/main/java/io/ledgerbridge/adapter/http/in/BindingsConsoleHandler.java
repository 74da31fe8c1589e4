package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's bindings page (PRODUCT §5): every binding with its state and sync figures, and the
 * operator's two connect-flow actions, "Connect/Reconnect Sage" and "Disconnect".
 *
 * <ul>
 *   <li>{@code GET /dashboard/bindings}: the page.
 *   <li>{@code POST /dashboard/bindings/{tenant}/sage-connect}: redirects to the link that starts
 *       the Sage sign-in for that binding.
 *   <li>{@code POST /dashboard/bindings/{tenant}/disconnect} (with {@code confirm=yes}):
 *       disconnects it as an operator (the store is not told; its events are held until it is
 *       paired again).
 * </ul>
 *
 * <p>Only signed-in users reach it (admin listener); a merchant sees and acts on its own binding
 * only. Each action form carries the session's CSRF token and is written to the audit log.
 */
final class BindingsConsoleHandler {
  static final String PATH = "/dashboard/bindings";
  static final int MAX_FORM_BYTES = 8 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(BindingsConsoleHandler.class);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<List<Binding>> directory;
  private final QuerySyncRunsUseCase query;
  private final ConsoleAuth auth;
  private final DisconnectBindingUseCase disconnect;
  private final ConnectSageUseCase sage;
  private final Clock clock;

  /**
   * @param directory null: the page says bindings cannot be listed by this host
   * @param disconnect null: no disconnect action
   * @param sage null: no Sage connect action
   */
  BindingsConsoleHandler(
      Supplier<List<Binding>> directory,
      QuerySyncRunsUseCase query,
      ConsoleAuth auth,
      DisconnectBindingUseCase disconnect,
      ConnectSageUseCase sage,
      Clock clock) {
    this.directory = directory;
    this.query = query;
    this.auth = auth;
    this.disconnect = disconnect;
    this.sage = sage;
    this.clock = clock;
  }

  static boolean matches(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      if (!"GET".equals(ex.method())) {
        Exchanges.methodNotAllowed(ex, "GET");
        return;
      }
      list(ex, who);
      return;
    }
    String[] parts = path.substring(PATH.length() + 1).split("/", -1);
    Optional<String> tenant =
        parts.length == 2 ? Exchanges.decodeSegment(parts[0]) : Optional.empty();
    if (tenant.isEmpty()
        || tenant.get().isBlank()
        || tenant.get().length() > WebhookHandler.MAX_TENANT_LENGTH
        || !(parts[1].equals("sage-connect") || parts[1].equals("disconnect"))) {
      Exchanges.sendHtml(ex, 404, Html.console("Not found", who, PATH, "<h1>Not found</h1>"));
      return;
    }
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    if (!who.sees(tenant.get())) {
      message(ex, who, 404, "Unknown binding", "There is no binding " + tenant.get() + ".");
      return;
    }
    ConsoleAuth.Form form = auth.form(ex, who);
    if (form == null) {
      return;
    }
    auth.audit(who, "console." + parts[1], tenant.get(), null);
    if (parts[1].equals("sage-connect")) {
      connectSage(ex, who, tenant.get());
    } else {
      disconnect(ex, who, tenant.get(), "yes".equals(form.first("confirm")));
    }
  }

  private void connectSage(HttpCall ex, Principal who, String tenant) throws IOException {
    if (sage == null) {
      message(ex, who, 404, "Not configured", "Connecting Sage is not configured in this chassis.");
      return;
    }
    String link;
    try {
      link = sage.connectLink(tenant);
    } catch (UnknownBindingException e) {
      message(ex, who, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    } catch (io.ledgerbridge.ports.in.BindingNotPairedException e) {
      message(ex, who, 409, "Pair the store first", e.getMessage());
      return;
    } catch (IllegalStateException e) {
      message(ex, who, 409, "Not configured", e.getMessage());
      return;
    }
    LOG.info("console: Sage sign-in started for tenant={}", LogSafe.of(tenant));
    Exchanges.redirect(ex, link);
  }

  private void disconnect(HttpCall ex, Principal who, String tenant, boolean confirmed)
      throws IOException {
    if (disconnect == null) {
      message(ex, who, 404, "Not configured", "Disconnecting is not configured in this chassis.");
      return;
    }
    if (!confirmed) {
      message(
          ex,
          who,
          400,
          "Not confirmed",
          "Tick the confirmation to disconnect " + tenant + ". Nothing was changed.");
      return;
    }
    DisconnectBindingUseCase.Disconnected done;
    try {
      done = disconnect.disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR);
    } catch (UnknownBindingException e) {
      message(ex, who, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    }
    LOG.info(
        "console: binding disconnected tenant={} already={} sage_revoked={}",
        LogSafe.of(tenant),
        done.alreadyDisconnected(),
        done.sageRevoked());
    message(
        ex,
        who,
        200,
        "Disconnected",
        done.alreadyDisconnected()
            ? "Binding " + tenant + " was already disconnected."
            : "Binding "
                + tenant
                + " is disconnected"
                + (done.sageRevoked()
                    ? " and its Sage access revoked."
                    : "; no Sage access was revoked (none was held, or Sage did not answer).")
                + " The store's events are held until it is paired again.");
  }

  private void list(HttpCall ex, Principal who) throws IOException {
    StringBuilder body = new StringBuilder(4096);
    body.append("<h1>Bindings</h1>");
    if (directory == null) {
      body.append("<p class=\"muted\">This host does not list its bindings.</p>");
      Exchanges.sendHtml(ex, 200, Html.console("Bindings", who, PATH, body.toString()));
      return;
    }
    List<Binding> bindings = directory.get().stream().filter(b -> who.sees(b.tenantId())).toList();
    body.append("<table><thead><tr><th>Tenant</th><th>Store</th><th>Status</th>")
        .append("<th>Sage business</th><th>Pending</th><th>Failed 24 h</th><th>Last run</th>")
        .append("<th>Actions</th></tr></thead><tbody>");
    if (bindings.isEmpty()) {
      body.append(
          "<tr><td colspan=\"8\" class=\"muted\">No bindings yet: pair a store with"
              + " <code>bindings connect</code>.</td></tr>");
    }
    for (Binding b : bindings) {
      TileHealthHandler.Figures f = TileHealthHandler.figures(query, b.tenantId(), clock);
      body.append("<tr><td><a href=\"")
          .append(
              esc(
                  DashboardHandler.LIST_PATH
                      + "?tenant="
                      + java.net.URLEncoder.encode(b.tenantId(), StandardCharsets.UTF_8)))
          .append("\">")
          .append(cell(b.tenantId()))
          .append("</a></td><td>")
          .append(cell(b.magentoBaseUrl()))
          .append("</td><td>")
          .append(chip(b.status()))
          .append("<br><span class=\"muted\">")
          .append(esc(advice(b.status())))
          .append("</span></td><td>")
          .append(
              b.hasSageBusiness()
                  ? esc(b.sageBusinessId() + " (" + b.businessCountry() + ", " + b.baseCurrency())
                      + ")"
                  : "<span class=\"muted\">-</span>")
          .append("</td><td class=\"num\">")
          .append(f.pending())
          .append("</td><td class=\"num\">")
          .append(f.failed24h())
          .append("</td><td>")
          .append(cell(f.lastRunAt().map(UTC::format).orElse(null)))
          .append("</td><td>")
          .append(actions(b, who))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(ex, 200, Html.console("Bindings", who, PATH, body.toString()));
  }

  private String actions(Binding b, Principal who) {
    String base =
        PATH
            + "/"
            + java.net.URLEncoder.encode(b.tenantId(), StandardCharsets.UTF_8).replace("+", "%20");
    StringBuilder out = new StringBuilder();
    if (sage != null && b.status() != BindingStatus.DISCONNECTED) {
      String label = b.status() == BindingStatus.PENDING_SAGE ? "Connect Sage" : "Reconnect Sage";
      out.append("<form class=\"act\" method=\"post\" action=\"")
          .append(esc(base + "/sage-connect"))
          .append("\">")
          .append(Html.csrfField(who))
          .append("<button type=\"submit\">")
          .append(label)
          .append("</button></form>");
    }
    if (disconnect != null && b.status() != BindingStatus.DISCONNECTED) {
      out.append("<form class=\"act\" method=\"post\" action=\"")
          .append(esc(base + "/disconnect"))
          .append("\">")
          .append(Html.csrfField(who))
          .append("<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required>")
          .append(" I mean it</label><button type=\"submit\">Disconnect</button></form>");
    }
    return out.length() == 0 ? "<span class=\"muted\">-</span>" : out.toString();
  }

  /** What the state means for the operator. */
  static String advice(BindingStatus status) {
    return switch (status) {
      case ACTIVE -> "syncing";
      case PAUSED -> "events held until resumed (bindings resume)";
      case PENDING_SAGE -> "paired; connect Sage to start syncing";
      case TOKEN_REVOKED -> "Sage refused the connection; reconnect Sage, held events then sync";
      case DISCONNECTED -> "pair the store again (a new pairing code), then connect Sage";
    };
  }

  static String chip(BindingStatus status) {
    String db = status.db();
    return "<span class=\"chip b-" + esc(db) + "\">" + esc(db.replace('_', ' ')) + "</span>";
  }

  private static void message(HttpCall ex, Principal who, int status, String title, String text)
      throws IOException {
    Exchanges.sendHtml(
        ex,
        status,
        Html.console(title, who, PATH, "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p>"));
  }
}
