package io.ledgerbridge.core.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A contact payment ready to post (SAGE §2.4): a {@code CUSTOMER_RECEIPT} (money in, allocated to
 * sales invoices) or a {@code CUSTOMER_REFUND} (money out, allocated to sales credit notes). What
 * the allocations do not cover is {@code onAccount} (a payment on account), or zero.
 *
 * @param exchangeRate null in the base currency
 * @param reference at most 25 characters
 */
public record SageContactPaymentDraft(
    String transactionTypeId,
    String contactId,
    String bankAccountId,
    String paymentMethodId,
    LocalDate date,
    BigDecimal totalAmount,
    String currencyId,
    BigDecimal exchangeRate,
    String reference,
    List<SageAllocation> allocations,
    BigDecimal onAccount) {

  public static final String CUSTOMER_RECEIPT = "CUSTOMER_RECEIPT";
  public static final String CUSTOMER_REFUND = "CUSTOMER_REFUND";

  public SageContactPaymentDraft {
    Objects.requireNonNull(transactionTypeId, "transactionTypeId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(bankAccountId, "bankAccountId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(totalAmount, "totalAmount");
    allocations = List.copyOf(allocations);
    Objects.requireNonNull(onAccount, "onAccount");
  }

  /**
   * A {@code CUSTOMER_REFUND} of {@code amount} from {@code bankAccountId}, allocated to the credit
   * note it pays out.
   */
  public static SageContactPaymentDraft refund(
      String contactId,
      String bankAccountId,
      String paymentMethodId,
      LocalDate date,
      BigDecimal amount,
      String currencyId,
      BigDecimal exchangeRate,
      String reference,
      String creditNoteId) {
    return new SageContactPaymentDraft(
        CUSTOMER_REFUND,
        contactId,
        bankAccountId,
        paymentMethodId,
        date,
        amount,
        currencyId,
        exchangeRate,
        reference,
        List.of(new SageAllocation(creditNoteId, amount)),
        BigDecimal.ZERO.setScale(2));
  }
}
