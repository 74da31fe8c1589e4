package io.ledgerbridge.sandbox.store;

import java.util.Objects;

/**
 * The buyer of an invoice. {@code magentoId == 0} is a guest (WIRE §3.4 synthetic contact);
 * otherwise a registered customer whose profile may carry a default billing and/or shipping address
 * (the phone comes from address telephones, as in Magento). Nullable: firstName, lastName, groupId,
 * defaultBilling, defaultShipping, createdAt, updatedAt (ISO-Z strings).
 *
 * <p>For a registered buyer the profile fields describe the customer account as it was before the
 * document: the store creates that account ({@link StoreCustomer}) from them when it has none with
 * this id, and otherwise renders the buyer from the account it has. Email and names also stand for
 * the order's {@code customer_*} fields, which the synthetic contact of a guest, or of a buyer
 * whose account was deleted, is built from.
 */
public record StoreContact(
    long magentoId,
    String email,
    String firstName,
    String lastName,
    int websiteId,
    Integer groupId,
    StoreAddress defaultBilling,
    StoreAddress defaultShipping,
    String createdAt,
    String updatedAt) {

  public StoreContact {
    if (magentoId < 0) {
      throw new IllegalArgumentException("magentoId must be >= 0");
    }
    Objects.requireNonNull(email, "email");
  }

  public boolean isGuest() {
    return magentoId == 0;
  }

  /** A guest buyer: synthetic contact, website 0, no group, addresses from the order. */
  public static StoreContact guest(String email, String firstName, String lastName) {
    return new StoreContact(0, email, firstName, lastName, 0, null, null, null, null, null);
  }

  /** A registered customer in website 1, group 1, with no profile addresses yet. */
  public static StoreContact registered(
      long customerId, String email, String firstName, String lastName) {
    if (customerId <= 0) {
      throw new IllegalArgumentException("customerId must be > 0");
    }
    return new StoreContact(customerId, email, firstName, lastName, 1, 1, null, null, null, null);
  }

  public StoreContact withDefaultAddresses(StoreAddress billing, StoreAddress shipping) {
    return new StoreContact(
        magentoId, email, firstName, lastName, websiteId, groupId, billing, shipping, createdAt,
        updatedAt);
  }

  public StoreContact withTimestamps(String newCreatedAt, String newUpdatedAt) {
    return new StoreContact(
        magentoId,
        email,
        firstName,
        lastName,
        websiteId,
        groupId,
        defaultBilling,
        defaultShipping,
        newCreatedAt,
        newUpdatedAt);
  }
}
