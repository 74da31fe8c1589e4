package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConnectSageUseCase.ChooseBusiness;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Connected;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Failed;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Outcome;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Redirect;
import io.ledgerbridge.ports.in.ConnectSageUseCase.StartResult;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.PairCommand;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Paired;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.PairingResult;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Refused;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.StoreUnavailable;
import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect flows (PRODUCT §5):
 *
 * <ul>
 *   <li>{@code POST /v1/magento/connect} (admin token): pairs a store with {@code
 *       {magento_base_url, pairing_code}} and answers the tenant id and a link to connect Sage;
 *   <li>{@code GET /oauth/sage/start?tenant=T&ticket=…}: checks the signed link, sets a
 *       browser-binding cookie and redirects to Sage's consent page;
 *   <li>{@code GET /oauth/sage/callback}: Sage's redirect back; connects the binding, or shows the
 *       businesses to choose from, or explains what went wrong;
 *   <li>{@code POST /oauth/sage/select}: the choice of business.
 * </ul>
 *
 * <p>The OAuth routes are pages for a merchant's browser: every outcome is a page in plain words,
 * never a stack trace. Authorization codes, states and tokens are never logged.
 */
final class ConnectHandler {
  static final String CONNECT = "/v1/magento/connect";
  static final String START = "/oauth/sage/start";
  static final String CALLBACK = "/oauth/sage/callback";
  static final String SELECT = "/oauth/sage/select";
  static final String COOKIE = "lb_sage_oauth";
  static final int MAX_BODY = 16 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  private final AdminToken admin;
  private final ConnectStoreUseCase store;
  private final ConnectSageUseCase sage;
  private final boolean secureCookies;
  private final String cookiePath;

  /**
   * @param store null: pairing answers 404 {@code not_configured}
   * @param sage null: the OAuth pages say Sage connections are not configured
   * @param secureCookies mark the browser-binding cookie {@code Secure} (the public URL is https)
   * @param cookiePath the cookie's path: the public URL's path prefix, then {@code /oauth/sage}
   */
  ConnectHandler(
      AdminToken admin,
      ConnectStoreUseCase store,
      ConnectSageUseCase sage,
      boolean secureCookies,
      String cookiePath) {
    this.admin = admin;
    this.store = store;
    this.sage = sage;
    this.secureCookies = secureCookies;
    this.cookiePath = cookiePath;
  }

  static boolean matches(String path) {
    return path.equals(CONNECT)
        || path.equals(START)
        || path.equals(CALLBACK)
        || path.equals(SELECT);
  }

  void handle(HttpCall ex, String path) throws IOException {
    switch (path) {
      case CONNECT -> connect(ex);
      case START -> start(ex);
      case CALLBACK -> callback(ex);
      default -> select(ex);
    }
  }

  private void connect(HttpCall ex) throws IOException {
    if (!admin.enabled()) {
      Exchanges.sendError(ex, 404, "admin_api_disabled", null);
      return;
    }
    if (!admin.authorized(ex)) {
      LOG.warn("pairing request rejected: missing or wrong admin token");
      ex.setHeader("WWW-Authenticate", "Bearer");
      Exchanges.sendError(ex, 401, "unauthorized", null);
      return;
    }
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    if (store == null) {
      Exchanges.sendError(ex, 404, "not_configured", "pairing is not configured");
      return;
    }
    Optional<byte[]> raw = Exchanges.readBody(ex, MAX_BODY);
    if (raw.isEmpty()) {
      Exchanges.sendError(ex, 413, "body_too_large", null);
      return;
    }
    JsonNode body;
    try {
      body = Json.read(raw.get());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      Exchanges.sendError(
          ex,
          400,
          "invalid_request",
          "the body must be a JSON object {\"magento_base_url\": ..., \"pairing_code\": ...}");
      return;
    }
    PairCommand command =
        new PairCommand(
            text(body, "magento_base_url"), text(body, "pairing_code"), text(body, "tenant_id"));
    PairingResult result = store.pair(command);
    if (result instanceof Paired p) {
      ObjectNode answer =
          Json.object()
              .put("tenant_id", p.tenantId())
              .put("status", p.status().db())
              .put("repaired", p.repaired());
      answer.put("sage_connect_url", connectLink(p.tenantId()).orElse(null));
      Exchanges.sendJson(ex, 200, answer);
    } else if (result instanceof Refused r) {
      int status =
          switch (r.reason()) {
            case INVALID_INPUT -> 400;
            case NOT_CONFIGURED -> 503;
            default -> 422;
          };
      Exchanges.sendError(
          ex, status, r.reason().name().toLowerCase(java.util.Locale.ROOT), r.message());
    } else {
      Exchanges.sendError(ex, 502, "store_unavailable", ((StoreUnavailable) result).message());
    }
  }

