package io.ledgerbridge.core.tax;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a sale is cross-border (PRODUCT §3): the customer's billing country differs from the Sage
 * business country. Cross-border documents are zero-rated line by line and carry an EU
 * goods/services type; this is not configurable. The billing country is the invoice's billing
 * address, else the customer's billing address; when neither names a country the sale is treated as
 * domestic (the store's own tax is then kept, which is the safe reading).
 */
public final class CrossBorder {
  private CrossBorder() {}

  /** The customer's billing country (upper case), if the invoice or customer names one. */
  public static Optional<String> billingCountry(CanonicalInvoice invoice) {
    return countryOf(
        Optional.ofNullable(invoice.billingAddress())
            .or(() -> invoice.customer().billingAddress()));
  }

  /** The country (upper case) of {@code billing}, if it names one. */
  public static Optional<String> countryOf(Optional<CanonicalAddress> billing) {
    return billing
        .map(CanonicalAddress::countryId)
        .map(String::trim)
        .filter(c -> !c.isEmpty())
        .map(c -> c.toUpperCase(Locale.ROOT));
  }

  /** True when the billing country is known and differs from {@code businessCountry}. */
  public static boolean isCrossBorder(CanonicalInvoice invoice, String businessCountry) {
    Objects.requireNonNull(businessCountry, "businessCountry");
    return billingCountry(invoice)
        .map(c -> !c.equalsIgnoreCase(businessCountry.trim()))
        .orElse(false);
  }
}
