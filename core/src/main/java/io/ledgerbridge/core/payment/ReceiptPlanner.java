package io.ledgerbridge.core.payment;

import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.invoice.DocumentReferences;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Sage customer receipt of a paid store invoice (PRODUCT §1; SAGE §2.4), once the invoice is in
 * Sage and its money has a bank account ({@link io.ledgerbridge.core.policy.PaymentRouting}):
 *
 * <ul>
 *   <li>on the Sage invoice's contact, into {@code bankAccountId}, dated the day the store captured
 *       it (UTC), for the store's amount at 2 dp, in the invoice's currency and at the Sage
 *       invoice's exchange rate (ADR 0009: the same direction as the invoice);
 *   <li>allocated to the Sage invoice for what is still outstanding there; anything beyond it (the
 *       invoice was partly credited meanwhile) goes on account, with a warning;
 *   <li>reference: the gateway transaction id when the store has one (its last 25 characters, where
 *       gateway ids differ), else the invoice's Sage reference;
 *   <li>{@code payment_method_id}: {@link SagePaymentMethods}.
 * </ul>
 */
public final class ReceiptPlanner {

  /** Warning code when part of a receipt is left on account. */
  public static final String PAYMENT_ON_ACCOUNT = "payment_on_account";

  private ReceiptPlanner() {}

  /** A receipt to post, or why none can be. */
  public sealed interface Plan permits Receipt, Invalid {}

  public record Receipt(SageContactPaymentDraft draft, List<String> warnings) implements Plan {
    public Receipt {
      Objects.requireNonNull(draft, "draft");
      warnings = List.copyOf(warnings);
    }
  }

  public record Invalid(String message) implements Plan {}

  /**
   * @param invoice the Sage invoice as Sage reports it now
   * @param baseCurrency the Sage business's base currency
   */
  public static Plan plan(
      CanonicalPayment payment,
      SyncPolicy policy,
      String bankAccountId,
      SageDocumentBalance invoice,
      String baseCurrency) {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(bankAccountId, "bankAccountId");
    Objects.requireNonNull(invoice, "invoice");
    if (payment.capturedAt() == null) {
      return new Invalid("payment of invoice " + payment.invoiceIncrementId() + " has no date");
    }
    String currency = payment.currency().trim().toUpperCase(Locale.ROOT);
    if (invoice.currencyId() != null && !invoice.currencyId().equalsIgnoreCase(currency)) {
      return new Invalid(
          "payment currency "
              + currency
              + " differs from the Sage invoice's currency "
              + invoice.currencyId());
    }
    BigDecimal total = Amounts.round2(payment.amount());
    if (total.signum() <= 0) {
      return new Invalid(
          "payment amount " + total.toPlainString() + " is not positive; nothing to receive");
    }
    BigDecimal outstanding = Amounts.nonNegative(Amounts.round2(invoice.outstandingAmount()));
    BigDecimal allocated = total.min(outstanding);
    BigDecimal onAccount = total.subtract(allocated);
    List<String> warnings = new ArrayList<>();
    List<SageAllocation> allocations =
        allocated.signum() > 0 ? List.of(new SageAllocation(invoice.id(), allocated)) : List.of();
    if (onAccount.signum() > 0) {
      warnings.add(
          PAYMENT_ON_ACCOUNT
              + ": "
              + onAccount.toPlainString()
              + " of the "
              + total.toPlainString()
              + " received is left on account: Sage invoice "
              + invoice.displayedAs()
              + " has only "
              + outstanding.toPlainString()
              + " outstanding");
    }
    boolean foreign = !currency.equalsIgnoreCase(baseCurrency.trim());
    return new Receipt(
        new SageContactPaymentDraft(
            SageContactPaymentDraft.CUSTOMER_RECEIPT,
            invoice.contactId(),
            bankAccountId,
            SagePaymentMethods.forStoreMethod(policy, payment.method()),
            LocalDate.ofInstant(payment.capturedAt(), ZoneOffset.UTC),
            total,
            currency,
            foreign ? invoice.exchangeRate() : null,
            reference(payment, policy),
            allocations,
            onAccount),
        warnings);
  }

  /** The gateway transaction id's last 25 characters, else the invoice's Sage reference. */
  static String reference(CanonicalPayment payment, SyncPolicy policy) {
    String txn = payment.gatewayTxnId() == null ? "" : payment.gatewayTxnId().trim();
    if (!txn.isEmpty()) {
      return txn.length() <= DocumentReferences.MAX_REFERENCE
          ? txn
          : txn.substring(txn.length() - DocumentReferences.MAX_REFERENCE);
    }
    String ref =
        DocumentReferences.withPrefix(policy.invoiceNumberPrefix(), payment.invoiceIncrementId());
    return ref.length() <= DocumentReferences.MAX_REFERENCE
        ? ref
        : ref.substring(0, DocumentReferences.MAX_REFERENCE);
  }
}
