package io.ledgerbridge.core.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A credit memo (refund) as the store reports it from {@code GET /V1/byte8/creditmemo/:id} (WIRE
 * §3.5). Amounts are in the order currency and unrounded, positive for money going back to the
 * customer. An offline refund made from the order has no invoice: {@code invoiceId}, {@code
 * invoiceIncrementId} and {@code invoiceCreatedAt} are then null.
 *
 * @param adjustmentPositive an extra amount refunded ("adjustment refund")
 * @param adjustmentNegative an amount kept back ("adjustment fee")
 * @param reason the first non-empty comment on the memo, or null
 * @param createdAt null when the store sent {@code ""}
 */
public record CanonicalCreditMemo(
    long magentoId,
    String incrementId,
    Long invoiceId,
    String invoiceIncrementId,
    int websiteId,
    String currency,
    CanonicalContact customer,
    List<CanonicalLine> lines,
    BigDecimal adjustmentPositive,
    BigDecimal adjustmentNegative,
    BigDecimal grandTotal,
    BigDecimal shippingAmount,
    BigDecimal shippingTaxAmount,
    String reason,
    Instant createdAt,
    Instant invoiceCreatedAt,
    BigDecimal baseToOrderRate) {

  public CanonicalCreditMemo {
    if (magentoId <= 0) {
      throw new IllegalArgumentException("magento_id must be positive: " + magentoId);
    }
    if (invoiceId != null && invoiceId <= 0) {
      throw new IllegalArgumentException("invoice_id must be positive: " + invoiceId);
    }
    Objects.requireNonNull(incrementId, "increment_id");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(customer, "customer");
    lines = lines == null ? List.of() : List.copyOf(lines);
    Objects.requireNonNull(adjustmentPositive, "adjustment_positive");
    Objects.requireNonNull(adjustmentNegative, "adjustment_negative");
    Objects.requireNonNull(grandTotal, "grand_total");
    Objects.requireNonNull(shippingAmount, "shipping_amount");
    Objects.requireNonNull(shippingTaxAmount, "shipping_tax_amount");
  }

  /** Whether the memo refunds an invoice (false for an offline refund made from the order). */
  public boolean hasInvoice() {
    return invoiceId != null;
  }
}
