package io.ledgerbridge.core.policy;

import io.ledgerbridge.core.canonical.CanonicalInvoice;

/** Decides whether a canonical invoice is posted under a policy. */
public final class InvoicePolicy {
  private InvoicePolicy() {}

  public static PolicyDecision evaluate(SyncPolicy policy, CanonicalInvoice invoice) {
    throw new UnsupportedOperationException("being implemented");
  }
}
