package io.ledgerbridge.core.canonical;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One invoice or credit-memo line as the store reports it (WIRE §3.2). Amounts are in the order
 * currency, exactly as parsed (no rounding applied). {@code lineTotal} is {@code row_total + tax -
 * item discount} and may carry binary-float noise from the store.
 *
 * @param taxRate ratio (0.2 = 20%), or null when the store omitted it
 * @param productType simple, virtual, downloadable, configurable, bundle, grouped; or null
 */
public record CanonicalLine(
    String sku,
    String name,
    BigDecimal qty,
    BigDecimal unitPrice,
    BigDecimal lineSubtotal,
    BigDecimal lineTax,
    BigDecimal lineTotal,
    BigDecimal taxRate,
    String productType) {

  public CanonicalLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(unitPrice, "unit_price");
    Objects.requireNonNull(lineSubtotal, "line_subtotal");
    Objects.requireNonNull(lineTax, "line_tax");
    Objects.requireNonNull(lineTotal, "line_total");
  }
}
