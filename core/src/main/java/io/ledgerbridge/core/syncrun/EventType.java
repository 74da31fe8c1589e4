package io.ledgerbridge.core.syncrun;

import java.util.Optional;

/** The store events of WIRE §5.2, with the wire name and the store entity type they concern. */
public enum EventType {
  INVOICE_CREATED("invoice.created", "invoice"),
  INVOICE_PAID("invoice.paid", "invoice"),
  CREDITMEMO_CREATED("creditmemo.created", "creditmemo"),
  CUSTOMER_UPSERTED("customer.upserted", "customer"),
  PRODUCT_UPSERTED("product.upserted", "product");

  private final String wire;
  private final String entityType;

  EventType(String wire, String entityType) {
    this.wire = wire;
    this.entityType = entityType;
  }

  public String wire() {
    return wire;
  }

  /** The {@code entity_type} the store's sync-state mirror uses for this event. */
  public String entityType() {
    return entityType;
  }

  public static Optional<EventType> fromWire(String name) {
    for (EventType e : values()) {
      if (e.wire.equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
