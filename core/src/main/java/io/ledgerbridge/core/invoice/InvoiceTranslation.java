package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.SageContactDraft;
import java.util.List;
import java.util.Objects;

/** Outcome of translating a canonical invoice: drafts to post, or a validation failure. */
public sealed interface InvoiceTranslation
    permits InvoiceTranslation.Translated, InvoiceTranslation.Invalid {

  /**
   * The contact to find or create, its key, and the invoice (contact id still null). {@code
   * warnings} are things the translation decided on the merchant's behalf that are worth showing
   * (each starts with a stable code, e.g. {@code mixed_eu_goods_services_coerced_to_default: ...});
   * they never stop the post.
   */
  record Translated(
      ContactKey contactKey,
      SageContactDraft contact,
      SageInvoiceDraft invoice,
      List<String> warnings)
      implements InvoiceTranslation {

    public Translated {
      Objects.requireNonNull(contactKey, "contactKey");
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(invoice, "invoice");
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A translation without warnings. */
    public Translated(ContactKey contactKey, SageContactDraft contact, SageInvoiceDraft invoice) {
      this(contactKey, contact, invoice, List.of());
    }
  }

  /** The document cannot be posted faithfully; {@code message} says which figures disagree. */
  record Invalid(String message) implements InvoiceTranslation {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }
}
