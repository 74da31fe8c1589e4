package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
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
 * <p>The console has no login yet, so each action form carries the admin token
 * (LEDGER_ADMIN_TOKEN), checked in constant time: a page anyone can reach must not let anyone
 * disconnect a store or bind a Sage business to it. The token also makes the forms proof against
 * cross-site requests, since another site cannot know it. Without an admin token the actions are
 * not offered.
 */
final class BindingsConsoleHandler {
  static final String PATH = "/dashboard/bindings";
  static final int MAX_FORM_BYTES = 8 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(BindingsConsoleHandler.class);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<List<Binding>> directory;
  private final QuerySyncRunsUseCase query;
  private final AdminToken admin;
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
      AdminToken admin,
      DisconnectBindingUseCase disconnect,
      ConnectSageUseCase sage,
      Clock clock) {
    this.directory = directory;
    this.query = query;
    this.admin = admin;
    this.disconnect = disconnect;
    this.sage = sage;
    this.clock = clock;
  }

  static boolean matches(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  void handle(HttpCall ex, String path) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      if (!"GET".equals(ex.method())) {
        Exchanges.methodNotAllowed(ex, "GET");
        return;
      }
      list(ex);
      return;
    }
    String[] parts = path.substring(PATH.length() + 1).split("/", -1);
    Optional<String> tenant =
        parts.length == 2 ? Exchanges.decodeSegment(parts[0]) : Optional.empty();
    if (tenant.isEmpty()
        || tenant.get().isBlank()
        || tenant.get().length() > WebhookHandler.MAX_TENANT_LENGTH
        || !(parts[1].equals("sage-connect") || parts[1].equals("disconnect"))) {
      Exchanges.sendHtml(ex, 404, Html.page("Not found", "<h1>Not found</h1>" + nav()));
      return;
    }
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    Optional<byte[]> raw = Exchanges.readBody(ex, MAX_FORM_BYTES);
    if (raw.isEmpty()) { // longer than the limit
      message(ex, 413, "Too large", "The form is larger than " + MAX_FORM_BYTES + " bytes.");
      return;
    }
    Map<String, String> form;
    try {
      form = Exchanges.form(new String(raw.get(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      form = Map.of();
    }
    if (!admin.accepts(form.get("admin_token"))) {
      LOG.warn(
          "console action refused: {} {} reason=missing or wrong admin token",
          LogSafe.of(parts[1], 20),
          LogSafe.of(tenant.get()));
      message(
          ex,
          403,
          "Not allowed",
          admin.enabled()
              ? "The admin token is not right. Nothing was changed."
              : "Actions need an admin token (LEDGER_ADMIN_TOKEN). Nothing was changed.");
      return;
    }
    if (parts[1].equals("sage-connect")) {
      connectSage(ex, tenant.get());
    } else {
      disconnect(ex, tenant.get(), "yes".equals(form.get("confirm")));
    }
  }

  private void connectSage(HttpCall ex, String tenant) throws IOException {
    if (sage == null) {
      message(ex, 404, "Not configured", "Connecting Sage is not configured in this chassis.");
      return;
    }
    String link;
    try {
      link = sage.connectLink(tenant);
    } catch (UnknownBindingException e) {
      message(ex, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    } catch (io.ledgerbridge.ports.in.BindingNotPairedException e) {
      message(ex, 409, "Pair the store first", e.getMessage());
      return;
    } catch (IllegalStateException e) {
      message(ex, 409, "Not configured", e.getMessage());
      return;
    }
    LOG.info("console: Sage sign-in started for tenant={}", LogSafe.of(tenant));
    Exchanges.redirect(ex, link);
  }

  private void disconnect(HttpCall ex, String tenant, boolean confirmed) throws IOException {
    if (disconnect == null) {
      message(ex, 404, "Not configured", "Disconnecting is not configured in this chassis.");
      return;
    }
    if (!confirmed) {
      message(
          ex,
          400,
          "Not confirmed",
          "Tick the confirmation to disconnect " + tenant + ". Nothing was changed.");
      return;
    }
    DisconnectBindingUseCase.Disconnected done;
    try {
      done = disconnect.disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR);
    } catch (UnknownBindingException e) {
      message(ex, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    }
    LOG.info(
        "console: binding disconnected tenant={} already={} sage_revoked={}",
        LogSafe.of(tenant),
        done.alreadyDisconnected(),
        done.sageRevoked());
    message(
        ex,
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

  private void list(HttpCall ex) throws IOException {
    StringBuilder body = new StringBuilder(4096);
    body.append("<h1>Bindings</h1>").append(nav());
    if (directory == null) {
      body.append("<p class=\"muted\">This host does not list its bindings.</p>");
      Exchanges.sendHtml(ex, 200, Html.page("Bindings", body.toString()));
      return;
    }
    List<Binding> bindings = directory.get();
    if (!admin.enabled()) {
      body.append(
          "<p class=\"muted\">Set an admin token (LEDGER_ADMIN_TOKEN) to connect or disconnect"
              + " from this page.</p>");
    }
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
          .append(actions(b))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(ex, 200, Html.page("Bindings", body.toString()));
  }

  private String actions(Binding b) {
    if (!admin.enabled()) {
      return "<span class=\"muted\">-</span>";
    }
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
          .append(tokenField(b, "sage"))
          .append("<button type=\"submit\">")
          .append(label)
          .append("</button></form>");
    }
    if (disconnect != null && b.status() != BindingStatus.DISCONNECTED) {
      out.append("<form class=\"act\" method=\"post\" action=\"")
          .append(esc(base + "/disconnect"))
          .append("\">")
          .append(tokenField(b, "disconnect"))
          .append("<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required>")
          .append(" I mean it</label><button type=\"submit\">Disconnect</button></form>");
    }
    return out.length() == 0 ? "<span class=\"muted\">-</span>" : out.toString();
  }

  private static String tokenField(Binding b, String action) {
    return "<input type=\"password\" name=\"admin_token\" required autocomplete=\"off\""
        + " aria-label=\"Admin token to "
        + esc(action)
        + " "
        + esc(b.tenantId())
        + "\" placeholder=\"admin token\">";
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

  private static String nav() {
    return "<p><a href=\""
        + DashboardHandler.LIST_PATH
        + "\">Sync history</a> &middot; <a href=\""
        + PATH
        + "\">Bindings</a></p>";
  }

  private static void message(HttpCall ex, int status, String title, String text)
      throws IOException {
    Exchanges.sendHtml(
        ex,
        status,
        Html.page(title, "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p>" + nav()));
  }
}
