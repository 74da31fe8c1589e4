package io.ledgerbridge.core.failure;

/** A failure that may succeed on retry: 5xx, 429, timeouts, connection errors. */
public final class TransientGatewayException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public TransientGatewayException(
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
    return true;
  }
}
