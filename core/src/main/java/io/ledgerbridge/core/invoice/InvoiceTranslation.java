package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.SageContactDraft;

/** Outcome of translating a canonical invoice: drafts to post, or a validation failure. */
public sealed interface InvoiceTranslation
    permits InvoiceTranslation.Translated, InvoiceTranslation.Invalid {

  /** The contact to find or create, its key, and the invoice (contact id still null). */
  record Translated(ContactKey contactKey, SageContactDraft contact, SageInvoiceDraft invoice)
      implements InvoiceTranslation {}

  /** The document cannot be posted faithfully; {@code message} says which figures disagree. */
  record Invalid(String message) implements InvoiceTranslation {}
}
