package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One invoice item as Magento stores it (order currency). {@code rowTotal} is excluding tax, {@code
 * discountAmount} is positive (Magento's item convention). {@code productType} nullable.
 */
public record StoreLine(
    String sku,
    String name,
    BigDecimal qty,
    BigDecimal unitPrice,
    BigDecimal rowTotal,
    BigDecimal taxAmount,
    BigDecimal discountAmount,
    String productType) {

  public StoreLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(rowTotal, "rowTotal");
    taxAmount = taxAmount == null ? BigDecimal.ZERO : taxAmount;
    discountAmount = discountAmount == null ? BigDecimal.ZERO : discountAmount;
  }

  /**
   * A simple product line: row total = qty x price (4 dp, HALF_UP as Magento's decimal(20,4)), tax
   * given, no discount.
   */
  public static StoreLine of(
      String sku, String name, String qty, String unitPrice, String taxAmount) {
    BigDecimal q = new BigDecimal(qty);
    BigDecimal p = new BigDecimal(unitPrice);
    return new StoreLine(
        sku,
        name,
        q,
        p,
        q.multiply(p).setScale(4, RoundingMode.HALF_UP),
        new BigDecimal(taxAmount),
        BigDecimal.ZERO,
        "simple");
  }

  public StoreLine withDiscount(String discount) {
    return new StoreLine(
        sku, name, qty, unitPrice, rowTotal, taxAmount, new BigDecimal(discount), productType);
  }

  public StoreLine withProductType(String type) {
    return new StoreLine(sku, name, qty, unitPrice, rowTotal, taxAmount, discountAmount, type);
  }
}
