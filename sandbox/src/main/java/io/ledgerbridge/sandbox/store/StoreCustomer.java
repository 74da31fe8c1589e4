package io.ledgerbridge.sandbox.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A customer account in the sandbox store: Magento's customer entity with its address book, as
 * {@code GET /rest/V1/byte8/customer/{id}} reads it (WIRE §3.3). Build with {@link #builder()} (or
 * {@link #toBuilder()} to edit a saved one) and save with {@link SandboxStore#saveCustomer}.
 *
 * <p>{@code addresses} is the address book in Magento's order; {@code defaultBilling} and {@code
 * defaultShipping} are indexes into it (null: no such default), and one address may be both. Only
 * default addresses reach the wire (one entry per default flag, in address-book order); a
 * non-default address can still supply the contact's phone (the first non-empty telephone, when
 * there is no default billing address).
 *
 * <p>Core Magento keeps no company on the customer itself, only on addresses ({@link
 * StoreAddress#company()}), and the module takes the contact's {@code company} only from the
 * customer's most recent order when the profile has no default address, so there is no company
 * field here. {@code taxvat} and {@code storeId} are kept as Magento keeps them but the module does
 * not serialise them (the canonical contact has no tax number). Nullable: firstName, lastName,
 * groupId, taxvat, defaultBilling, defaultShipping, createdAt, updatedAt. {@code id} 0 means "not
 * saved yet": {@link SandboxStore#saveCustomer} assigns the next id.
 */
public record StoreCustomer(
    long id,
    String email,
    String firstName,
    String lastName,
    int websiteId,
    int storeId,
    Integer groupId,
    String taxvat,
    List<StoreAddress> addresses,
    Integer defaultBilling,
    Integer defaultShipping,
    Instant createdAt,
    Instant updatedAt) {

  public StoreCustomer {
    if (id < 0) {
      throw new IllegalArgumentException("id must be >= 0");
    }
    Objects.requireNonNull(email, "email");
    addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
    checkIndex(defaultBilling, addresses, "defaultBilling");
    checkIndex(defaultShipping, addresses, "defaultShipping");
  }

  private static void checkIndex(Integer index, List<StoreAddress> addresses, String what) {
    if (index != null && (index < 0 || index >= addresses.size())) {
      throw new IllegalArgumentException(
          what + " must index the address book (0.." + (addresses.size() - 1) + ")");
    }
  }

  /** A new customer: website 1, store 1, group 1 (General), no addresses. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default billing address, or null. */
  public StoreAddress defaultBillingAddress() {
    return defaultBilling == null ? null : addresses.get(defaultBilling);
  }

  /** The default shipping address, or null. */
  public StoreAddress defaultShippingAddress() {
    return defaultShipping == null ? null : addresses.get(defaultShipping);
  }

  /**
   * A builder holding this customer, for an edit. {@code updatedAt} is not carried over, so the
   * save stamps the store clock's time as Magento's {@code updated_at} column does.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.email = email;
    b.firstName = firstName;
    b.lastName = lastName;
    b.websiteId = websiteId;
    b.storeId = storeId;
    b.groupId = groupId;
    b.taxvat = taxvat;
    b.addresses.addAll(addresses);
    b.defaultBilling = defaultBilling;
    b.defaultShipping = defaultShipping;
    b.createdAt = createdAt;
    return b;
  }

  /**
   * The account behind a registered invoice or memo buyer, for a store that had that customer
   * before the document was raised: the contact's profile addresses become the address book (one
   * address when billing and shipping are the same), its ISO-Z timestamps are kept as they are.
   */
  static StoreCustomer fromContact(StoreContact c) {
    if (c.isGuest()) {
      throw new IllegalArgumentException("a guest has no customer account");
    }
    List<StoreAddress> book = new ArrayList<>();
    Integer billing = null;
    Integer shipping = null;
    if (c.defaultBilling() != null) {
      billing = book.size();
      book.add(c.defaultBilling());
    }
    if (c.defaultShipping() != null) {
      if (c.defaultShipping().equals(c.defaultBilling())) {
        shipping = billing;
      } else {
        shipping = book.size();
        book.add(c.defaultShipping());
      }
    }
    return new StoreCustomer(
        c.magentoId(),
        c.email(),
        c.firstName(),
        c.lastName(),
        c.websiteId(),
        1,
        c.groupId(),
        null,
        book,
        billing,
        shipping,
        parseIso(c.createdAt()),
        parseIso(c.updatedAt()));
  }

  private static Instant parseIso(String iso) {
    return iso == null || iso.isEmpty() ? null : Instant.parse(iso);
  }

  /**
   * This customer saved as {@code newId} at {@code now}, keeping {@code created} when it is set.
   */
  StoreCustomer resolve(long newId, Instant created, Instant now) {
    return new StoreCustomer(
        newId,
        email,
        firstName,
        lastName,
        websiteId,
        storeId,
        groupId,
        taxvat,
        addresses,
        defaultBilling,
        defaultShipping,
        createdAt != null ? createdAt : created != null ? created : now,
        updatedAt != null ? updatedAt : now);
  }

  /** Builder; see {@link StoreCustomer} for the fields. */
  public static final class Builder {
    private long id;
    private String email;
    private String firstName;
    private String lastName;
    private int websiteId = 1;
    private int storeId = 1;
    private Integer groupId = 1;
    private String taxvat;
    private final List<StoreAddress> addresses = new ArrayList<>();
    private Integer defaultBilling;
    private Integer defaultShipping;
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    /** The entity id to save as; 0 (the default) lets the store assign the next one. */
    public Builder id(long value) {
      this.id = value;
      return this;
    }

    public Builder email(String value) {
      this.email = value;
      return this;
    }

    public Builder name(String first, String last) {
      this.firstName = first;
      this.lastName = last;
      return this;
    }

    public Builder firstName(String value) {
      this.firstName = value;
      return this;
    }

    public Builder lastName(String value) {
      this.lastName = value;
      return this;
    }

    public Builder websiteId(int value) {
      this.websiteId = value;
      return this;
    }

    /** The store view the account was created in ({@code store_id}; not on the wire). */
    public Builder storeId(int value) {
      this.storeId = value;
      return this;
    }

    /** The customer group; null omits {@code group_id}. */
    public Builder groupId(Integer value) {
      this.groupId = value;
      return this;
    }

    /** The account's tax/VAT number ({@code taxvat}; not on the wire). */
    public Builder taxvat(String value) {
      this.taxvat = value;
      return this;
    }

    /** Appends a non-default address to the address book. */
    public Builder address(StoreAddress value) {
      this.addresses.add(Objects.requireNonNull(value, "address"));
      return this;
    }

    /** Appends an address that is the default billing address. */
    public Builder defaultBilling(StoreAddress value) {
      address(value);
      this.defaultBilling = addresses.size() - 1;
      return this;
    }

    /** Appends an address that is the default shipping address. */
    public Builder defaultShipping(StoreAddress value) {
      address(value);
      this.defaultShipping = addresses.size() - 1;
      return this;
    }

    /** Appends one address that is both the default billing and the default shipping address. */
    public Builder defaultAddress(StoreAddress value) {
      address(value);
      this.defaultBilling = addresses.size() - 1;
      this.defaultShipping = addresses.size() - 1;
      return this;
    }

    /** Marks the address at {@code index} of the book as default billing (null: none). */
    public Builder defaultBillingIndex(Integer index) {
      this.defaultBilling = index;
      return this;
    }

    /** Marks the address at {@code index} of the book as default shipping (null: none). */
    public Builder defaultShippingIndex(Integer index) {
      this.defaultShipping = index;
      return this;
    }

    /** Empties the address book (and so both defaults). */
    public Builder clearAddresses() {
      this.addresses.clear();
      this.defaultBilling = null;
      this.defaultShipping = null;
      return this;
    }

    /** {@code created_at}; default: kept on an edit, the store clock for a new customer. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** {@code updated_at}; default: the store clock's time of the save. */
    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public StoreCustomer build() {
      if (email == null || email.isEmpty()) {
        throw new IllegalStateException("a customer needs an email");
      }
      return new StoreCustomer(
          id,
          email,
          firstName,
          lastName,
          websiteId,
          storeId,
          groupId,
          taxvat,
          addresses,
          defaultBilling,
          defaultShipping,
          createdAt,
          updatedAt);
    }
  }
}
