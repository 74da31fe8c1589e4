package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in for the console (admin listener): the login and logout routes, the session cookie, the
 * CSRF check of every state-changing form, and bearer tokens for the JSON routes.
 *
 * <ul>
 *   <li>{@code GET /login}: the sign-in form, with a login-CSRF token (double-submit cookie).
 *   <li>{@code POST /login}: signs in; sets {@code lb_session} ({@code HttpOnly; SameSite=Strict;
 *       Path=/}, {@code Secure} when the console is served over https) and redirects to the page
 *       asked for. A wrong user or password is 401, too many failures 429 with {@code Retry-After}.
 *   <li>{@code POST /logout} (CSRF token required): ends the session and clears the cookie.
 * </ul>
 *
 * <p>A console POST must carry the session's CSRF token in the {@code csrf} field, and a browser
 * {@code Origin} header, when sent, must name this host: otherwise 403 and nothing changes.
 */
final class ConsoleAuth {
  static final String COOKIE = "lb_session";
  static final String LOGIN_COOKIE = "lb_login";
  static final String LOGIN = "/login";
  static final String LOGOUT = "/logout";
  static final int MAX_FORM_BYTES = 64 * 1024;

  /** The principal of the admin token (LEDGER_ADMIN_TOKEN): an operator. */
  static final String ADMIN_TOKEN_USER = "admin-token";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuth.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleAccessUseCase access;
  private final AdminToken adminToken;
  private final boolean secureCookies;

  /**
   * @param access null: nobody can sign in (the console answers that it is not configured)
   */
  ConsoleAuth(ConsoleAccessUseCase access, AdminToken adminToken, boolean secureCookies) {
    this.access = access;
    this.adminToken = adminToken;
    this.secureCookies = secureCookies;
  }

  static boolean matches(String path) {
    return path.equals(LOGIN) || path.equals(LOGOUT);
  }

  boolean enabled() {
    return access != null;
  }

  /** Whether any bearer token can be accepted (the admin token, or users' API tokens). */
  boolean bearerEnabled() {
    return adminToken.enabled() || access != null;
  }

  /** Records an action in the audit log (when accounts are configured); never fails the action. */
  void audit(Principal who, String action, String tenant, String detail) {
    if (access == null) {
      LOG.info("audit actor={} action={} tenant={}", who.username(), action, LogSafe.of(tenant));
      return;
    }
    try {
      access.audit(who, action, tenant, null, detail);
    } catch (RuntimeException e) {
      LOG.error("audit entry not written: actor={} action={}", who.username(), action, e);
    }
  }

  ConsoleAccessUseCase access() {
    return access;
  }

  /** The signed-in principal of the request's session cookie. */
  Optional<Principal> session(HttpCall ex) {
    if (access == null) {
      return Optional.empty();
    }
    return ConnectHandler.cookie(ex, COOKIE).flatMap(access::session);
  }

  /**
   * The principal of {@code Authorization: Bearer}: the admin token (an operator) or a user's API
   * token (scoped like the user).
   */
  Optional<Principal> bearer(HttpCall ex) {
    if (adminToken.authorized(ex)) {
      return Optional.of(
          new Principal(ADMIN_TOKEN_USER, ConsoleAccessUseCase.Role.OPERATOR, null, null));
    }
    if (access == null) {
      return Optional.empty();
    }
    List<String> headers = Exchanges.headerValues(ex, "Authorization");
    if (headers.size() != 1 || headers.get(0) == null) {
      return Optional.empty();
    }
    String header = headers.get(0).trim();
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return access.apiToken(header.substring(7).trim());
  }

  /** The session's principal, or the bearer token's. */
  Optional<Principal> anyPrincipal(HttpCall ex) {
    Optional<Principal> p = session(ex);
    return p.isPresent() ? p : bearer(ex);
  }

