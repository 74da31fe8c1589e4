package io.ledgerbridge.core.failure;

/**
 * The binding's connection to a remote system is gone and no retry can bring it back: Sage refused
 * the refresh token ({@code invalid_grant}: revoked, unused for 31 days, or already spent, and not
 * rotated by another process). Not a failure of the run: the binding waits for a reconnect and its
 * runs wait with it, then resume.
 */
public final class ConnectionRevokedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public ConnectionRevokedException(
      String system,
      String operation,
      int httpStatus,
      String requestId,
      String message,
      String responseBody) {
    super(system, operation, httpStatus, requestId, ErrorClass.AUTH, message, responseBody, null);
  }

  @Override
  public boolean isTransient() {
    return false;
  }
}
