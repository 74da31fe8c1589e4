package io.ledgerbridge.adapter.http.in;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The operator's bearer token for the admin routes, kept only as its SHA-256 and compared in
 * constant time. Absent, the admin routes are disabled.
 */
final class AdminToken {
  static final int MAX_TOKEN_LENGTH = 4096;

  private final byte[] digest;

  /**
   * @param token null disables the admin routes
   */
  AdminToken(String token) {
    this.digest = token == null ? null : sha256(token);
  }

  boolean enabled() {
    return digest != null;
  }

  /** Whether the request carries exactly one {@code Authorization: Bearer <admin token>}. */
  boolean authorized(HttpCall ex) {
    if (digest == null) {
      return false;
    }
    List<String> headers = Exchanges.headerValues(ex, "Authorization");
    if (headers.size() != 1 || headers.get(0) == null) {
      return false;
    }
    String header = headers.get(0).trim();
    if (header.length() > MAX_TOKEN_LENGTH || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    String token = header.substring(7).trim();
    if (token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(token));
  }

  /** Whether {@code token} (typed into a console form) is the admin token; constant time. */
  boolean accepts(String token) {
    if (digest == null || token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(token));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
