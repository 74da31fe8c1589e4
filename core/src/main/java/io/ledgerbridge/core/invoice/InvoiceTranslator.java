package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.contact.ContactDrafts;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.contact.ContactRoute;
import io.ledgerbridge.core.contact.ContactRouting;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.tax.CrossBorder;
import io.ledgerbridge.core.tax.TaxRoute;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates a canonical invoice into Sage drafts (PRODUCT §3, SAGE §2.2). Pure and deterministic.
 *
 * <h2>Lines</h2>
 *
 * {@link SalesLines}: zero-priced component rows dropped, HTML entities decoded, rounding absorbed
 * as discount, and each line taxed by the document's {@link TaxRoute} (domestic: the store's tax,
 * the rate through the tax-rate map; cross-border: zero-rated with one EU goods/services type). A
 * line whose SKU is kept in Sage as a product, stock item or service ({@link SageItems}) names it
 * by {@code product_id} / {@code service_id}; the others stay free text. Shipping never names one.
 *
 * <h2>Shipping</h2>
 *
 * Net = store {@code shipping_amount} at 2 dp, taxed by the {@link TaxRoute}: untaxed shipping uses
 * {@code zero_tax_rate_id}, taxed shipping routes its percentage (tax / net × 100) through the
 * tax-rate map, cross-border shipping is zero-rated like the lines. No shipping and no shipping
 * tax: the three shipping fields are null (omitted).
 *
 * <h2>Header</h2>
 *
 * <ul>
 *   <li>date: {@code created_at} as a UTC date (required);
 *   <li>reference: {@link DocumentReferences#withPrefix} (prefix never doubled), at most 25 chars;
 *   <li>notes: {@code Purchase Order: {po}} when the store has a PO number;
 *   <li>main address = billing (invoice, else the customer's); delivery address = shipping, else
 *       billing, always sent (Sage silently copies billing otherwise).
 * </ul>
 *
 * <h2>Exchange rate</h2>
 *
 * When the invoice currency is the Sage base currency, {@code exchange_rate} is null. Otherwise it
 * is the store's {@code base_to_order_rate} at 6 dp. Sage quotes rates as <em>foreign units per one
 * base unit</em> ({@code GET /live_exchange_rates}: "GBP -> EUR", {@code rate 1.127522832}, SAGE
 * §2.7), and Magento's {@code base_to_order_rate} is order-currency units per one base unit, the
 * same direction. Worked example: a GBP business, a EUR order of €112.75 with {@code
 * base_to_order_rate 1.1275} is sent as {@code exchange_rate "1.127500"}, and Sage's base mirror is
 * 112.75 / 1.1275 = £100.00. The reference product sends {@code 1 / base_to_order_rate} ({@code
 * 0.8869179601}), which we believe is inverted: it would book the sale at £127.13. This assumes the
 * store's base currency is the Sage base currency. A missing or non-positive rate on a
 * foreign-currency invoice is invalid.
 *
 * <h2>Contact</h2>
 *
 * Routed by {@link ContactRouting} (B2C consolidation): the buyer's per-currency contact, or the
 * fallback contact of the invoice currency with a {@value #B2C_CONSOLIDATED} warning. Rounding is
 * ADR 0008, the exchange-rate direction ADR 0009.
 *
 * <h2>Totals invariant</h2>
 *
 * Σ(line gross − discount + tax) + shipping net + shipping tax must equal the store's {@code
 * grand_total} at 2 dp, or the result is {@link InvoiceTranslation.Invalid} naming the figures (and
 * the likely cause when it is a cross-border invoice the store taxed, or a header discount the
 * lines do not carry). {@code expectedTotal} is that grand total.
 */
public final class InvoiceTranslator {

  /** Sage's {@code maxLength} for {@code notes}. */
  public static final int MAX_NOTES = 2000;

  /** Decimals of the exchange rate sent to Sage. */
  public static final int EXCHANGE_RATE_SCALE = ExchangeRates.SCALE;

  /** Warning code when the invoice was routed to the B2C fallback contact. */
  public static final String B2C_CONSOLIDATED = "b2c_consolidated";

  private InvoiceTranslator() {}

  /**
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   */
  public static InvoiceTranslation translate(
      CanonicalInvoice invoice, SyncPolicy policy, String businessCountry, String baseCurrency) {
    return translate(invoice, policy, businessCountry, baseCurrency, false);
  }

  /**
   * Translates with B2C consolidation ({@link ContactRouting}): when the invoice routes to the
   * fallback contact, the contact key and draft are the fallback's of the invoice currency, a
   * {@value #B2C_CONSOLIDATED} warning is added, and the buyer's addresses still ride on the
   * invoice.
   *
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   * @param repeatCustomerInCurrency true when a contact xref already exists for this customer in
   *     the invoice currency (routing step 3)
   */
  public static InvoiceTranslation translate(
      CanonicalInvoice invoice,
      SyncPolicy policy,
      String businessCountry,
      String baseCurrency,
      boolean repeatCustomerInCurrency) {
    return translate(
        invoice, policy, businessCountry, baseCurrency, repeatCustomerInCurrency, SageItems.NONE);
  }

  /**
   * Translates with B2C consolidation, each line whose SKU is in {@code items} naming its Sage
   * product, stock item or service.
   *
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   * @param repeatCustomerInCurrency true when a contact xref already exists for this customer in
   *     the invoice currency (routing step 3)
   * @param items the Sage items of the store SKUs, by SKU
   */
  public static InvoiceTranslation translate(
      CanonicalInvoice invoice,
      SyncPolicy policy,
      String businessCountry,
      String baseCurrency,
      boolean repeatCustomerInCurrency,
      SageItems items) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(businessCountry, "businessCountry");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    Objects.requireNonNull(items, "items");
    List<String> warnings = new ArrayList<>();

    String currency = invoice.currency().trim().toUpperCase(Locale.ROOT);
    if (currency.isEmpty()) {
      return new InvoiceTranslation.Invalid("invoice has no currency");
    }
    String base = baseCurrency.trim().toUpperCase(Locale.ROOT);
    if (invoice.createdAt() == null) {
      return new InvoiceTranslation.Invalid("invoice has no created_at");
    }
    LocalDate date = LocalDate.ofInstant(invoice.createdAt(), ZoneOffset.UTC);

    String reference =
        DocumentReferences.withPrefix(policy.invoiceNumberPrefix(), invoice.incrementId());
    Optional<String> tooLong = DocumentReferences.problem("invoice", reference);
    if (tooLong.isPresent()) {
      return new InvoiceTranslation.Invalid(tooLong.get());
    }

    ExchangeRates.Result rate =
        ExchangeRates.forDocument("invoice", currency, base, invoice.baseToOrderRate());
    if (rate instanceof ExchangeRates.Problem p) {
      return new InvoiceTranslation.Invalid(p.message());
    }
    BigDecimal exchangeRate = ((ExchangeRates.Rate) rate).rate();

    ContactKey contactKey;
    SageContactDraft contact;
    ContactRoute route = ContactRouting.route(invoice, policy, repeatCustomerInCurrency);
    if (route instanceof ContactRoute.Fallback fallback) {
      contactKey = fallback.key();
      contact = ContactDrafts.fallback(policy.b2c(), base, contactKey);
      warnings.add(
          B2C_CONSOLIDATED
              + ": posted to fallback contact "
              + contactKey.reference()
              + " because the grand total "
              + Amounts.round2(invoice.grandTotal()).toPlainString()
              + " is below min_total_for_individual "
              + policy.b2c().minTotalForIndividual().toPlainString()
              + " and the customer has no "
              + currency
              + " contact yet");
    } else {
      if (invoice.customer().isGuest() && invoice.customer().email().isBlank()) {
        return new InvoiceTranslation.Invalid(
            "guest invoice has no customer email; cannot key a Sage contact");
      }
      try {
        contactKey = ContactKeying.keyFor(invoice.customer(), currency);
      } catch (IllegalArgumentException e) {
        return new InvoiceTranslation.Invalid(e.getMessage());
      }
      contact = ContactDrafts.forInvoice(invoice, policy.customerNamePriority(), base, contactKey);
    }

    List<CanonicalLine> lines = SalesLines.postable(invoice.lines(), warnings);
    if (lines.isEmpty()) {
      return new InvoiceTranslation.Invalid(
          "invoice has no lines; Sage needs at least one invoice line");
    }

    TaxRoute taxRoute =
        TaxRoute.choose(
            CrossBorder.billingCountry(invoice),
            businessCountry,
            lines.stream().map(CanonicalLine::productType).toList(),
            policy);
    taxRoute.warning().ifPresent(warnings::add);
    SalesLines sales =
        SalesLines.translate(lines, taxRoute, policy.defaultLedgerAccountId(), items);
    BigDecimal linesNet = sales.net();
    BigDecimal linesTax = sales.tax();
    BigDecimal lineDiscounts = sales.itemDiscounts();

    TaxRoute.ShippingTax shippingTax =
        taxRoute.shipping(invoice.shippingAmount(), invoice.shippingTaxAmount());
    BigDecimal shipNetOrZero = shippingTax.netOrZero();
    BigDecimal shipTaxOrZero = shippingTax.taxOrZero();
    BigDecimal sageTotal = linesNet.add(linesTax).add(shipNetOrZero).add(shipTaxOrZero);
    BigDecimal grandTotal = Amounts.round2(invoice.grandTotal());
    if (sageTotal.compareTo(grandTotal) != 0) {
      return new InvoiceTranslation.Invalid(
          totalsMessage(
              invoice,
              businessCountry,
              taxRoute.isCrossBorder(),
              sageTotal,
              linesNet,
              linesTax,
              shipNetOrZero,
              shipTaxOrZero,
              grandTotal,
              lineDiscounts));
    }

    CanonicalAddress billing =
        Optional.ofNullable(invoice.billingAddress())
            .or(() -> invoice.customer().billingAddress())
            .orElse(null);
    CanonicalAddress shipping = Optional.ofNullable(invoice.shippingAddress()).orElse(billing);

    SageInvoiceDraft draft =
        new SageInvoiceDraft(
            null,
            date,
            reference,
            currency,
            exchangeRate,
            SageAddresses.from(billing),
            SageAddresses.from(shipping),
            notes(invoice.poNumber()),
            shippingTax.net(),
            shippingTax.taxRateId(),
            shippingTax.tax(),
            sales.lines(),
            grandTotal);
    return new InvoiceTranslation.Translated(contactKey, contact, draft, warnings);
  }

  private static String notes(String poNumber) {
    String po = SageText.clean(poNumber);
    if (po == null || po.isEmpty()) {
      return null;
    }
    return SageText.truncate("Purchase Order: " + po, MAX_NOTES);
  }

  private static String totalsMessage(
      CanonicalInvoice invoice,
      String businessCountry,
      boolean crossBorder,
      BigDecimal sageTotal,
      BigDecimal linesNet,
      BigDecimal linesTax,
      BigDecimal shippingNet,
      BigDecimal shippingTax,
      BigDecimal grandTotal,
      BigDecimal lineDiscounts) {
    StringBuilder m =
        new StringBuilder("totals do not reconcile: Sage total ")
            .append(sageTotal.toPlainString())
            .append(" (lines net ")
            .append(linesNet.toPlainString())
            .append(", tax ")
            .append(linesTax.toPlainString())
            .append(", shipping ")
            .append(shippingNet.toPlainString())
            .append(", shipping tax ")
            .append(shippingTax.toPlainString())
            .append(") vs store grand_total ")
            .append(grandTotal.toPlainString());
    BigDecimal storeTax =
        Amounts.round2(invoice.taxAmount())
            .max(
                invoice.lines().stream()
                    .map(l -> Amounts.round2(l.lineTax()))
                    .reduce(Amounts.zero(), BigDecimal::add)
                    .add(Amounts.round2(invoice.shippingTaxAmount())));
    if (crossBorder && storeTax.signum() != 0) {
      m.append("; the invoice is cross-border (billing country ")
          .append(CrossBorder.billingCountry(invoice).orElse("?"))
          .append(", Sage business ")
          .append(businessCountry.trim().toUpperCase(Locale.ROOT))
          .append(") so every line is zero-rated, but the store charged tax ")
          .append(storeTax.toPlainString());
    }
    BigDecimal headerDiscount = Amounts.round2(invoice.discountAmount()).abs();
    if (headerDiscount.compareTo(lineDiscounts) != 0) {
      m.append("; the store's header discount ")
          .append(headerDiscount.negate().toPlainString())
          .append(" is not carried by its lines (line discounts ")
          .append(lineDiscounts.toPlainString())
          .append(")");
    }
    return m.toString();
  }
}
