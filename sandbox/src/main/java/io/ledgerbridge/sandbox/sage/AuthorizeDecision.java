package io.ledgerbridge.sandbox.sage;

/**
 * What the sandbox's signed-in user answers when an app sends them to the authorize page ({@link
 * SandboxSage#setAuthorizeDecision}). The sandbox has no login step: its one user is always signed
 * in.
 */
public enum AuthorizeDecision {
  /**
   * Consent at once, as a browser that has already consented does: the authorize request answers
   * 302 to the app's callback with {@code code}, {@code country} and {@code state}. The default, so
   * that a plain HTTP client following redirects completes the flow.
   */
  ALLOW,
  /** Refuse at once: 302 to the callback with {@code error=access_denied}. */
  DENY,
  /** Render the consent page (HTML, "Allow" and "Deny" buttons) and wait for a person. */
  ASK
}
