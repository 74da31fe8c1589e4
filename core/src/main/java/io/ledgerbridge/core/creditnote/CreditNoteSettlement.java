package io.ledgerbridge.core.creditnote;

import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a posted credit note is settled, as an accountant would (PRODUCT §1):
 *
 * <ol>
 *   <li>while its original Sage invoice has an outstanding amount, a {@code CUSTOMER_ALLOCATION}
 *       sets the credit against it, up to what is outstanding on both;
 *   <li>what is left of the credit, when the invoice was paid (a receipt exists), goes back to the
 *       customer as a {@code CUSTOMER_REFUND} from the bank account the money came into;
 *   <li>anything else stays open on the contact (an offline refund without an invoice, or an
 *       invoice neither outstanding nor paid through the chassis).
 * </ol>
 *
 * @param allocate the amount to allocate against the invoice (zero for none)
 * @param refund the amount to refund from the receipt's bank (zero for none)
 * @param leftOpen the credit left unallocated on the contact
 */
public record CreditNoteSettlement(BigDecimal allocate, BigDecimal refund, BigDecimal leftOpen) {

  public CreditNoteSettlement {
    Objects.requireNonNull(allocate, "allocate");
    Objects.requireNonNull(refund, "refund");
    Objects.requireNonNull(leftOpen, "leftOpen");
  }

  /**
   * @param creditNote the credit note as Sage reports it (its outstanding amount is what is left to
   *     settle)
   * @param invoice its original Sage invoice, or null when it has none
   * @param invoiceWasPaid a receipt for the invoice exists, so money can be refunded
   */
  public static CreditNoteSettlement plan(
      SageDocumentBalance creditNote, SageDocumentBalance invoice, boolean invoiceWasPaid) {
    Objects.requireNonNull(creditNote, "creditNote");
    BigDecimal available = Amounts.nonNegative(Amounts.round2(creditNote.outstandingAmount()));
    BigDecimal allocate = Amounts.zero();
    if (invoice != null) {
      allocate = available.min(Amounts.nonNegative(Amounts.round2(invoice.outstandingAmount())));
    }
    BigDecimal rest = available.subtract(allocate);
    BigDecimal refund = invoice != null && invoiceWasPaid ? rest : Amounts.zero();
    return new CreditNoteSettlement(allocate, refund, rest.subtract(refund));
  }

  /** Nothing to do: the credit note is fully settled already. */
  public boolean isSettled() {
    return allocate.signum() == 0 && refund.signum() == 0;
  }
}
