package io.ledgerbridge.core.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StockReconciliationTest {
  private static final UUID RUN = UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001");

  private static SageCatalogItemDraft item(String cost) {
    return new SageCatalogItemDraft(
        CatalogItemKind.STOCK_ITEM,
        "WB-01",
        "Water Bottle",
        null,
        "L4000",
        "L5000",
        "GB_STANDARD",
        new BigDecimal("10.00"),
        null,
        cost == null ? null : new BigDecimal(cost));
  }

  @Test
  void theMovementIsTheDifferenceToTheStoresAbsoluteQuantity() {
    assertThat(StockReconciliation.difference(new BigDecimal("7.0"), new BigDecimal("10")))
        .contains(new BigDecimal("3"));
    assertThat(StockReconciliation.difference(new BigDecimal("10"), new BigDecimal("4")))
        .contains(new BigDecimal("-6"));
    assertThat(StockReconciliation.difference(new BigDecimal("2.5"), new BigDecimal("4")))
        .contains(new BigDecimal("1.5"));
  }

  @Test
  void anEqualLevelMovesNothing() {
    assertThat(StockReconciliation.difference(new BigDecimal("10.0"), new BigDecimal("10")))
        .isEmpty();
  }

  @Test
  void theReferenceNamesTheProductAndTheRunWithinThirtyOneCharacters() {
    assertThat(StockReconciliation.reference(42, RUN)).isEqualTo("M42-1a2b3c4d");
    assertThat(StockReconciliation.reference(Long.MAX_VALUE, RUN)).hasSizeLessThanOrEqualTo(31);
  }

  @Test
  void theMovementCarriesTheItemsCostPriceOrZero() {
    SageStockMovementDraft m =
        StockReconciliation.movement(
            "s1", LocalDate.of(2026, 12, 1), new BigDecimal("-2"), item("4.50"), 42, RUN);

    assertThat(m.stockItemId()).isEqualTo("s1");
    assertThat(m.quantity()).isEqualByComparingTo("-2");
    assertThat(m.costPrice()).isEqualByComparingTo("4.50");
    assertThat(m.details()).isEqualTo("Store stock sync");
    assertThat(m.reference()).isEqualTo("M42-1a2b3c4d");
    assertThat(
            StockReconciliation.movement(
                    "s1", LocalDate.of(2026, 12, 1), BigDecimal.ONE, item(null), 42, RUN)
                .costPrice())
        .isEqualByComparingTo("0.00");
  }

  @Test
  void aMovementOfNothingIsRefused() {
    assertThatThrownBy(
            () ->
                new SageStockMovementDraft(
                    "s1", LocalDate.of(2026, 12, 1), BigDecimal.ZERO, BigDecimal.ZERO, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
