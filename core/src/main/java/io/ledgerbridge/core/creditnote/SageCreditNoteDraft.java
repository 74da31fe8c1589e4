package io.ledgerbridge.core.creditnote;

import io.ledgerbridge.core.invoice.SageAddress;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales credit note ready to post, in Sage's shape (SAGE §2.3). Lines are shaped like invoice
 * lines. {@code contactId} is null until the contact is known (the original invoice's, or one
 * resolved like an invoice's); {@code expectedTotal} is the store's memo grand total the Sage
 * document must equal.
 *
 * @param originalInvoiceDate the refunded invoice's date, or null for an offline refund
 */
public record SageCreditNoteDraft(
    String contactId,
    LocalDate date,
    LocalDate originalInvoiceDate,
    String reference,
    String currencyId,
    BigDecimal exchangeRate,
    SageAddress mainAddress,
    SageAddress deliveryAddress,
    String notes,
    BigDecimal shippingNetAmount,
    String shippingTaxRateId,
    BigDecimal shippingTaxAmount,
    List<SageInvoiceLine> lines,
    BigDecimal expectedTotal) {

  public SageCreditNoteDraft {
    lines = List.copyOf(lines);
  }

  public SageCreditNoteDraft withContactId(String id) {
    return new SageCreditNoteDraft(
        id,
        date,
        originalInvoiceDate,
        reference,
        currencyId,
        exchangeRate,
        mainAddress,
        deliveryAddress,
        notes,
        shippingNetAmount,
        shippingTaxRateId,
        shippingTaxAmount,
        lines,
        expectedTotal);
  }
}
