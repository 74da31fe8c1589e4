package io.ledgerbridge.core.syncrun;

import java.util.Optional;

/**
 * The store events of WIRE §5.2, with the wire name and the store entity type they concern, and the
 * chassis's own reconciliation runs ({@code customer.reconciled}, {@code product.reconciled}),
 * which apply a store event's handler again to an entity the store would not send again.
 */
public enum EventType {
  INVOICE_CREATED("invoice.created", StoreEntityType.INVOICE, null),
  INVOICE_PAID("invoice.paid", StoreEntityType.INVOICE, null),
  CREDITMEMO_CREATED("creditmemo.created", StoreEntityType.CREDITMEMO, null),
  CUSTOMER_UPSERTED("customer.upserted", StoreEntityType.CUSTOMER, null),
  PRODUCT_UPSERTED("product.upserted", StoreEntityType.PRODUCT, null),
  /** The reconciliation sweep looking at a customer again; never sent by the store. */
  CUSTOMER_RECONCILED("customer.reconciled", StoreEntityType.CUSTOMER, "customer.upserted"),
  /** The reconciliation sweep looking at a product again; never sent by the store. */
  PRODUCT_RECONCILED("product.reconciled", StoreEntityType.PRODUCT, "product.upserted");

  private final String wire;
  private final StoreEntityType entityType;
  private final String reconciles;

  EventType(String wire, StoreEntityType entityType, String reconciles) {
    this.wire = wire;
    this.entityType = entityType;
    this.reconciles = reconciles;
  }

  /** Whether the store sends this event (the webhook route accepts only these). */
  public boolean fromStore() {
    return reconciles == null;
  }

  /** A reconciliation run: the store event whose handler it applies again, else empty. */
  public Optional<EventType> reconciles() {
    return reconciles == null ? Optional.empty() : fromWire(reconciles);
  }

  /** The store event with this wire name (never a reconciliation). */
  public static Optional<EventType> storeEvent(String name) {
    return fromWire(name).filter(EventType::fromStore);
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
