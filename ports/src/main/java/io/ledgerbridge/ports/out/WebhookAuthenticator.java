package io.ledgerbridge.ports.out;

/** Authenticates a store's signed request (WIRE §2.4). Implemented by the Magento adapter. */
public interface WebhookAuthenticator {

  AuthResult authenticate(String pathTenantId, String authorizationHeader);

  sealed interface AuthResult permits Authenticated, Rejected, ClockSkewed {}

  record Authenticated(String tenantId, String jti) implements AuthResult {}

  /** {@code reason} is for logs only; the wire answer is always a generic 401. */
  record Rejected(String reason) implements AuthResult {}

  /**
   * Correctly signed, but outside its time window (expired, not yet valid, issued in the future):
   * the two clocks disagree, and the store signs every retry afresh, so a retry can succeed. The
   * answer is 503, never a 4xx (the store dead-letters those). {@code skewSeconds} is how far the
   * store's clock seems to be from ours (positive: ahead), for the log.
   */
  record ClockSkewed(String reason, long skewSeconds) implements AuthResult {}
}
