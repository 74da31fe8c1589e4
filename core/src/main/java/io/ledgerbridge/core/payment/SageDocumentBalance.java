package io.ledgerbridge.core.payment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What Sage says about a posted sales invoice or credit note now: its contact, currency and rate,
 * total and what is still outstanding (SAGE §2.4: payments and allocations update {@code
 * outstanding_amount} and {@code status}).
 *
 * @param exchangeRate null in the base currency
 * @param status {@code UNPAID}, {@code PART_PAID}, {@code PAID} (or another Sage status id)
 */
public record SageDocumentBalance(
    String id,
    String displayedAs,
    String contactId,
    String currencyId,
    BigDecimal exchangeRate,
    BigDecimal totalAmount,
    BigDecimal outstandingAmount,
    String status) {

  public SageDocumentBalance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(totalAmount, "totalAmount");
    Objects.requireNonNull(outstandingAmount, "outstandingAmount");
  }
}
