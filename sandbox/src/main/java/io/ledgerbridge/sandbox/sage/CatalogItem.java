package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product, service or stock item of a business: the attributes the client wrote (merged over
 * every {@code PUT}), its prices or rates per price type, and for stock items the levels only stock
 * movements change. {@link CatalogItems} renders the read models from it. Guarded by the business
 * lock.
 */
final class CatalogItem {

  /** One entry of {@code sales_prices} (or {@code sales_rates} on a service). */
  record Price(
      String id,
      String typeId,
      String name,
      BigDecimal price,
      boolean includesTax,
      Instant createdAt,
      Instant updatedAt) {}

  final String id;
  final CatalogItemKind kind;
  final Instant createdAt;
  Instant updatedAt;

  /** The writable attributes as last written (without prices and {@code idempotency_id}). */
  ObjectNode attributes;

  /** By price (or rate) type id, in the order of the business's types. */
  final Map<String, Price> prices = new LinkedHashMap<>();

  BigDecimal quantityInStock = BigDecimal.ZERO;
  BigDecimal lastCostPrice;
  BigDecimal quantityIn = BigDecimal.ZERO;
  BigDecimal costIn = BigDecimal.ZERO;
  LocalDate costPriceLastUpdated;

  /** Used on a document or by a stock movement: no longer {@code deletable}. */
  boolean used;

  CatalogItem(String id, CatalogItemKind kind, ObjectNode attributes, Instant createdAt) {
    this.id = id;
    this.kind = kind;
    this.attributes = attributes;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  String itemCode() {
    return SageJson.text(attributes, "item_code");
  }

  String description() {
    return SageJson.text(attributes, "description");
  }

  boolean active() {
    return attributes.path("active").asBoolean(true);
  }

  /**
   * Applies a stock movement of {@code quantity} at {@code costPrice}: the level moves; a movement
   * in (positive) that is a purchase or an adjustment in ({@code costed}) also sets the last cost
   * price and feeds the average cost price, "the total price paid to date divided by the total
   * quantity purchased" (D-INVENT).
   */
  void move(
      BigDecimal quantity, BigDecimal costPrice, LocalDate date, Instant now, boolean costed) {
    quantityInStock = quantityInStock.add(quantity);
    if (costed && quantity.signum() > 0) {
      lastCostPrice = costPrice;
      quantityIn = quantityIn.add(quantity);
      costIn = costIn.add(quantity.multiply(costPrice));
      costPriceLastUpdated = date;
    }
    used = true;
    updatedAt = now;
  }

  BigDecimal averageCostPrice() {
    return quantityIn.signum() == 0
        ? BigDecimal.ZERO
        : costIn.divide(quantityIn, 2, RoundingMode.HALF_UP);
  }
}
