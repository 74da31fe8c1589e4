package io.ledgerbridge.core.contact;

import java.util.Objects;

/**
 * How one store customer in one currency is keyed in Sage: the 10-char contact {@code reference}
 * ({@code M5E}, {@code G1a2b3c4d5G}) and the cross-reference key ({@code contact:EUR}) under the
 * store customer key ({@code M5} or {@code G1a2b3c4d5}).
 */
public record ContactKey(String storeCustomerKey, String currency, String reference) {
  public ContactKey {
    Objects.requireNonNull(storeCustomerKey, "storeCustomerKey");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reference, "reference");
    if (reference.length() > 10) {
      throw new IllegalArgumentException("Sage contact reference exceeds 10 chars: " + reference);
    }
  }

  /** The xref kind, e.g. {@code contact:GBP}. */
  public String xrefKind() {
    return "contact:" + currency;
  }
}
