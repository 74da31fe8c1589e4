package io.ledgerbridge.core.creditnote;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.PolicyDecision;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Whether a credit memo is posted under a policy, from the memo alone (first match wins): its
 * website outside {@code website_filter} → {@code website_filtered}; created before {@code
 * sync_since} → {@code outside_sync_since}; a zero grand total while {@code
 * sync_zero_value_invoices} is false → {@code zero_value_invoice}. A memo of an invoice the policy
 * skipped is skipped for the invoice's reason too; the worker decides that from the invoice.
 */
public final class CreditMemoPolicy {
  private CreditMemoPolicy() {}

  public static PolicyDecision evaluate(SyncPolicy policy, CanonicalCreditMemo memo) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(memo, "memo");
    if (!policy.websiteFilter().isEmpty() && !policy.websiteFilter().contains(memo.websiteId())) {
      return new PolicyDecision.Skip(
          SkipReason.WEBSITE_FILTERED,
          "website "
              + memo.websiteId()
              + " is not in the website filter "
              + new TreeSet<>(policy.websiteFilter()));
    }
    if (policy.syncSince() != null
        && memo.createdAt() != null
        && memo.createdAt().isBefore(policy.syncSince())) {
      return new PolicyDecision.Skip(
          SkipReason.OUTSIDE_SYNC_SINCE,
          "credit memo created at "
              + memo.createdAt()
              + " is before sync_since "
              + policy.syncSince());
    }
    if (!policy.syncZeroValueInvoices() && Amounts.isZero(memo.grandTotal())) {
      return new PolicyDecision.Skip(
          SkipReason.ZERO_VALUE_INVOICE,
          "credit memo grand total is "
              + Amounts.round2(memo.grandTotal()).toPlainString()
              + " and the policy skips zero-value documents (sync_zero_value_invoices = false)");
    }
    return PolicyDecision.proceed();
  }
}
