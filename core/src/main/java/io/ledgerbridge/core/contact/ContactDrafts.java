package io.ledgerbridge.core.contact;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.invoice.SageAddress;
import io.ledgerbridge.core.invoice.SageAddresses;
import io.ledgerbridge.core.invoice.SageText;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the Sage contact draft for a store customer in one currency (SAGE §2.1, PRODUCT §3).
 *
 * <ul>
 *   <li>name by {@code customer_name_priority}: {@code Company} → company, else "First Last";
 *       {@code Person} → "First Last", else company; either way the email as the last resort. When
 *       the currency is not the Sage base currency the name gets a {@code " (EUR)"} suffix, which
 *       is kept whole: the name part is cut so the result fits Sage's 100 chars;
 *   <li>reference from {@link ContactKey}; currency = the document currency;
 *   <li>contact person "First Last" (≤ 50), telephone (≤ 50), email as given;
 *   <li>addresses: main = billing, delivery = shipping, else billing.
 * </ul>
 */
public final class ContactDrafts {

  /** Sage's {@code maxLength} for {@code contact.name}. */
  public static final int MAX_NAME = 100;

  /** Sage's {@code maxLength} for contact person name and telephone. */
  public static final int MAX_PERSON_FIELD = 50;

  private ContactDrafts() {}

  /**
   * The contact for the buyer of {@code invoice}: addresses from the invoice, falling back to the
   * customer's profile addresses.
   */
  public static SageContactDraft forInvoice(
      CanonicalInvoice invoice, String customerNamePriority, String baseCurrency, ContactKey key) {
    CanonicalContact customer = invoice.customer();
    CanonicalAddress billing =
        Optional.ofNullable(invoice.billingAddress()).or(customer::billingAddress).orElse(null);
    CanonicalAddress shipping =
        Optional.ofNullable(invoice.shippingAddress())
            .or(customer::shippingAddress)
            .orElse(billing);
    String phone = customer.phone() != null ? customer.phone() : telephoneOf(billing);
    return build(customer, customerNamePriority, baseCurrency, key, billing, shipping, phone);
  }

  /**
   * The B2C fallback contact ({@link ContactRouting}): {@code fallback_contact_name} (with the
   * {@code " (EUR)"} suffix outside the base currency), {@code fallback_contact_email}, and no
   * addresses, telephone or contact person: the buyers' addresses ride on each invoice instead.
   */
  public static SageContactDraft fallback(
      io.ledgerbridge.core.policy.SyncPolicy.B2cConsolidation b2c,
      String baseCurrency,
      ContactKey key) {
    Objects.requireNonNull(b2c, "b2c");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    String email = SageText.clean(b2c.fallbackContactEmail());
    return new SageContactDraft(
        displayName(SageText.clean(b2c.fallbackContactName()), key.currency(), baseCurrency.trim()),
        key.reference(),
        key.currency(),
        email == null || email.isEmpty() ? null : email,
        null,
        null,
        null,
        null);
  }

  /** The contact for {@code customer} alone (e.g. {@code customer.upserted}), profile addresses. */
  public static SageContactDraft forContact(
      CanonicalContact customer, String customerNamePriority, String baseCurrency, ContactKey key) {
    CanonicalAddress billing = customer.billingAddress().orElse(null);
    CanonicalAddress shipping = customer.shippingAddress().orElse(billing);
    String phone = customer.phone() != null ? customer.phone() : telephoneOf(billing);
    return build(customer, customerNamePriority, baseCurrency, key, billing, shipping, phone);
  }

  /**
   * The contact name before the currency suffix, by priority ({@code Company} or {@code Person},
   * case-insensitive; anything else is treated as {@code Company}).
   */
  public static String baseName(CanonicalContact customer, String customerNamePriority) {
    String company = SageText.clean(customer.company());
    String person = personName(customer);
    boolean personFirst = "person".equalsIgnoreCase(String.valueOf(customerNamePriority).trim());
    String first = personFirst ? person : company;
    String second = personFirst ? company : person;
    if (first != null && !first.isEmpty()) {
      return first;
    }
    if (second != null && !second.isEmpty()) {
      return second;
    }
    return SageText.clean(customer.email());
  }

  /** "First Last" with blanks dropped, or null when neither is present. */
  public static String personName(CanonicalContact customer) {
    String first = SageText.clean(customer.firstName());
    String last = SageText.clean(customer.lastName());
    String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
    return joined.isEmpty() ? null : joined;
  }

  /**
   * {@code base} with a {@code " (CUR)"} suffix when {@code currency} is not {@code baseCurrency},
   * cut to {@link #MAX_NAME} while keeping the suffix whole.
   */
  public static String displayName(String base, String currency, String baseCurrency) {
    String name = base == null || base.isEmpty() ? "Customer" : base;
    if (currency.equalsIgnoreCase(baseCurrency)) {
      return SageText.truncate(name, MAX_NAME).trim();
    }
    String suffix = " (" + currency + ")";
    return SageText.truncate(name, MAX_NAME - suffix.length()).trim() + suffix;
  }

  private static SageContactDraft build(
      CanonicalContact customer,
      String customerNamePriority,
      String baseCurrency,
      ContactKey key,
      CanonicalAddress billing,
      CanonicalAddress shipping,
      String phone) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    String name =
        displayName(baseName(customer, customerNamePriority), key.currency(), baseCurrency.trim());
    SageAddress main = SageAddresses.from(billing);
    SageAddress delivery = shipping == null ? main : SageAddresses.from(shipping);
    String email = SageText.clean(customer.email());
    return new SageContactDraft(
        name,
        key.reference(),
        key.currency(),
        email == null || email.isEmpty() ? null : email,
        SageText.field(phone, MAX_PERSON_FIELD),
        SageText.field(personName(customer), MAX_PERSON_FIELD),
        main,
        delivery);
  }

  private static String telephoneOf(CanonicalAddress address) {
    return address == null ? null : address.telephone();
  }
}
