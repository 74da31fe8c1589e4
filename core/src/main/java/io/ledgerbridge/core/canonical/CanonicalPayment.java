package io.ledgerbridge.core.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The payment of an invoice as the store reports it from {@code GET /V1/byte8/payment/:invoiceId}
 * (WIRE §3.6). The store knows one payment per invoice: {@code amount} is the invoice grand total
 * and {@code capturedAt} the invoice's creation time (null when the store sent {@code ""}).
 *
 * @param method the order's payment method code; {@code ""} when the order has none
 * @param gatewayTxnId the gateway's transaction id, or null when the store omitted it
 * @param gatewayMetadata the values of the payment's additional information, in order (nested
 *     arrays arrive JSON-encoded as strings)
 */
public record CanonicalPayment(
    long invoiceId,
    String invoiceIncrementId,
    String method,
    String currency,
    BigDecimal amount,
    Instant capturedAt,
    String gatewayTxnId,
    List<String> gatewayMetadata) {

  public CanonicalPayment {
    if (invoiceId <= 0) {
      throw new IllegalArgumentException("invoice_id must be positive: " + invoiceId);
    }
    Objects.requireNonNull(invoiceIncrementId, "invoice_increment_id");
    method = method == null ? "" : method;
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(amount, "amount");
    gatewayMetadata = gatewayMetadata == null ? List.of() : List.copyOf(gatewayMetadata);
  }
}
