package io.ledgerbridge.core.product;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One stock movement (SAGE §2.6, {@code POST /stock_movements}): an adjustment in (positive
 * quantity) or out (negative).
 *
 * @param details at most 50 characters
 * @param reference at most 31 characters
 * @param costPrice per unit, at two decimals, never negative
 */
public record SageStockMovementDraft(
    String stockItemId,
    LocalDate date,
    BigDecimal quantity,
    BigDecimal costPrice,
    String details,
    String reference) {

  /** Longest {@code details} Sage takes. */
  public static final int MAX_DETAILS = 50;

  /** Longest {@code reference} Sage takes. */
  public static final int MAX_REFERENCE = 31;

  public SageStockMovementDraft {
    Objects.requireNonNull(stockItemId, "stockItemId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(quantity, "quantity");
    if (quantity.signum() == 0) {
      throw new IllegalArgumentException("a stock movement moves something");
    }
    Objects.requireNonNull(costPrice, "costPrice");
    if (costPrice.signum() < 0) {
      throw new IllegalArgumentException("cost price must not be negative");
    }
    Objects.requireNonNull(details, "details");
    if (details.isBlank() || details.length() > MAX_DETAILS) {
      throw new IllegalArgumentException("details must be 1 to " + MAX_DETAILS + " characters");
    }
    if (reference != null && reference.length() > MAX_REFERENCE) {
      throw new IllegalArgumentException("reference has at most " + MAX_REFERENCE + " characters");
    }
  }
}
