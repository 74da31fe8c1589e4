package io.ledgerbridge.core.policy;

import java.util.Objects;

/** Where the money of a paid invoice goes in Sage: a bank account, or nowhere (leave unpaid). */
public sealed interface PaymentRoute permits PaymentRoute.PostToBank, PaymentRoute.LeaveUnpaid {

  /** Post a contact payment into {@code bankAccountId}. */
  record PostToBank(String bankAccountId) implements PaymentRoute {
    public PostToBank {
      Objects.requireNonNull(bankAccountId, "bankAccountId");
    }
  }

  /**
   * Post no payment; the Sage invoice stays UNPAID.
   *
   * @param reasonCode {@code payment_method_mapped_to_none} or {@code payment_method_not_mapped}
   *     ({@link SkipReason} codes)
   */
  record LeaveUnpaid(String reasonCode) implements PaymentRoute {
    public LeaveUnpaid {
      Objects.requireNonNull(reasonCode, "reasonCode");
    }
  }
}
