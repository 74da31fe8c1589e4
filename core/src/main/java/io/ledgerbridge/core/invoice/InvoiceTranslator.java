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
import io.ledgerbridge.core.tax.EuGoodsServices;
import io.ledgerbridge.core.tax.TaxRateRouting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates a canonical invoice into Sage drafts (PRODUCT §3, SAGE §2.2). Pure and deterministic.
 *
 * <h2>Lines</h2>
 *
 * <ul>
 *   <li>description: the store name with HTML entities decoded ({@link HtmlEntities}), whitespace
 *       collapsed, at most {@value #MAX_DESCRIPTION} chars; the sku when the name is blank;
 *   <li>quantity as the store has it (trailing zeros stripped); unit price at 2 dp {@code HALF_UP};
 *   <li>discount: the store's item discount {@code line_subtotal + line_tax − line_total} at 2 dp
 *       (never negative; float noise rounds away). <b>Rounding absorption</b>: Sage computes the
 *       line gross as {@code quantity × unit_price}; with a store unit price of more than 2 dp
 *       ({@code 8.325 × 3}) that gross can differ from the store's row total by a few pence. When it
 *       is higher, within {@code |qty| × 0.01 + 0.01}, the difference is added to the discount so
 *       the Sage line net equals the store's; when it would be lower the unit price is rounded up
 *       (ceiling) instead, so the difference is again absorbed as discount, never a negative one;
 *   <li>tax: domestic lines keep the store's tax at 2 dp and route the rate through {@link
 *       TaxRateRouting} (key = the store ratio × 100, {@code "0.00"} for untaxed lines, else the
 *       policy default); cross-border lines use {@code zero_tax_rate_id}, tax 0, and the document's
 *       one EU goods/services type ({@link EuGoodsServices});
 *   <li>zero-priced component rows: Magento lists the children of configurable/bundle products as
 *       extra rows with no price. A row whose unit price, subtotal, tax and total are all zero is
 *       dropped, but only when the invoice has at least one other row (an all-zero invoice keeps its
 *       rows, Sage needs at least one line).
 * </ul>
 *
 * <h2>Shipping</h2>
 *
 * Net = store {@code shipping_amount} at 2 dp. Untaxed shipping ({@code shipping_tax_amount == 0})
 * uses {@code zero_tax_rate_id}, because Sage recomputes shipping tax from the rate and would leave
 * a phantom balance; taxed shipping routes its percentage (tax / net × 100) through the tax-rate
 * map. Cross-border shipping is zero-rated like the lines (shipping follows the goods). No shipping
 * and no shipping tax: the three shipping fields are null (omitted).
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
 * 112.75 / 1.1275 = £100.00. The reference product sends {@code 1 / base_to_order_rate}
 * ({@code 0.8869179601}), which we believe is inverted: it would book the sale at £127.13. This
 * assumes the store's base currency is the Sage base currency. A missing or non-positive rate on a
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
 * the likely cause when it is a cross-border invoice the store taxed, or a header discount the lines
 * do not carry). {@code expectedTotal} is that grand total.
 */
public final class InvoiceTranslator {

  /** Longest line description sent (Sage documents no maximum; kept to a safe 255). */
  public static final int MAX_DESCRIPTION = 255;

  /** Sage's {@code maxLength} for {@code notes}. */
  public static final int MAX_NOTES = 2000;

  /** Decimals of the exchange rate sent to Sage. */
  public static final int EXCHANGE_RATE_SCALE = 6;

  /** Warning code when zero-priced component rows were dropped. */
  public static final String DROPPED_COMPONENT_ROWS = "dropped_zero_priced_component_rows";

  /** Warning code when the invoice was routed to the B2C fallback contact. */
  public static final String B2C_CONSOLIDATED = "b2c_consolidated";

  private static final BigDecimal PENNY = new BigDecimal("0.01");

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
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(businessCountry, "businessCountry");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
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
    if (reference.length() > DocumentReferences.MAX_REFERENCE) {
      return new InvoiceTranslation.Invalid(
          "invoice reference '"
              + reference
              + "' is "
              + reference.length()
              + " chars; Sage allows at most "
              + DocumentReferences.MAX_REFERENCE);
    }

