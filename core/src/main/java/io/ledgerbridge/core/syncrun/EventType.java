package io.ledgerbridge.core.syncrun;

import java.util.Optional;

/** The store events of WIRE §5.2, with the wire name and the store entity type they concern. */
public enum EventType {
  INVOICE_CREATED("invoice.created", StoreEntityType.INVOICE),
  INVOICE_PAID("invoice.paid", StoreEntityType.INVOICE),
  CREDITMEMO_CREATED("creditmemo.created", StoreEntityType.CREDITMEMO),
  CUSTOMER_UPSERTED("customer.upserted", StoreEntityType.CUSTOMER),
  PRODUCT_UPSERTED("product.upserted", StoreEntityType.PRODUCT);

  private final String wire;
  private final StoreEntityType entityType;

  EventType(String wire, StoreEntityType entityType) {
    this.wire = wire;
    this.entityType = entityType;
  }

  public String wire() {
    return wire;
  }

  /** The store entity this event concerns (its sync state is what the store shows). */
  public StoreEntityType entityType() {
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
