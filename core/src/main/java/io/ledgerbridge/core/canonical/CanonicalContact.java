package io.ledgerbridge.core.canonical;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer as the store reports it (WIRE §3.3, §3.4). {@code magentoId == 0} is a synthetic guest
 * contact. Nullable fields are {@code null} when the store omitted the key.
 */
public record CanonicalContact(
    long magentoId,
    String email,
    String firstName,
    String lastName,
    String company,
    String phone,
    int websiteId,
    Integer groupId,
    List<CanonicalAddress> addresses,
    String createdAt,
    String updatedAt) {

  public CanonicalContact {
    Objects.requireNonNull(email, "email");
    if (magentoId < 0) {
      throw new IllegalArgumentException("magento_id must not be negative: " + magentoId);
    }
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }

  /** A guest checkout or a deleted customer: the store sends {@code magento_id} 0. */
  public boolean isGuest() {
    return magentoId == 0;
  }

  public Optional<CanonicalAddress> billingAddress() {
    return addresses.stream().filter(CanonicalAddress::isBilling).findFirst();
  }

  public Optional<CanonicalAddress> shippingAddress() {
    return addresses.stream().filter(CanonicalAddress::isShipping).findFirst();
  }
}