    BigDecimal exchangeRate = null;
    if (!currency.equals(base)) {
      BigDecimal rate = invoice.baseToOrderRate();
      if (rate == null || rate.signum() <= 0) {
        return new InvoiceTranslation.Invalid(
            "invoice currency "
                + currency
                + " differs from the Sage base currency "
                + base
                + " but the store sent no positive base_to_order_rate");
      }
      exchangeRate = Amounts.atScale(rate, EXCHANGE_RATE_SCALE);
      if (exchangeRate.signum() == 0) {
        return new InvoiceTranslation.Invalid(
            "base_to_order_rate " + rate.toPlainString() + " rounds to zero at 6 decimals");
      }
    }

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

    List<CanonicalLine> lines = postableLines(invoice.lines(), warnings);
    if (lines.isEmpty()) {
      return new InvoiceTranslation.Invalid(
          "invoice has no lines; Sage needs at least one invoice line");
    }

    boolean crossBorder = CrossBorder.isCrossBorder(invoice, businessCountry);
    String euType = null;
    if (crossBorder) {
      List<String> productTypes = lines.stream().map(CanonicalLine::productType).toList();
      Map<String, String> typeMap = policy.multiCurrency().productTypeEuGoodsMap();
      euType =
          EuGoodsServices.forDocument(productTypes, typeMap, policy.defaultEuGoodsServicesType());
      if (EuGoodsServices.isMixed(productTypes, typeMap, policy.defaultEuGoodsServicesType())) {
        warnings.add(
            EuGoodsServices.MIXED_COERCED_TO_DEFAULT
                + ": lines mix goods and services; every line uses "
                + euType);
      }
    }

    List<SageInvoiceLine> sageLines = new ArrayList<>(lines.size());
    BigDecimal linesNet = Amounts.zero();
    BigDecimal linesTax = Amounts.zero();
    BigDecimal lineDiscounts = Amounts.zero();
    for (CanonicalLine line : lines) {
      LineFigures f = figures(line);
      String taxRateId;
      BigDecimal tax;
      if (crossBorder) {
        taxRateId = policy.zeroTaxRateId();
        tax = Amounts.zero();
      } else {
        tax = Amounts.round2(line.lineTax());
        taxRateId =
            TaxRateRouting.route(
                policy.taxRateMap(),
                policy.defaultTaxRateId(),
                observedPercent(line),
                line.lineTax(),
                List.of(f.subtotal, f.subtotal.subtract(f.itemDiscount)));
      }
      sageLines.add(
          new SageInvoiceLine(
              description(line),
              policy.defaultLedgerAccountId(),
              f.quantity,
              f.unitPrice,
              f.discount,
              taxRateId,
              tax,
              euType));
      linesNet = linesNet.add(f.gross).subtract(f.discount);
      linesTax = linesTax.add(tax);
      lineDiscounts = lineDiscounts.add(f.itemDiscount);
    }

    BigDecimal shippingNet = Amounts.round2(invoice.shippingAmount());
    BigDecimal shippingTax = Amounts.round2(invoice.shippingTaxAmount());
    String shippingTaxRateId;
    if (shippingNet.signum() == 0 && shippingTax.signum() == 0) {
      shippingNet = null;
      shippingTax = null;
      shippingTaxRateId = null;
    } else if (crossBorder || shippingTax.signum() == 0) {
      shippingTaxRateId = policy.zeroTaxRateId();
      shippingTax = Amounts.zero();
    } else {
      shippingTaxRateId =
          TaxRateRouting.route(
              policy.taxRateMap(),
              policy.defaultTaxRateId(),
              shippingNet.signum() == 0
                  ? BigDecimal.ZERO
                  : Amounts.percentOf(shippingTax, shippingNet),
              shippingTax,
              List.of(shippingNet));
    }

