package io.ledgerbridge.ports.out;

/** Authenticates a store's signed request (WIRE §2.4). Implemented by the Magento adapter. */
public interface WebhookAuthenticator {

  AuthResult authenticate(String pathTenantId, String authorizationHeader);

  sealed interface AuthResult permits Authenticated, Rejected {}

  record Authenticated(String tenantId, String jti) implements AuthResult {}

  /** {@code reason} is for logs only; the wire answer is always a generic 401. */
  record Rejected(String reason) implements AuthResult {}
}
