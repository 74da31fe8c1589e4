package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the store's calls to the store-facing routes other than webhooks ({@code GET
 * /v1/tile/health}, {@code GET /v1/status}, {@code POST /v1/tenant/disconnect}, WIRE §1B): an
 * outbound JWT like a webhook's, whose tenant is its {@code sub} (these paths carry none). The
 * {@code sub} is read unverified only to choose the key that then verifies the whole token.
 */
final class StoreTokenAuth {
  static final int MAX_TOKEN_LENGTH = 8192;

  private final WebhookAuthenticator authenticator;
  private final RejectionLog rejections;

  StoreTokenAuth(WebhookAuthenticator authenticator, RejectionLog rejections) {
    this.authenticator = authenticator;
    this.rejections = rejections;
  }

  /** The outcome: the tenant, no valid token, or a valid token outside its time window. */
  sealed interface Result permits Tenant, Unauthorized, Skewed {}

  record Tenant(String tenantId) implements Result {}

  record Unauthorized() implements Result {}

  record Skewed() implements Result {}

  /**
   * @param route names the route in rejection logs
   */
  Result authenticate(HttpCall ex, String route) {
    List<String> headers = Exchanges.headerValues(ex, "Authorization");
    if (headers.size() != 1 || headers.get(0) == null) {
      rejections.record(route + ": missing or repeated Authorization header");
      return new Unauthorized();
    }
    String header = headers.get(0);
    Optional<String> sub = peekSubject(header);
    if (sub.isEmpty()) {
      rejections.record(route + ": no readable sub claim");
      return new Unauthorized();
    }
    WebhookAuthenticator.AuthResult result = authenticator.authenticate(sub.get(), header);
    if (result instanceof WebhookAuthenticator.ClockSkewed skewed) {
      rejections.webhook(sub.get(), route + ": " + skewed.reason());
      return new Skewed();
    }
    if (result instanceof WebhookAuthenticator.Authenticated ok
        && sub.get().equals(ok.tenantId())) {
      return new Tenant(ok.tenantId());
    }
    String reason =
        result instanceof WebhookAuthenticator.Rejected r
            ? r.reason()
            : "authenticated tenant differs";
    rejections.webhook(sub.get(), route + ": " + reason);
    return new Unauthorized();
  }

  /**
   * Answers a failed authentication: 401 for no valid token, 503 with {@code Retry-After} for a
   * correctly signed token outside its time window (the clocks disagree; a retry may pass).
   *
   * @return the tenant, or empty when the answer was sent
   */
  Optional<String> tenantOrAnswer(HttpCall ex, String route) throws IOException {
    Result result = authenticate(ex, route);
    if (result instanceof Tenant t) {
      return Optional.of(t.tenantId());
    }
    if (result instanceof Skewed) {
      Exchanges.sendUnavailable(ex, "clock_skew", WebhookHandler.CLOCK_SKEW_RETRY_AFTER_SECONDS);
    } else {
      ex.setHeader("WWW-Authenticate", "Bearer");
      Exchanges.sendError(ex, 401, "unauthorized", null);
    }
    return Optional.empty();
  }

  /**
   * The {@code sub} claim of a {@code Bearer} JWT, decoded <em>without</em> verification: used only
   * to pick the tenant whose key then verifies the whole token.
   */
  static Optional<String> peekSubject(String authorization) {
    if (authorization.length() > MAX_TOKEN_LENGTH
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String[] parts = authorization.substring(7).trim().split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Json.read(payload);
      JsonNode sub = claims == null ? null : claims.get("sub");
      if (sub == null || !sub.isTextual() || sub.textValue().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(sub.textValue());
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }
}
