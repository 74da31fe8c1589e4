package io.ledgerbridge.ports.in;

/** The tenant id names no binding. */
public final class UnknownBindingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownBindingException(String tenantId) {
    super("no binding for tenant " + tenantId);
  }
}
