package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.BindingHealthUseCase;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.RegisterBindingUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's bindings page (PRODUCT §5): every binding with its state and health (Sage access,
 * last success, pending runs, failures in 24 hours, reference-data age) and its actions: refresh
 * the reference data, pause or resume, connect/reconnect Sage, disconnect.
 *
 * <ul>
 *   <li>{@code GET /dashboard/bindings}: the page.
 *   <li>{@code POST /dashboard/bindings/{tenant}/refresh-reference}: fetches the binding's Sage
 *       reference data again (with {@code next=settings}, back to its settings page after).
 *   <li>{@code POST /dashboard/bindings/{tenant}/pause} and {@code .../resume}: holds the store's
 *       events, or syncs them again.
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
  private final RefreshReferenceDataUseCase refresh;
  private final RegisterBindingUseCase pauseResume;
  private final BindingHealthUseCase health;
  private final Clock clock;

  private static final Set<String> ACTIONS =
      Set.of("sage-connect", "disconnect", "refresh-reference", "pause", "resume");

  /**
   * @param directory null: the page says bindings cannot be listed by this host
   * @param disconnect null: no disconnect action
   * @param sage null: no Sage connect action
   * @param refresh null: no reference-data refresh action
   * @param pauseResume null: no pause and resume actions
   * @param health null: the health columns say unknown
   */
  BindingsConsoleHandler(
      Supplier<List<Binding>> directory,
      QuerySyncRunsUseCase query,
      ConsoleAuth auth,
      DisconnectBindingUseCase disconnect,
      ConnectSageUseCase sage,
      RefreshReferenceDataUseCase refresh,
      RegisterBindingUseCase pauseResume,
      BindingHealthUseCase health,
      Clock clock) {
    this.refresh = refresh;
    this.pauseResume = pauseResume;
    this.health = health;
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
        || !ACTIONS.contains(parts[1])) {
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
    switch (parts[1]) {
      case "sage-connect" -> connectSage(ex, who, tenant.get());
      case "refresh-reference" ->
          refreshReference(ex, who, tenant.get(), "settings".equals(form.first("next")));
      case "pause" -> changeStatus(ex, who, tenant.get(), BindingStatus.PAUSED);
      case "resume" -> changeStatus(ex, who, tenant.get(), BindingStatus.ACTIVE);
      default -> disconnect(ex, who, tenant.get(), "yes".equals(form.first("confirm")));
    }
  }

  private void refreshReference(HttpCall ex, Principal who, String tenant, boolean toSettings)
      throws IOException {
    if (refresh == null) {
      message(ex, who, 404, "Not configured", "Refreshing reference data is not configured.");
      return;
    }
    ReferenceData data;
    try {
      data = refresh.refresh(tenant);
    } catch (UnknownBindingException e) {
      message(ex, who, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    } catch (IllegalStateException e) {
      message(ex, who, 409, "Not connected", e.getMessage());
      return;
    } catch (GatewayException e) {
      LOG.warn(
          "console: reference refresh failed tenant={} operation={} status={}",
          LogSafe.of(tenant),
          LogSafe.of(e.operation()),
          e.httpStatus());
      message(
          ex,
          who,
          502,
          "Sage did not answer",
          "The reference data of "
              + tenant
              + " was not refreshed: Sage did not answer as expected ("
              + AdminApiHandler.bounded(e.getMessage(), "no detail")
              + "). The cached data is unchanged; try again later.");
      return;
    }
    LOG.info("console: reference data refreshed tenant={}", LogSafe.of(tenant));
    if (toSettings) {
      SettingsConsoleHandler.seeOther(
          ex, SettingsConsoleHandler.tenantPath(tenant) + "?refreshed=1");
      return;
    }
    message(
        ex,
        who,
        200,
        "Reference data refreshed",
        "Reference data of "
            + tenant
            + " refreshed: "
            + data.taxRates().size()
            + " tax rates, "
            + data.ledgerAccounts().size()
            + " ledger accounts, "
            + data.bankAccounts().size()
            + " bank accounts, base currency "
            + data.baseCurrency()
            + ".");
  }

  private void changeStatus(HttpCall ex, Principal who, String tenant, BindingStatus to)
      throws IOException {
    if (pauseResume == null) {
      message(ex, who, 404, "Not configured", "Pausing bindings is not configured.");
      return;
    }
    try {
      pauseResume.changeStatus(tenant, to);
    } catch (UnknownBindingException e) {
      message(ex, who, 404, "Unknown binding", "There is no binding " + tenant + ".");
      return;
    } catch (IllegalStateException e) {
      message(ex, who, 409, "Not changed", e.getMessage());
      return;
    }
    LOG.info("console: binding tenant={} now {}", LogSafe.of(tenant), to.db());
    if (to == BindingStatus.PAUSED) {
      message(
          ex,
          who,
          200,
          "Paused",
          "Binding "
              + tenant
              + " is paused: the store's events are accepted and held; nothing is posted to Sage"
              + " until it is resumed.");
    } else {
      message(
          ex,
          who,
          200,
          "Resumed",
          "Binding " + tenant + " is active again: held events sync within a minute, in order.");
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
    body.append("<table><thead><tr><th scope=\"col\">Tenant</th><th scope=\"col\">Store</th>")
        .append("<th scope=\"col\">Status</th><th scope=\"col\">Sage business</th>")
        .append("<th scope=\"col\">Sage access</th><th scope=\"col\">Last success</th>")
        .append("<th scope=\"col\">Pending</th><th scope=\"col\">Failed 24 h</th>")
        .append("<th scope=\"col\">Last run</th><th scope=\"col\">Reference data</th>")
        .append("<th scope=\"col\">Actions</th></tr></thead><tbody>");
    if (bindings.isEmpty()) {
      body.append(
          "<tr><td colspan=\"11\" class=\"muted\">No bindings yet: pair a store with"
              + " <code>bindings connect</code>.</td></tr>");
    }
    for (Binding b : bindings) {
      TileHealthHandler.Figures f = TileHealthHandler.figures(query, b.tenantId(), clock);
      BindingHealthUseCase.BindingHealth h = healthOf(b.tenantId());
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
          .append("</td><td>")
          .append(sageChip(h))
          .append("</td><td>")
          .append(
              cell(h == null || h.lastSuccessAt() == null ? null : UTC.format(h.lastSuccessAt())))
          .append("</td><td class=\"num\">")
          .append(f.pending())
          .append("</td><td class=\"num\">")
          .append(f.failed24h())
          .append("</td><td>")
          .append(cell(f.lastRunAt().map(UTC::format).orElse(null)))
          .append("</td><td>")
          .append(referenceAge(h))
          .append("</td><td>")
          .append(actions(b, who))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(ex, 200, Html.console("Bindings", who, PATH, body.toString()));
  }

  private BindingHealthUseCase.BindingHealth healthOf(String tenant) {
    if (health == null) {
      return null;
    }
    try {
      return health.health(tenant);
    } catch (UnknownBindingException e) {
      return null;
    } catch (RuntimeException e) {
      LOG.warn(
          "console: binding health unavailable tenant={}: {}", LogSafe.of(tenant), e.toString());
      return null;
    }
  }

  /** The Sage access state as a chip; never a token. */
  static String sageChip(BindingHealthUseCase.BindingHealth h) {
    if (h == null) {
      return "<span class=\"muted\">unknown</span>";
    }
    String name = h.sage().name().toLowerCase(java.util.Locale.ROOT);
    return "<span class=\"chip g-" + name + "\">" + name + "</span>";
  }

  private String referenceAge(BindingHealthUseCase.BindingHealth h) {
    if (h == null || h.referenceFetchedAt() == null) {
      return "<span class=\"muted\">never fetched</span>";
    }
    return esc(age(h.referenceFetchedAt(), clock.instant()))
        + "<br><span class=\"muted\">"
        + esc(UTC.format(h.referenceFetchedAt()))
        + "</span>";
  }

  /** How long ago {@code then} was, roughly: "just now", "5 min ago", "3 h ago", "2 days ago". */
  static String age(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative() || d.toMinutes() < 1) {
      return "just now";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + " min ago";
    }
    if (d.toDays() < 1) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
  }

  private static String form(String action, Principal who, String label, String extra) {
    return "<form class=\"act\" method=\"post\" action=\""
        + esc(action)
        + "\">"
        + Html.csrfField(who)
        + extra
        + "<button type=\"submit\">"
        + esc(label)
        + "</button></form>";
  }

  private String actions(Binding b, Principal who) {
    String base =
        PATH
            + "/"
            + java.net.URLEncoder.encode(b.tenantId(), StandardCharsets.UTF_8).replace("+", "%20");
    StringBuilder out = new StringBuilder();
    if (refresh != null && b.hasSageBusiness() && b.status() != BindingStatus.DISCONNECTED) {
      out.append(form(base + "/refresh-reference", who, "Refresh reference data", ""));
    }
    if (pauseResume != null && b.status() == BindingStatus.ACTIVE) {
      out.append(form(base + "/pause", who, "Pause", ""));
    }
    if (pauseResume != null && b.status() == BindingStatus.PAUSED) {
      out.append(form(base + "/resume", who, "Resume", ""));
    }
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
      case PAUSED -> "events held until resumed";
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
        Html.console(
            title,
            who,
            PATH,
            "<h1>"
                + esc(title)
                + "</h1><p role=\"status\">"
                + esc(text)
                + "</p><p><a href=\""
                + PATH
                + "\">Back to the bindings</a></p>"));
  }
}