  private Optional<String> connectLink(String tenant) {
    if (sage == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(sage.connectLink(tenant));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  private void start(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    if (sage == null) {
      page(ex, notConfigured());
      return;
    }
    Map<String, String> q = query(ex);
    StartResult result = sage.start(q.get("tenant"), q.get("ticket"));
    if (result instanceof Redirect r) {
      ex.setHeader("Set-Cookie", browserCookie(r.browserNonce(), r.maxAgeSeconds()));
      Exchanges.redirect(ex, r.authorizeUrl());
      return;
    }
    page(ex, (Failed) result);
  }

  private void callback(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    if (sage == null) {
      page(ex, notConfigured());
      return;
    }
    Map<String, String> q = query(ex);
    Outcome outcome =
        sage.callback(
            new ConnectSageUseCase.Callback(
                q.get("code"),
                q.get("state"),
                q.get("country"),
                q.get("error"),
                q.get("error_description")),
            cookie(ex, COOKIE).orElse(null));
    // Once a state is accepted it is spent and the cookie has no use left. A refused link (forged,
    // tampered, from another browser) spends nothing, so the cookie stays for the genuine callback.
    boolean refusedLink =
        outcome instanceof ConnectSageUseCase.Failed
            && ((ConnectSageUseCase.Failed) outcome).problem()
                == ConnectSageUseCase.Problem.INVALID_LINK;
    if (!refusedLink) {
      ex.setHeader("Set-Cookie", browserCookie("", 0));
    }
    page(ex, outcome);
  }

  private void select(HttpCall ex) throws IOException {
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    if (sage == null) {
      page(ex, notConfigured());
      return;
    }
    Optional<byte[]> raw = Exchanges.readBody(ex, MAX_BODY);
    Map<String, String> form;
    try {
      form =
          raw.isEmpty() ? Map.of() : Exchanges.form(new String(raw.get(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      form = Map.of();
    }
    page(ex, sage.choose(form.get("selection"), form.get("business_id")));
  }

  /** The browser-binding cookie; {@code maxAgeSeconds} 0 with an empty value clears it. */
  private String browserCookie(String value, long maxAgeSeconds) {
    return COOKIE
        + "="
        + value
        + "; Path="
        + cookiePath
        + "; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax"
        + (secureCookies ? "; Secure" : "");
  }

  private static Failed notConfigured() {
    return new Failed(
        ConnectSageUseCase.Problem.NOT_CONFIGURED,
        "Connecting Sage is not configured on this chassis.");
  }

  private static Map<String, String> query(HttpCall ex) {
    try {
      return Exchanges.query(ex);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  /**
   * The value of a cookie the browser sent, if any. Lenient like RFC 6265 §5.4 readers: pairs are
   * separated by {@code ;} (or {@code ,} from RFC 2965 clients), and a value in double quotes is
   * unquoted.
   */
  static Optional<String> cookie(HttpCall ex, String name) {
    for (String header : Exchanges.headerValues(ex, "Cookie")) {
      if (header == null) {
        continue;
      }
      for (String part : header.split("[;,]")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) {
          String value = p.substring(name.length() + 1).trim();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  private static void page(HttpCall ex, Outcome outcome) throws IOException {
    if (outcome instanceof Connected c) {
      Exchanges.sendHtml(ex, 200, connectedPage(c));
    } else if (outcome instanceof ChooseBusiness c) {
      Exchanges.sendHtml(ex, 200, choosePage(c));
    } else {
      Failed f = (Failed) outcome;
      Exchanges.sendHtml(ex, status(f.problem()), failedPage(f));
    }
  }

  private static void page(HttpCall ex, Failed failed) throws IOException {
    Exchanges.sendHtml(ex, status(failed.problem()), failedPage(failed));
  }

  static int status(ConnectSageUseCase.Problem problem) {
    return switch (problem) {
      case NOT_CONFIGURED -> 503;
      case UNKNOWN_BINDING -> 404;
      case STORE_NOT_PAIRED, NO_BUSINESS, OTHER_BUSINESS -> 409;
      case ACCESS_DENIED -> 403;
      case SAGE_UNAVAILABLE -> 502;
      case INVALID_LINK, SAGE_REFUSED -> 400;
    };
  }

  static String connectedPage(Connected c) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Connected to Sage</h1><p>The store is connected to the Sage business <b>")
        .append(Html.esc(c.businessName()))
        .append("</b> (<code>")
        .append(Html.esc(c.businessId()))
        .append("</code>). Invoices, payments and refunds sync from now on; events that were")
        .append(" waiting go on by themselves within a minute.</p>");
    if (!c.warnings().isEmpty()) {
      body.append("<h2>To check</h2><ul>");
      for (String w : c.warnings()) {
        body.append("<li>").append(Html.esc(w)).append("</li>");
      }
      body.append("</ul>");
    }
    return Html.page("Connected to Sage", body.toString());
  }

  static String choosePage(ChooseBusiness c) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Choose the Sage business</h1>")
        .append("<p>The Sage user who signed in can reach several businesses. Choose the one this")
        .append(" store's sales belong to. This cannot be changed later.</p>")
        .append("<form method=\"post\" action=\"")
        .append(SELECT)
        .append("\"><input type=\"hidden\" name=\"selection\" value=\"")
        .append(Html.esc(c.selectionToken()))
        .append("\">");
    List<SageBusiness> businesses = c.businesses();
    for (int i = 0; i < businesses.size(); i++) {
      SageBusiness b = businesses.get(i);
      body.append("<p><label><input type=\"radio\" name=\"business_id\" value=\"")
          .append(Html.esc(b.id()))
          .append("\"")
          .append(i == 0 ? " checked" : "")
          .append("> ")
          .append(Html.esc(b.name()))
          .append(" <code>")
          .append(Html.esc(b.id()))
          .append("</code></label></p>");
    }
    body.append("<p><button type=\"submit\">Connect this business</button></p></form>");
    return Html.page("Choose the Sage business", body.toString());
  }

  static String failedPage(Failed f) {
    String title =
        switch (f.problem()) {
          case ACCESS_DENIED -> "Access to Sage was declined";
          case INVALID_LINK -> "This link cannot be used";
          case SAGE_UNAVAILABLE -> "Sage is not answering";
          case SAGE_REFUSED -> "Sage refused the connection";
          case NO_BUSINESS -> "No Sage business to connect";
          case OTHER_BUSINESS -> "A different Sage business";
          case STORE_NOT_PAIRED -> "Pair the store first";
          case UNKNOWN_BINDING -> "Unknown store";
          case NOT_CONFIGURED -> "Not configured";
        };
    return Html.page(
        title,
        "<h1>" + Html.esc(title) + "</h1><p class=\"error\">" + Html.esc(f.message()) + "</p>");
  }
}