  /**
   * The signed-in principal for a page; when there is none, answers (a redirect to the sign-in page
   * for a GET, 403 otherwise) and returns null.
   */
  Principal page(HttpCall ex) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (access == null) {
      Exchanges.sendHtml(
          ex,
          503,
          Html.page(
              "Console not configured",
              "<h1>Console not configured</h1><p>This chassis has no console accounts store.</p>"));
      return null;
    }
    Optional<Principal> p = session(ex);
    if (p.isPresent()) {
      return p.get();
    }
    if ("GET".equals(ex.method()) || "HEAD".equals(ex.method())) {
      String back = ex.rawPath() + (ex.rawQuery() == null ? "" : "?" + ex.rawQuery());
      ex.setHeader("Location", LOGIN + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
      ex.send(303, new byte[0]);
    } else {
      Exchanges.sendHtml(ex, 403, message("Signed out", "Sign in again; nothing was changed."));
    }
    return null;
  }

  /**
   * Reads a console form and checks its CSRF token and origin; on failure answers 403 (or 413) and
   * returns null.
   */
  Form form(HttpCall ex, Principal who) throws IOException {
    Optional<byte[]> raw = Exchanges.readBody(ex, MAX_FORM_BYTES);
    if (raw.isEmpty()) {
      Exchanges.sendHtml(
          ex, 413, message("Too large", "The form is larger than " + MAX_FORM_BYTES + " bytes."));
      return null;
    }
    Form form;
    try {
      form = Form.parse(new String(raw.get(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      form = Form.parse("");
    }
    if (!sameOrigin(ex) || !csrfMatches(who, form.first("csrf"))) {
      LOG.warn(
          "console: form refused (missing or wrong CSRF token or foreign origin) user={} path={}",
          LogSafe.of(who.username()),
          LogSafe.of(ex.rawPath(), 200));
      Exchanges.sendHtml(
          ex,
          403,
          message(
              "Refused",
              "This form did not come from this console (its security token is missing or"
                  + " wrong). Reload the page and try again; nothing was changed."));
      return null;
    }
    return form;
  }

  private static boolean csrfMatches(Principal who, String sent) {
    if (who.csrfToken() == null || sent == null) {
      return false;
    }
    return MessageDigest.isEqual(
        who.csrfToken().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  /** A browser's {@code Origin}, when sent, must be this host (any scheme: TLS may end before). */
  private static boolean sameOrigin(HttpCall ex) {
    List<String> origins = Exchanges.headerValues(ex, "Origin");
    if (origins.isEmpty()) {
      return true;
    }
    String origin = origins.get(0) == null ? "" : origins.get(0).trim();
    int scheme = origin.indexOf("://");
    if (origins.size() != 1 || scheme <= 0) {
      return false; // "null" (a sandboxed or privacy-redirected form) or several
    }
    String authority = ex.authority();
    return authority != null && origin.substring(scheme + 3).equalsIgnoreCase(authority);
  }

  void handle(HttpCall ex, String path) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (path.equals(LOGOUT)) {
      logout(ex);
    } else if ("GET".equals(ex.method())) {
      loginPage(ex, 200, nextOf(Exchanges.query(ex).get("next")), null, null);
    } else if ("POST".equals(ex.method())) {
      login(ex);
    } else {
      Exchanges.methodNotAllowed(ex, "GET, POST");
    }
  }

  private void loginPage(HttpCall ex, int status, String next, String username, String problem)
      throws IOException {
    if (access == null) {
      Exchanges.sendHtml(
          ex,
          503,
          message("Console not configured", "This chassis has no console accounts store."));
      return;
    }
    String loginCsrf = random();
    ex.addHeader("Set-Cookie", cookie(LOGIN_COOKIE, loginCsrf, LOGIN, 600));
    StringBuilder body = new StringBuilder(1024);
    body.append("<form class=\"login\" method=\"post\" action=\"")
        .append(LOGIN)
        .append("\"><h1>Sign in to ledgerbridge</h1>");
    if (problem != null) {
      body.append("<p class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>");
    }
    body.append("<input type=\"hidden\" name=\"login_csrf\" value=\"")
        .append(esc(loginCsrf))
        .append("\"><input type=\"hidden\" name=\"next\" value=\"")
        .append(esc(next))
        .append("\"><label for=\"username\">User name</label>")
        .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required")
        .append(" autofocus value=\"")
        .append(esc(username == null ? "" : username))
        .append("\"><label for=\"password\">Password</label>")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required>")
        .append("<button class=\"primary\" type=\"submit\">Sign in</button></form>");
    Exchanges.sendHtml(ex, status, Html.consolePage("Sign in", body.toString()));
  }

  private void login(HttpCall ex) throws IOException {
    if (access == null) {
      loginPage(ex, 503, "", null, null);
      return;
    }
    Optional<byte[]> raw = Exchanges.readBody(ex, MAX_FORM_BYTES);
    Form form;
    try {
      form = Form.parse(raw.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""));
    } catch (IllegalArgumentException e) {
      form = Form.parse("");
    }
    String next = nextOf(form.first("next"));
    String username = form.first("username");
    Optional<String> cookie = ConnectHandler.cookie(ex, LOGIN_COOKIE);
    String sent = form.first("login_csrf");
    if (cookie.isEmpty()
        || sent == null
        || !sameOrigin(ex)
        || !MessageDigest.isEqual(
            cookie.get().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      LOG.warn(
          "console sign-in form refused: {} remote={}",
          cookie.isEmpty()
              ? "no sign-in cookie"
              : sent == null
                  ? "no sign-in token"
                  : !sameOrigin(ex) ? "foreign origin" : "token mismatch",
          ex.remoteAddress());
      loginPage(ex, 403, next, username, "The sign-in form expired. Please try again.");
      return;
    }
    ConsoleAccessUseCase.LoginResult result =
        access.login(username, form.first("password"), ex.remoteAddress());
    if (result instanceof ConsoleAccessUseCase.SignedIn s) {
      ex.addHeader("Set-Cookie", cookie(COOKIE, s.sessionToken(), "/", -1));
      ex.addHeader("Set-Cookie", cookie(LOGIN_COOKIE, "", LOGIN, 0));
      ex.setHeader("Location", next);
      ex.send(303, new byte[0]);
    } else if (result instanceof ConsoleAccessUseCase.Throttled t) {
      long seconds = Math.max(1, t.retryAfter().toSeconds());
      ex.setHeader("Retry-After", Long.toString(seconds));
      loginPage(
          ex,
          429,
          next,
          username,
          "Too many failed sign-ins. Try again in " + ((seconds + 59) / 60) + " minute(s).");
    } else {
      loginPage(ex, 401, next, username, "The user name or password is not right.");
    }
  }

  private void logout(HttpCall ex) throws IOException {
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    Optional<String> token = ConnectHandler.cookie(ex, COOKIE);
    Optional<Principal> who =
        token.flatMap(t -> access == null ? Optional.empty() : access.session(t));
    if (who.isPresent()) {
      if (form(ex, who.get()) == null) {
        return;
      }
      access.audit(who.get(), "logout", who.get().tenantId(), null, null);
      access.logout(token.get());
    }
    ex.addHeader("Set-Cookie", cookie(COOKIE, "", "/", 0));
    ex.setHeader("Location", LOGIN);
    ex.send(303, new byte[0]);
  }

  /** Only a console path of this host: never another site (no open redirect). */
  static String nextOf(String next) {
    if (next == null
        || !next.startsWith("/dashboard")
        || next.startsWith("//")
        || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/dashboard/sync";
    }
    return next;
  }

  /** A cookie; {@code maxAge} -1 for a browser-session cookie, 0 clears it. */
  private String cookie(String name, String value, String path, long maxAge) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
        + "; HttpOnly; SameSite=Strict"
        + (secureCookies ? "; Secure" : "");
  }

  static String message(String title, String text) {
    return Html.consolePage(
        title,
        "<h1>"
            + esc(title)
            + "</h1><p>"
            + esc(text)
            + "</p><p><a href=\"/dashboard/sync\">Back to the console</a></p>");
  }

  private static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A form body: every value of every name, in order. */
  static final class Form {
    private final Map<String, List<String>> values;

    private Form(Map<String, List<String>> values) {
      this.values = values;
    }

    /**
     * @throws IllegalArgumentException if an escape is malformed
     */
    static Form parse(String raw) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      return new Form(values);
    }

    /** The first value of {@code name}, or null. */
    String first(String name) {
      List<String> v = values.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    /** Every name with its first value. */
    Map<String, String> firsts() {
      Map<String, String> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(k, v.get(0)));
      return out;
    }
  }
}
