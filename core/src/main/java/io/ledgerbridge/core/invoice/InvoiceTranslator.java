package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.policy.SyncPolicy;

/** Translates a canonical invoice into Sage drafts. Pure. */
public final class InvoiceTranslator {
  private InvoiceTranslator() {}

  /**
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   */
  public static InvoiceTranslation translate(
      CanonicalInvoice invoice, SyncPolicy policy, String businessCountry, String baseCurrency) {
    throw new UnsupportedOperationException("being implemented");
  }
}
