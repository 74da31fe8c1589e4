package io.ledgerbridge.core.failure;

import java.util.Objects;

/**
 * A classified failure as a value: what a run records and what decides whether its job retries. A
 * {@link GatewayException} from an adapter becomes one with {@link #of}; the chassis's own expected
 * failures (an invalid translation, a missing binding or policy) are built directly, never thrown.
 *
 * @param isTransient whether a later attempt may succeed (the backoff ladder applies)
 * @param system {@code sage}, {@code magento} or {@code chassis}
 * @param operation what was being done, e.g. {@code create_sales_invoice}, {@code translate}
 * @param httpStatus the remote status, 0 when there was no response
 * @param responseBody the remote body as kept by the adapter, or null
 * @param revokesConnection the binding's Sage connection is gone ({@link
 *     ConnectionRevokedException}): the run waits for a reconnect instead of failing
 */
public record Failure(
    boolean isTransient,
    ErrorClass errorClass,
    String system,
    String operation,
    int httpStatus,
    String message,
    String responseBody,
    boolean revokesConnection) {

  /** The system name of failures the chassis decides itself. */
  public static final String CHASSIS = "chassis";

  public Failure {
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(message, "message");
  }

  public static Failure of(GatewayException e) {
    return new Failure(
        e.isTransient(),
        e.errorClass(),
        e.system(),
        e.operation(),
        e.httpStatus(),
        String.valueOf(e.getMessage()),
        e.responseBody(),
        e instanceof ConnectionRevokedException);
  }

  /** A failure of the chassis's own that no retry can fix (e.g. an invalid translation). */
  public static Failure permanent(ErrorClass errorClass, String operation, String message) {
    return new Failure(false, errorClass, CHASSIS, operation, 0, message, null, false);
  }

  /** A failure of the chassis's own that a later attempt may not meet (e.g. an unexpected bug). */
  public static Failure transientFailure(ErrorClass errorClass, String operation, String message) {
    return new Failure(true, errorClass, CHASSIS, operation, 0, message, null, false);
  }

  /** {@code class (system operation HTTP n): message}, as runs and logs show it. */
  public String describe() {
    String status = httpStatus == 0 ? "" : " HTTP " + httpStatus;
    return errorClass.code() + " (" + system + " " + operation + status + "): " + message;
  }
}
