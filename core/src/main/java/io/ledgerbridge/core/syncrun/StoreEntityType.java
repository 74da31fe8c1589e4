package io.ledgerbridge.core.syncrun;

/** The kinds of store entity whose sync state the store keeps (one row per entity, WIRE §4). */
public enum StoreEntityType {
  INVOICE,
  CREDITMEMO,
  CUSTOMER,
  PRODUCT
}
