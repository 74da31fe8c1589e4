package io.ledgerbridge.core.contact;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.invoice.SageText;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * B2C consolidation routing (PRODUCT §2), first match wins:
 *
 * <ol>
 *   <li>consolidation disabled → individual ({@value #CONSOLIDATION_DISABLED});
 *   <li>B2B (the customer has a company) and {@code always_individual_for_b2b} → individual
 *       ({@value #B2B_ALWAYS_INDIVIDUAL});
 *   <li>repeat customer (a contact xref already exists for this customer in this currency) →
 *       individual ({@value #REPEAT_CUSTOMER});
 *   <li>grand total (2 dp) ≥ {@code min_total_for_individual} → individual ({@value
 *       #AT_OR_ABOVE_MIN_TOTAL}). With the default minimum of 0 every invoice lands here, so
 *       consolidation only takes effect once the merchant sets a positive minimum;
 *   <li>otherwise the fallback contact of the invoice currency ({@value #BELOW_MIN_TOTAL}).
 * </ol>
 *
 * The fallback contact is one per currency: store key {@value #FALLBACK_STORE_KEY}, reference
 * {@code fallback_contact_reference} + the currency suffix ({@code WEBSALESG}, {@code WEBSALESE},
 * {@code WEBSALESCH}; ADR 0019). Credit notes route by the same rule so they land on the same
 * contact.
 */
public final class ContactRouting {

  public static final String CONSOLIDATION_DISABLED = "consolidation_disabled";
  public static final String B2B_ALWAYS_INDIVIDUAL = "b2b_always_individual";
  public static final String REPEAT_CUSTOMER = "repeat_customer";
  public static final String AT_OR_ABOVE_MIN_TOTAL = "at_or_above_min_total";
  public static final String BELOW_MIN_TOTAL = "below_min_total";

  /** The store customer key of every fallback contact (its xref kind carries the currency). */
  public static final String FALLBACK_STORE_KEY = "B2C";

  private ContactRouting() {}

  /**
   * @param repeatCustomerInCurrency true when a contact xref already exists for this invoice's
   *     customer in the invoice currency
   */
  public static ContactRoute route(
      CanonicalInvoice invoice, SyncPolicy policy, boolean repeatCustomerInCurrency) {
    Objects.requireNonNull(invoice, "invoice");
    return route(
        invoice.customer(),
        invoice.grandTotal(),
        invoice.currency(),
        policy,
        repeatCustomerInCurrency);
  }

  /**
   * The route of any sales document of {@code customer} for {@code grandTotal} in {@code currency}
   * (a credit note routes exactly as its invoice would, so it lands on the same contact).
   */
  public static ContactRoute route(
      CanonicalContact customer,
      BigDecimal grandTotal,
      String currency,
      SyncPolicy policy,
      boolean repeatCustomerInCurrency) {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(policy, "policy");
    SyncPolicy.B2cConsolidation b2c = policy.b2c();
    if (!b2c.enabled()) {
      return new ContactRoute.Individual(CONSOLIDATION_DISABLED);
    }
    String company = SageText.clean(customer.company());
    if (b2c.alwaysIndividualForB2b() && company != null && !company.isEmpty()) {
      return new ContactRoute.Individual(B2B_ALWAYS_INDIVIDUAL);
    }
    if (repeatCustomerInCurrency) {
      return new ContactRoute.Individual(REPEAT_CUSTOMER);
    }
    if (Amounts.round2(grandTotal).compareTo(b2c.minTotalForIndividual()) >= 0) {
      return new ContactRoute.Individual(AT_OR_ABOVE_MIN_TOTAL);
    }
    return new ContactRoute.Fallback(fallbackKey(b2c, currency), BELOW_MIN_TOTAL);
  }

  /**
   * The fallback contact's key in {@code currency}: reference = configured reference + the
   * currency's suffix ({@link CurrencySuffix}); with a two-letter suffix the configured reference
   * is cut to 8 chars so the whole stays within Sage's 10.
   */
  public static ContactKey fallbackKey(SyncPolicy.B2cConsolidation b2c, String currency) {
    String cur = ContactKeying.normaliseCurrency(currency);
    String suffix = CurrencySuffix.of(cur);
    String base = b2c.fallbackContactReference().trim();
    int room = ContactKeying.MAX_REFERENCE - suffix.length();
    return new ContactKey(
        FALLBACK_STORE_KEY, cur, (base.length() > room ? base.substring(0, room) : base) + suffix);
  }
}
