package io.ledgerbridge.sandbox.sage;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ledgerbridge.sandbox.sage.SageApi.ApiRequest;
import io.ledgerbridge.sandbox.sage.SageApi.Routed;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's HTTP plumbing: latency and injected faults, POST and PUT counts, then the authorize
 * page ({@link AuthorizeEndpoint}, HTML and redirects), the token and revoke endpoints ({@link
 * OAuthTokens}, form in, OAuth JSON out) and the API ({@link SageApi}, Sage's JSON and error
 * envelope), each answer with an {@code X-Request-Id}.
 */
final class SandboxRouter implements HttpHandler {

  private final FaultPlan faults;
  private final OAuthTokens tokens;
  private final AuthorizeEndpoint authorize;
  private final SageApi api;
  private final String authorizePath;
  private final Random requestIds = new SecureRandom();
  private final Map<String, AtomicInteger> postCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> putCounts = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequestsInFlight = new AtomicInteger();
  private final AtomicInteger maxTokenRequestsInFlight = new AtomicInteger();

  SandboxRouter(
      FaultPlan faults,
      OAuthTokens tokens,
      AuthorizeEndpoint authorize,
      SageApi api,
      String authorizePath) {
    this.faults = faults;
    this.tokens = tokens;
    this.authorize = authorize;
    this.api = api;
    this.authorizePath = authorizePath;
  }

  /** POST requests received at the path, with or without {@code /v3.1}. */
  int postCount(String path) {
    AtomicInteger n = postCounts.get(normalise(path));
    return n == null ? 0 : n.get();
  }

  /**
   * PUT requests received at the path ({@code /contacts/{id}}), with or without {@code /v3.1}; for
   * a collection ({@code /contacts}), the PUTs to all of its records.
   */
  int putCount(String path) {
    AtomicInteger n = putCounts.get(normalise(path));
    return n == null ? 0 : n.get();
  }

  /**
   * The most {@code POST /oauth/token} requests that were in the sandbox at one time, each from its
   * arrival (before the latency) until its answer was ready (before it is written, so a client
   * cannot have read it while it still counts).
   */
  int maxTokenRequestsInFlight() {
    return maxTokenRequestsInFlight.get();
  }

