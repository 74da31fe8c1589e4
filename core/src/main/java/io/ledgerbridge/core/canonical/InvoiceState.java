package io.ledgerbridge.core.canonical;

/** Invoice state as the store reports it (WIRE §3.1 key {@code state}). */
public enum InvoiceState {
  OPEN("open"),
  PAID("paid"),
  CANCELLED("cancelled");

  private final String wire;

  InvoiceState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Unknown values map to OPEN, as the store itself does for unknown Magento states. */
  public static InvoiceState fromWire(String value) {
    for (InvoiceState s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return OPEN;
  }
}
