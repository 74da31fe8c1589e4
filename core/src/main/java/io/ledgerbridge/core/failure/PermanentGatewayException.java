package io.ledgerbridge.core.failure;

/** A failure that will not succeed on retry without a change: 4xx validation, auth, not found. */
public final class PermanentGatewayException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public PermanentGatewayException(
      String system,
      String operation,
      int httpStatus,
      String requestId,
      ErrorClass errorClass,
      String message,
      String responseBody,
      Throwable cause) {
    super(system, operation, httpStatus, requestId, errorClass, message, responseBody, cause);
  }

  @Override
  public boolean isTransient() {
    return false;
  }
}
