package io.ledgerbridge.core.invoice;

import java.util.Objects;

/**
 * Sage document references built from store numbers (PRODUCT §2 {@code invoice_number_prefix}): the
 * prefix is added once and never doubled, so a store number that already carries it (because the
 * store itself numbers with that prefix, or the document was translated before) is kept as is.
 */
public final class DocumentReferences {

  /** Sage's {@code maxLength} for {@code reference} on sales invoices and credit notes. */
  public static final int MAX_REFERENCE = 25;

  private DocumentReferences() {}

  /** {@code prefix + number}, unless {@code number} already starts with {@code prefix}. */
  public static String withPrefix(String prefix, String number) {
    Objects.requireNonNull(number, "number");
    String p = prefix == null ? "" : prefix;
    String n = number.trim();
    return p.isEmpty() || n.startsWith(p) ? n : p + n;
  }

  /**
   * Why {@code reference} cannot be a Sage reference (longer than {@link #MAX_REFERENCE}), naming
   * the {@code document} ({@code invoice}, {@code credit note}); empty when it can.
   */
  public static java.util.Optional<String> problem(String document, String reference) {
    if (reference.length() <= MAX_REFERENCE) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        document
            + " reference '"
            + reference
            + "' is "
            + reference.length()
            + " chars; Sage allows at most "
            + MAX_REFERENCE);
  }
}
