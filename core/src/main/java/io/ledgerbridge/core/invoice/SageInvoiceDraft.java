package io.ledgerbridge.core.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales invoice ready to post, in Sage's shape (SAGE §2.2). {@code contactId} is null until the
 * contact is resolved; {@code expectedTotal} is the store grand total the Sage document must equal.
 */
public record SageInvoiceDraft(
    String contactId,
    LocalDate date,
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

  public SageInvoiceDraft {
    lines = List.copyOf(lines);
  }

  public SageInvoiceDraft withContactId(String id) {
    return new SageInvoiceDraft(
        id,
        date,
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
