package io.ledgerbridge.core.binding;

/** Lifecycle of a binding. Only ACTIVE bindings accept webhooks. */
public enum BindingStatus {
  ACTIVE,
  DISCONNECTED;

  public String db() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static BindingStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