  /** The {@code POST /oauth/token} requests in the sandbox now, counted as for the maximum. */
  int tokenRequestsInFlight() {
    return tokenRequestsInFlight.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    try (exchange) {
      ApiResponse response;
      String businessId = null;
      boolean oauth = false;
      boolean tokenRequest =
          exchange.getRequestMethod().equalsIgnoreCase("POST")
              && SandboxSage.TOKEN_PATH.equals(exchange.getRequestURI().getPath());
      if (tokenRequest) {
        maxTokenRequestsInFlight.accumulateAndGet(
            tokenRequestsInFlight.incrementAndGet(), Math::max);
      }
      try {
        sleep(faults.nextLatency());
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        byte[] body = readBody(exchange.getRequestBody());
        if (method.equals("POST")) {
          postCounts.computeIfAbsent(normalise(path), k -> new AtomicInteger()).incrementAndGet();
        }
        if (method.equals("PUT")) {
          String record = normalise(path);
          putCounts.computeIfAbsent(record, k -> new AtomicInteger()).incrementAndGet();
          int slash = record.indexOf('/', 1);
          if (slash > 0) {
            putCounts
                .computeIfAbsent(record.substring(0, slash), k -> new AtomicInteger())
                .incrementAndGet();
          }
        }
        int injected = faults.takeBefore(path);
        Headers in = exchange.getRequestHeaders();
        oauth = path.equals(SandboxSage.TOKEN_PATH) || path.equals(SandboxSage.REVOKE_PATH);
        if (injected == 0 && path.equals(authorizePath)) {
          writePage(
              exchange,
              authorize.handle(
                  method,
                  exchange.getRequestURI().getRawQuery(),
                  in.getFirst("Content-Type"),
                  body));
          return;
        }
        if (injected != 0) {
          response = injectedFault(injected);
        } else if (oauth) {
          response = oauthEndpoint(method, path, in, body);
        } else if (path.startsWith(SandboxSage.API_PREFIX + "/")) {
          Routed routed =
              api.handle(
                  new ApiRequest(
                      method,
                      path.substring(SandboxSage.API_PREFIX.length()),
                      path,
                      decodeQuery(exchange.getRequestURI().getRawQuery()),
                      in.getFirst("Authorization"),
                      in.getFirst("X-Business"),
                      in.getFirst("Content-Type"),
                      body));
          response = routed.response();
          businessId = routed.businessId();
        } else {
          response = SageApi.notFound();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response =
            ApiResponse.error(503, "ServiceUnavailable", "The sandbox is shutting down.", "");
      } catch (RuntimeException | IOException e) {
        response = ApiResponse.error(500, "UnexpectedError", "An unexpected error occurred.", "");
      } finally {
        if (tokenRequest) {
          tokenRequestsInFlight.decrementAndGet();
        }
      }
      write(exchange, response, businessId, oauth);
    } catch (IOException e) {
      // client went away; nothing to answer
    }
  }

  /** {@code POST /oauth/token} and {@code /oauth/revoke}: a form, client credentials. */
  private ApiResponse oauthEndpoint(String method, String path, Headers in, byte[] body) {
    if (!method.equals("POST")) {
      return SageApi.methodNotAllowed();
    }
    String contentType = in.getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return OAuthTokens.oauthError(
          "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    Map<String, String> form;
    try {
      form = decodeQuery(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return OAuthTokens.oauthError("invalid_request", "The form is not well-formed");
    }
    String authorization = in.getFirst("Authorization");
    return path.equals(SandboxSage.TOKEN_PATH)
        ? tokens.token(form, authorization)
        : tokens.revoke(form, authorization);
  }

  private static ApiResponse injectedFault(int status) {
    return switch (status) {
      case 429 ->
          ApiResponse.error(
              429, "TooManyRequests", "Too many requests. Please wait and repeat.", "");
      case 503 ->
          ApiResponse.error(
              503, "ServiceUnavailable", "Service unavailable. Please retry later.", "");
      case 500 -> ApiResponse.error(500, "UnexpectedError", "An unexpected error occurred.", "");
      default -> ApiResponse.error(status, "InjectedFault", "Injected fault.", "");
    };
  }

  private void write(HttpExchange exchange, ApiResponse response, String businessId, boolean oauth)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    out.set("Content-Type", "application/json; charset=utf-8");
    out.set("X-Request-Id", SageJson.newId(requestIds));
    if (businessId != null) {
      out.set("X-Business", businessId);
    }
    if (oauth) { // RFC 6749 §5.1
      out.set("Cache-Control", "no-store");
      out.set("Pragma", "no-cache");
    }
    if (response.status() == 401) {
      out.set("WWW-Authenticate", oauth ? "Basic realm=\"Sage Accounting\"" : "Bearer");
    }
    byte[] bytes =
        response.body() == null ? new byte[0] : SageJson.MAPPER.writeValueAsBytes(response.body());
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  /** The authorize page's answer: a redirect, or HTML that may not be framed. */
  private void writePage(HttpExchange exchange, AuthorizeEndpoint.Page page) throws IOException {
    Headers out = exchange.getResponseHeaders();
    out.set("X-Request-Id", SageJson.newId(requestIds));
    out.set("Cache-Control", "no-store");
    if (page.location() != null) {
      out.set("Location", page.location());
      exchange.sendResponseHeaders(page.status(), -1);
      return;
    }
    out.set("Content-Type", "text/html; charset=utf-8");
    out.set("X-Frame-Options", "DENY");
    out.set("Content-Security-Policy", "default-src 'none'");
    byte[] bytes = page.html().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(page.status(), bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }
  }

  static Map<String, String> decodeQuery(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.putIfAbsent(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String normalise(String path) {
    if (path == null) {
      return "";
    }
    String p =
        path.startsWith(SandboxSage.API_PREFIX + "/")
            ? path.substring(SandboxSage.API_PREFIX.length())
            : path;
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