    BigDecimal shipNetOrZero = shippingNet == null ? Amounts.zero() : shippingNet;
    BigDecimal shipTaxOrZero = shippingTax == null ? Amounts.zero() : shippingTax;
    BigDecimal sageTotal = linesNet.add(linesTax).add(shipNetOrZero).add(shipTaxOrZero);
    BigDecimal grandTotal = Amounts.round2(invoice.grandTotal());
    if (sageTotal.compareTo(grandTotal) != 0) {
      return new InvoiceTranslation.Invalid(
          totalsMessage(
              invoice,
              businessCountry,
              crossBorder,
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
            shippingNet,
            shippingTaxRateId,
            shippingTax,
            sageLines,
            grandTotal);
    return new InvoiceTranslation.Translated(contactKey, contact, draft, warnings);
  }

  /** The line description Sage receives for {@code line}. */
  public static String description(CanonicalLine line) {
    String name = SageText.field(HtmlEntities.decode(line.name()), MAX_DESCRIPTION);
    if (name != null) {
      return name;
    }
    String sku = SageText.field(HtmlEntities.decode(line.sku()), MAX_DESCRIPTION);
    return sku != null ? sku : "Item";
  }

  private static String notes(String poNumber) {
    String po = SageText.clean(poNumber);
    if (po == null || po.isEmpty()) {
      return null;
    }
    return SageText.truncate("Purchase Order: " + po, MAX_NOTES);
  }

  private static List<CanonicalLine> postableLines(
      List<CanonicalLine> lines, List<String> warnings) {
    List<CanonicalLine> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (CanonicalLine line : lines) {
      if (isZeroPricedRow(line)) {
        dropped.add(line.sku());
      } else {
        kept.add(line);
      }
    }
    if (kept.isEmpty()) {
      return List.copyOf(lines);
    }
    if (!dropped.isEmpty()) {
      warnings.add(
          DROPPED_COMPONENT_ROWS
              + ": "
              + dropped.size()
              + " zero-priced row(s) not sent: "
              + String.join(", ", dropped));
    }
    return kept;
  }

  private static boolean isZeroPricedRow(CanonicalLine line) {
    return Amounts.isZero(line.unitPrice())
        && Amounts.isZero(line.lineSubtotal())
        && Amounts.isZero(line.lineTax())
        && Amounts.isZero(line.lineTotal());
  }

  private static BigDecimal observedPercent(CanonicalLine line) {
    if (line.taxRate() != null) {
      return Amounts.ratioToPercent(line.taxRate());
    }
    if (Amounts.isZero(line.lineTax()) || line.lineSubtotal().signum() == 0) {
      return BigDecimal.ZERO;
    }
    return Amounts.percentOf(line.lineTax(), line.lineSubtotal());
  }

  /** Quantity, unit price, gross, discount of one line as Sage will see them. */
  private record LineFigures(
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal gross,
      BigDecimal discount,
      BigDecimal subtotal,
      BigDecimal itemDiscount) {}

  private static LineFigures figures(CanonicalLine line) {
    BigDecimal qty = Amounts.quantity(line.qty());
    BigDecimal subtotal = Amounts.round2(line.lineSubtotal());
    BigDecimal itemDiscount =
        Amounts.nonNegative(
            Amounts.round2(line.lineSubtotal().add(line.lineTax()).subtract(line.lineTotal())));
    BigDecimal unit = Amounts.round2(line.unitPrice());
    BigDecimal gross = Amounts.round2(qty.multiply(unit));
    if (gross.compareTo(subtotal) < 0) {
      BigDecimal unitUp = line.unitPrice().setScale(Amounts.AMOUNT_SCALE, RoundingMode.CEILING);
      BigDecimal grossUp = Amounts.round2(qty.multiply(unitUp));
      if (grossUp.compareTo(subtotal) >= 0) {
        unit = unitUp;
        gross = grossUp;
      }
    }
    BigDecimal gap = gross.subtract(subtotal);
    BigDecimal tolerance = qty.abs().multiply(PENNY).add(PENNY);
    BigDecimal discount =
        gap.signum() > 0 && gap.compareTo(tolerance) <= 0 ? itemDiscount.add(gap) : itemDiscount;
    return new LineFigures(qty, unit, gross, discount, subtotal, itemDiscount);
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
