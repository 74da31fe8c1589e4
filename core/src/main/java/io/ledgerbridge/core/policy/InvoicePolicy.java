package io.ledgerbridge.core.policy;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a canonical invoice is posted under a policy: the {@link InvoiceRule}s in their
 * documented order; the first rule that skips decides, otherwise the invoice proceeds.
 *
 * <ol>
 *   <li>{@link InvoiceRule#NOT_CANCELLED} → {@code invoice_cancelled}
 *   <li>{@link InvoiceRule#WEBSITE_IN_FILTER} → {@code website_filtered}
 *   <li>{@link InvoiceRule#STORE_IN_FILTER} → {@code store_filtered}
 *   <li>{@link InvoiceRule#CREATED_SINCE} → {@code outside_sync_since}
 *   <li>{@link InvoiceRule#PAID_WHEN_REQUIRED} → {@code invoice_not_paid}
 *   <li>{@link InvoiceRule#NON_ZERO_WHEN_REQUIRED} → {@code zero_value_invoice}
 * </ol>
 */
public final class InvoicePolicy {

  /** The rules in evaluation order. */
  public static final List<InvoiceRule> RULES = List.of(InvoiceRule.values());

  private InvoicePolicy() {}

  public static PolicyDecision evaluate(SyncPolicy policy, CanonicalInvoice invoice) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(invoice, "invoice");
    for (InvoiceRule rule : RULES) {
      Optional<PolicyDecision.Skip> skip = rule.check(policy, invoice);
      if (skip.isPresent()) {
        return skip.get();
      }
    }
    return PolicyDecision.proceed();
  }
}
