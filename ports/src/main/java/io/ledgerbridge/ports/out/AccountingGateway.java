package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.reference.ReferenceData;
import java.time.Instant;
import java.util.Optional;

/**
 * Sage Business Cloud Accounting. Failures are {@link
 * io.ledgerbridge.core.failure.GatewayException}s classified into the product's error classes; the
 * gateway never retries a POST on its own.
 */
public interface AccountingGateway {

  /** A customer contact with exactly this reference, if Sage has one. */
  Optional<SageRef> findContactByReference(SageConnection sage, String reference);

  SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId);

  SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createSalesInvoice} would send (for attempts and previews). */
  String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createContact} would send (for previews). */
  String renderContact(SageContactDraft draft, String idempotencyId);

  /**
   * Fetches the reference data the chassis caches (tax rates with percentages, ledger accounts
   * visible in sales and in expenses, bank accounts, currencies, financial settings), following
   * Sage's {@code $items} paging.
   */
  ReferenceData fetchReferenceData(SageConnection sage, Instant now);

  /** Which Sage, which business, which OAuth client. {@code toString} hides the secret. */
  record SageConnection(
      String tenantId,
      String apiUrl,
      String tokenUrl,
      String businessId,
      String clientId,
      String clientSecret) {
    @Override
    public String toString() {
      return "SageConnection[" + tenantId + " business " + businessId + " @ " + apiUrl + "]";
    }
  }

  /** A Sage entity: its 32-hex id and what Sage displays (e.g. {@code SI-3}). */
  record SageRef(String id, String displayedAs) {}
}
