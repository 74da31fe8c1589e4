package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import java.util.List;

/**
 * Maps a store address onto Sage's address shape (used by invoices and contacts): {@code street[0]}
 * is {@code address_line_1}, the remaining street lines joined with {@code ", "} are {@code
 * address_line_2}. Lengths follow SAGE §2.1: lines, city and region at most 50 chars, postal code
 * at most 10; longer values are truncated.
 */
public final class SageAddresses {

  public static final int MAX_LINE = 50;
  public static final int MAX_CITY = 50;
  public static final int MAX_REGION = 50;
  public static final int MAX_POSTAL_CODE = 10;

  private SageAddresses() {}

  /** The Sage address for {@code address}; null stays null. */
  public static SageAddress from(CanonicalAddress address) {
    if (address == null) {
      return null;
    }
    List<String> street =
        address.street().stream()
            .map(SageText::clean)
            .filter(s -> s != null && !s.isEmpty())
            .toList();
    String line1 = street.isEmpty() ? null : street.get(0);
    String line2 = street.size() > 1 ? String.join(", ", street.subList(1, street.size())) : null;
    String country = SageText.clean(address.countryId());
    return new SageAddress(
        SageText.field(line1, MAX_LINE),
        SageText.field(line2, MAX_LINE),
        SageText.field(address.city(), MAX_CITY),
        SageText.field(address.postcode(), MAX_POSTAL_CODE),
        SageText.field(address.region(), MAX_REGION),
        country == null || country.isEmpty() ? null : country.toUpperCase(java.util.Locale.ROOT));
  }
}
