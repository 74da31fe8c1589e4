package io.ledgerbridge.core.failure;

import java.util.Objects;

/**
 * A remote call failed. Classified once, at the adapter edge, into transient (worth retrying) or
 * permanent. Carries what an operator needs: which system and operation, the HTTP status (0 when
 * there was no response), the remote request id, and the response body (e.g. Sage's error
 * envelope). Never carries secrets.
 */
public abstract sealed class GatewayException extends RuntimeException
    permits TransientGatewayException, PermanentGatewayException, ConnectionRevokedException {
  private static final long serialVersionUID = 1L;

  private final String system;
  private final String operation;
  private final int httpStatus;
  private final String requestId;
  private final ErrorClass errorClass;
  private final String responseBody;

  protected GatewayException(
      String system,
      String operation,
      int httpStatus,
      String requestId,
      ErrorClass errorClass,
      String message,
      String responseBody,
      Throwable cause) {
    super(message, cause);
    this.system = Objects.requireNonNull(system, "system");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
    this.responseBody = responseBody;
  }

  public String system() {
    return system;
  }

  public String operation() {
    return operation;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String requestId() {
    return requestId;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  /** The remote response body (truncated by the adapter), or null. */
  public String responseBody() {
    return responseBody;
  }

  public abstract boolean isTransient();
}
