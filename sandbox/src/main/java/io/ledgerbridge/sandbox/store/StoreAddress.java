package io.ledgerbridge.sandbox.store;

import java.util.List;
import java.util.Objects;

/**
 * A store address (WIRE §3.3.1). {@code company} is never serialised on the address; it feeds the
 * contact's {@code company} fallback (WIRE §3.4). Nullable: region, postcode, telephone, company.
 */
public record StoreAddress(
    List<String> street,
    String city,
    String region,
    String postcode,
    String countryId,
    String telephone,
    String company) {

  public StoreAddress {
    street = List.copyOf(Objects.requireNonNull(street, "street"));
    city = city == null ? "" : city;
    Objects.requireNonNull(countryId, "countryId");
  }

  /** A UK-looking address for demos and tests. */
  public static StoreAddress of(String street, String city, String postcode, String countryId) {
    return new StoreAddress(List.of(street), city, null, postcode, countryId, null, null);
  }

  public StoreAddress withTelephone(String phone) {
    return new StoreAddress(street, city, region, postcode, countryId, phone, company);
  }

  public StoreAddress withCompany(String newCompany) {
    return new StoreAddress(street, city, region, postcode, countryId, telephone, newCompany);
  }

  public StoreAddress withRegion(String newRegion) {
    return new StoreAddress(street, city, newRegion, postcode, countryId, telephone, company);
  }
}
