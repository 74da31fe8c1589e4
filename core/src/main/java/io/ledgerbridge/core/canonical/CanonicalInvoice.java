package io.ledgerbridge.core.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An invoice as the store reports it from {@code GET /V1/byte8/invoice/:id} (WIRE §3.1). Amounts
 * are in the order currency and unrounded. Nullable fields are {@code null} when the store omitted
 * the key; {@code createdAt} is null when the store sent {@code ""}.
 */
public record CanonicalInvoice(
    long magentoId,
    String incrementId,
    long orderId,
    String orderIncrementId,
    int websiteId,
    int storeId,
    String currency,
    InvoiceState state,
    CanonicalContact customer,
    List<CanonicalLine> lines,
    BigDecimal subtotal,
    BigDecimal taxAmount,
    BigDecimal shippingAmount,
    BigDecimal shippingTaxAmount,
    BigDecimal discountAmount,
    BigDecimal grandTotal,
    Instant createdAt,
    String paymentMethod,
    CanonicalAddress billingAddress,
    CanonicalAddress shippingAddress,
    String poNumber,
    BigDecimal baseToOrderRate) {

  public CanonicalInvoice {
    if (magentoId <= 0) {
      throw new IllegalArgumentException("magento_id must be positive: " + magentoId);
    }
    Objects.requireNonNull(incrementId, "increment_id");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customer, "customer");
    lines = lines == null ? List.of() : List.copyOf(lines);
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(taxAmount, "tax_amount");
    Objects.requireNonNull(shippingAmount, "shipping_amount");
    Objects.requireNonNull(shippingTaxAmount, "shipping_tax_amount");
    Objects.requireNonNull(discountAmount, "discount_amount");
    Objects.requireNonNull(grandTotal, "grand_total");
  }
}
