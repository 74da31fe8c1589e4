package io.ledgerbridge.core.canonical;

import java.util.List;
import java.util.Objects;

/**
 * A postal address as the store reports it (WIRE §3.3.1). Nullable fields are {@code null} when the
 * store omitted the key.
 *
 * @param kind {@code billing} or {@code shipping}
 * @param street street lines, empty lines already removed by the store
 * @param city may be empty, never null
 * @param region region name, or null
 * @param postcode or null
 * @param countryId ISO-3166 alpha-2
 * @param telephone or null
 */
public record CanonicalAddress(
    String kind,
    List<String> street,
    String city,
    String region,
    String postcode,
    String countryId,
    String telephone) {

  public CanonicalAddress {
    Objects.requireNonNull(kind, "kind");
    street = street == null ? List.of() : List.copyOf(street);
    city = city == null ? "" : city;
    countryId = countryId == null ? "" : countryId;
  }

  public boolean isBilling() {
    return "billing".equals(kind);
  }

  public boolean isShipping() {
    return "shipping".equals(kind);
  }
}
