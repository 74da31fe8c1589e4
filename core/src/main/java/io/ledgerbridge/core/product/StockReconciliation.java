package io.ledgerbridge.core.product;

import io.ledgerbridge.core.money.Amounts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Brings a Sage stock item's level to the store's <em>absolute</em> quantity with one stock
 * movement of the difference (PRODUCT §1). Because the movement is worked out from what Sage holds
 * now, a repeated event, an event delivered late or out of order, or stock Sage moved itself (an
 * invoice) converges on the store's quantity instead of being counted twice; an equal level moves
 * nothing.
 */
public final class StockReconciliation {
  /** The {@code details} of every movement the chassis posts. */
  public static final String DETAILS = "Store stock sync";

  private StockReconciliation() {}

  /** {@code target - current}, or empty when they are equal. */
  public static Optional<BigDecimal> difference(BigDecimal current, BigDecimal target) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(target, "target");
    BigDecimal d = target.subtract(current);
    return d.signum() == 0 ? Optional.empty() : Optional.of(Amounts.quantity(d));
  }

  /**
   * The movement's reference, at most 31 characters: {@code M<product id>-<first 8 hex of the run
   * id>}, so each run's movement can be told apart in Sage and traced to its run.
   */
  public static String reference(long productId, UUID runId) {
    return "M" + productId + "-" + runId.toString().substring(0, 8);
  }

  /**
   * The movement of {@code quantity} for {@code stockItemId} on {@code date}, at the item's cost
   * price (zero when the store has no cost).
   */
  public static SageStockMovementDraft movement(
      String stockItemId,
      LocalDate date,
      BigDecimal quantity,
      SageCatalogItemDraft item,
      long productId,
      UUID runId) {
    BigDecimal cost = item.costPrice() == null ? Amounts.zero() : item.costPrice();
    return new SageStockMovementDraft(
        stockItemId,
        date,
        quantity,
        Amounts.nonNegative(cost),
        DETAILS,
        reference(productId, runId));
  }
}
