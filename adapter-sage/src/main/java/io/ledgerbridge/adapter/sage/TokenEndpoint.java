package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Sage's OAuth endpoints (SAGE §1.3–§1.5): a form POST with the client credentials in the body, an
 * answer in JSON, errors as {@code {"error": "...", "error_description": "..."}}. Shared by the
 * refresh grant, the code exchange and the revocation. Requests are never kept (they hold the
 * client secret and a token); an error body is scrubbed of them before it is kept.
 */
final class TokenEndpoint {
  static final long DEFAULT_EXPIRES_IN_SECONDS = 300;

  private final SageHttp http;
  private final Clock clock;
  private final ObjectMapper json;

  TokenEndpoint(SageHttp http, Clock clock, ObjectMapper json) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** What the endpoint answered, and when the request left. */
  record Reply(SageHttp.Answer answer, Instant sentAt) {}

  /** Posts {@code form} (in order) to {@code url}. */
  Reply post(SageOperation op, String url, Map<String, String> form) {
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
    if (parsed == null) {
      throw new IllegalArgumentException(op.code() + ": not an http(s) URL: " + url);
    }
    FormBody.Builder body = new FormBody.Builder();
    form.forEach((k, v) -> body.add(k, Objects.requireNonNull(v, k)));
    Request request =
        new Request.Builder()
            .url(parsed)
            .header("Accept", "application/json")
            .post(body.build())
            .build();
    Instant sentAt = clock.instant();
    return new Reply(http.execute(op, request), sentAt);
  }

  /** The body of a refused request, scrubbed of {@code secrets} and cut to size. */
  static String kept(SageHttp.Answer answer, String... secrets) {
    return SageErrors.truncate(SecretScrubber.of(secrets).scrub(answer.body()));
  }

  /**
   * The failure of an answer no caller handles specially: 429 and 5xx are transient, a 400 or 401
   * with an OAuth error is an {@code auth} refusal, anything else unexpected.
   */
  GatewayException failure(SageOperation op, SageHttp.Answer answer, String kept, String what) {
    int status = answer.status();
    String requestId = answer.requestId();
    if (status == 429) {
      return SageErrors.transientError(
          op,
          status,
          requestId,
          ErrorClass.RATE_LIMITED,
          "Sage " + what + " rate limit reached (HTTP 429)",
          kept);
    }
    if (status >= 500 && status <= 599) {
      return SageErrors.transientError(
          op,
          status,
          requestId,
          ErrorClass.PROVIDER,
          "Sage " + what + " server error (HTTP " + status + ")",
          kept);
    }
    if (status == 400 || status == 401) {
      String error = oauthError(answer.body());
      if ("invalid_client".equals(error)) {
        return SageErrors.permanent(
            op,
            status,
            requestId,
            ErrorClass.AUTH,
            "Sage rejected the OAuth client (invalid_client): check the client id and secret",
            kept);
      }
      return SageErrors.permanent(
          op,
          status,
          requestId,
          ErrorClass.AUTH,
          "Sage "
              + what
              + " refused the request ("
              + (error == null ? "HTTP " + status : error)
              + ")",
          kept);
    }
    return SageErrors.permanent(
        op,
        status,
        requestId,
        ErrorClass.HTTP,
        "unexpected Sage " + what + " response (HTTP " + status + ")",
        kept);
  }

  /** The tokens of a 2xx token response; {@code oldRefresh} when it carries no new one. */
  SageTokens tokens(SageOperation op, Reply reply, String oldRefresh) {
    SageHttp.Answer answer = reply.answer();
    JsonNode root = readOrNull(answer.body());
    String access = root == null ? null : text(root, "access_token");
    if (access == null) {
      // never keep a token response body: it holds the tokens
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          root == null ? "token response is not JSON" : "token response has no access_token",
          null,
          null);
    }
    String refresh = text(root, "refresh_token");
    if (refresh == null && oldRefresh == null) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "token response has no refresh_token",
          null,
          null);
    }
    long expiresIn = root.path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
    if (expiresIn <= 0) {
      expiresIn = DEFAULT_EXPIRES_IN_SECONDS;
    }
    // measured from when the request left, so the token never outlives what we assume
    return new SageTokens(
        refresh == null ? oldRefresh : refresh, access, reply.sentAt().plusSeconds(expiresIn));
  }

  /** The OAuth {@code error} of a body, or null. */
  String oauthError(String body) {
    JsonNode root = readOrNull(body);
    return root == null ? null : text(root, "error");
  }

  /** The OAuth {@code error_description} of a body, or null. */
  String oauthDescription(String body) {
    JsonNode root = readOrNull(body);
    return root == null ? null : text(root, "error_description");
  }

  private JsonNode readOrNull(String body) {
    try {
      JsonNode root = json.readTree(body == null ? "" : body);
      return root != null && root.isObject() ? root : null;
    } catch (IOException e) {
      return null;
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
  }
}
