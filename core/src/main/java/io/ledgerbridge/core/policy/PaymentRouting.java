package io.ledgerbridge.core.policy;

import java.util.Objects;

/**
 * The payment-method decision tree of PRODUCT §2 (used by {@code invoice.paid}), first match wins:
 *
 * <ol>
 *   <li>the method is mapped to a bank account → {@link PaymentRoute.PostToBank} that account;
 *   <li>the method is mapped to none → {@link PaymentRoute.LeaveUnpaid} {@code
 *       payment_method_mapped_to_none};
 *   <li>unmapped and {@code default_bank_account_id} is set → that default bank;
 *   <li>unmapped without a default → {@link PaymentRoute.LeaveUnpaid} {@code
 *       payment_method_not_mapped}.
 * </ol>
 *
 * Method codes are matched exactly as the store sends them ({@code checkmo}, {@code
 * stripe_payments}); a null or blank code counts as unmapped.
 */
public final class PaymentRouting {
  private PaymentRouting() {}

  public static PaymentRoute route(SyncPolicy policy, String paymentMethodCode) {
    Objects.requireNonNull(policy, "policy");
    SyncPolicy.PaymentMapping mapping =
        paymentMethodCode == null ? null : policy.paymentMethodMap().get(paymentMethodCode);
    if (mapping != null) {
      return mapping.leavesUnpaid()
          ? new PaymentRoute.LeaveUnpaid(SkipReason.PAYMENT_METHOD_MAPPED_TO_NONE.code())
          : new PaymentRoute.PostToBank(mapping.bankAccountId());
    }
    String dflt = policy.mappings().defaultBankAccountId();
    if (dflt != null && !dflt.isBlank()) {
      return new PaymentRoute.PostToBank(dflt);
    }
    return new PaymentRoute.LeaveUnpaid(SkipReason.PAYMENT_METHOD_NOT_MAPPED.code());
  }
}
