package io.ledgerbridge.core.invoice;

import java.math.BigDecimal;

/**
 * One {@code invoice_lines[]} (or {@code credit_note_lines[]}) entry. Amounts are at 2 decimals
 * (quantity and unit price may carry more, as the store has them). {@code euGoodsServicesTypeId} is
 * null for domestic lines. {@code productId} / {@code serviceId} name the Sage item the line sells
 * ({@link SageItem}); both are null for a free-text line, and never both set.
 */
public record SageInvoiceLine(
    String description,
    String ledgerAccountId,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal discountAmount,
    String taxRateId,
    BigDecimal taxAmount,
    String euGoodsServicesTypeId,
    String productId,
    String serviceId) {

  public SageInvoiceLine {
    if (productId != null && serviceId != null) {
      throw new IllegalArgumentException("a line names a product or a service, not both");
    }
  }

  /** A free-text line: no product or service. */
  public SageInvoiceLine(
      String description,
      String ledgerAccountId,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal discountAmount,
      String taxRateId,
      BigDecimal taxAmount,
      String euGoodsServicesTypeId) {
    this(
        description,
        ledgerAccountId,
        quantity,
        unitPrice,
        discountAmount,
        taxRateId,
        taxAmount,
        euGoodsServicesTypeId,
        null,
        null);
  }

  /**
   * This line naming {@code item}: a product or stock item by {@code product_id}, a service by
   * {@code service_id}. Everything else stays as it is.
   */
  public SageInvoiceLine withItem(SageItem item) {
    boolean product = item.kind().isProductOnALine();
    return new SageInvoiceLine(
        description,
        ledgerAccountId,
        quantity,
        unitPrice,
        discountAmount,
        taxRateId,
        taxAmount,
        euGoodsServicesTypeId,
        product ? item.sageId() : null,
        product ? null : item.sageId());
  }
}
