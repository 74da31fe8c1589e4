package io.ledgerbridge.core.policy;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.money.Amounts;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named rules that may skip an invoice, in the order {@link InvoicePolicy} evaluates them
 * (declaration order). Each rule looks at one knob of the policy and either skips with a stable
 * {@link SkipReason} and a human explanation, or passes. The order makes the reported reason the
 * most fundamental one: a cancelled invoice is reported as cancelled even when it is also outside
 * the website filter.
 */
public enum InvoiceRule {

  /** A cancelled invoice is never posted. */
  NOT_CANCELLED {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (invoice.state() == InvoiceState.CANCELLED) {
        return skip(
            SkipReason.INVOICE_CANCELLED,
            "invoice " + invoice.incrementId() + " is cancelled in the store");
      }
      return Optional.empty();
    }
  },

  /** {@code website_filter}: when non-empty, only invoices of those websites are posted. */
  WEBSITE_IN_FILTER {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (!policy.websiteFilter().isEmpty()
          && !policy.websiteFilter().contains(invoice.websiteId())) {
        return skip(
            SkipReason.WEBSITE_FILTERED,
            "website "
                + invoice.websiteId()
                + " is not in the website filter "
                + sorted(policy.websiteFilter()));
      }
      return Optional.empty();
    }
  },

  /** {@code store_filter}: when non-empty, only invoices of those store views are posted. */
  STORE_IN_FILTER {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (!policy.storeFilter().isEmpty() && !policy.storeFilter().contains(invoice.storeId())) {
        return skip(
            SkipReason.STORE_FILTERED,
            "store "
                + invoice.storeId()
                + " is not in the store filter "
                + sorted(policy.storeFilter()));
      }
      return Optional.empty();
    }
  },

  /**
   * {@code sync_since}: invoices created strictly before it are skipped. An invoice without a
   * creation time passes (translation rejects it later with a clear message).
   */
  CREATED_SINCE {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (policy.syncSince() != null
          && invoice.createdAt() != null
          && invoice.createdAt().isBefore(policy.syncSince())) {
        return skip(
            SkipReason.OUTSIDE_SYNC_SINCE,
            "invoice created at "
                + invoice.createdAt()
                + " is before sync_since "
                + policy.syncSince());
      }
      return Optional.empty();
    }
  },

  /** {@code sync_unpaid_invoices = false}: only invoices already paid are posted. */
  PAID_WHEN_REQUIRED {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (!policy.syncUnpaidInvoices() && invoice.state() != InvoiceState.PAID) {
        return skip(
            SkipReason.INVOICE_NOT_PAID,
            "invoice is "
                + invoice.state().wire()
                + " and the policy posts only paid invoices (sync_unpaid_invoices = false)");
      }
      return Optional.empty();
    }
  },

  /**
   * {@code sync_zero_value_invoices = false}: invoices whose grand total is zero at two decimals
   * are skipped.
   */
  NON_ZERO_WHEN_REQUIRED {
    @Override
    public Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice) {
      if (!policy.syncZeroValueInvoices() && Amounts.isZero(invoice.grandTotal())) {
        return skip(
            SkipReason.ZERO_VALUE_INVOICE,
            "grand total is "
                + Amounts.round2(invoice.grandTotal()).toPlainString()
                + " and the policy skips zero-value invoices (sync_zero_value_invoices = false)");
      }
      return Optional.empty();
    }
  };

  /** Empty when the rule lets the invoice through; otherwise the skip it decides. */
  public abstract Optional<PolicyDecision.Skip> check(SyncPolicy policy, CanonicalInvoice invoice);

  private static Optional<PolicyDecision.Skip> skip(SkipReason reason, String explanation) {
    return Optional.of(new PolicyDecision.Skip(reason, explanation));
  }

  private static String sorted(Set<Integer> ids) {
    return new TreeSet<>(ids).toString();
  }
}
