package io.ledgerbridge.core.creditnote;

import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.SageContactDraft;
import java.util.List;
import java.util.Objects;

/** Outcome of translating a canonical credit memo: drafts to post, or a validation failure. */
public sealed interface CreditNoteTranslation
    permits CreditNoteTranslation.Translated, CreditNoteTranslation.Invalid {

  /**
   * The credit note (contact id still null), and the contact it goes to when it has no original
   * invoice in Sage: its key and draft, routed exactly as an invoice of the same customer would be.
   * {@code warnings} start with a stable code and never stop the post.
   */
  record Translated(
      ContactKey contactKey,
      SageContactDraft contact,
      SageCreditNoteDraft creditNote,
      List<String> warnings)
      implements CreditNoteTranslation {

    public Translated {
      Objects.requireNonNull(contactKey, "contactKey");
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(creditNote, "creditNote");
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  /** The memo cannot be posted faithfully; {@code message} says which figures disagree. */
  record Invalid(String message) implements CreditNoteTranslation {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }
}
