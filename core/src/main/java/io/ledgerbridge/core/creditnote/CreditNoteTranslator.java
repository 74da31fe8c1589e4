package io.ledgerbridge.core.creditnote;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.contact.ContactDrafts;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.contact.ContactRoute;
import io.ledgerbridge.core.contact.ContactRouting;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.invoice.DocumentReferences;
import io.ledgerbridge.core.invoice.ExchangeRates;
import io.ledgerbridge.core.invoice.InvoiceTranslator;
import io.ledgerbridge.core.invoice.SageAddresses;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.invoice.SageItems;
import io.ledgerbridge.core.invoice.SageText;
import io.ledgerbridge.core.invoice.SalesLines;
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

/**
 * Translates a canonical credit memo into a Sage sales credit note (PRODUCT §1, §3; SAGE §2.3) with
 * the invoice's rules, so a refund mirrors the sale it reverses. Pure and deterministic.
 *
 * <ul>
 *   <li><b>Lines</b>: {@link SalesLines} as for invoices (HTML entities decoded, per-line
 *       discounts, the tax-rate map; cross-border documents zero-rated with one EU goods/services
 *       type). Rows with quantity 0 (items not refunded) are dropped. A line whose SKU is kept in
 *       Sage as a product, stock item or service ({@link SageItems}) names it, as on the invoice;
 *       adjustment and shipping lines never do.
 *   <li><b>Adjustments</b>: {@code adjustment_positive} is an extra line "Adjustment refund",
 *       {@code adjustment_negative} a line "Adjustment fee" with a negative price, both untaxed
 *       (the store does not tax them) and booked to {@code default_ledger_account_id}.
 *   <li><b>Shipping refund</b>: the shipping panel, taxed like an invoice's. A memo refunding
 *       shipping only (no item or adjustment line) carries it as its one line instead, since Sage
 *       needs at least one credit note line.
 *   <li><b>Header</b>: date = the memo's date (UTC); {@code original_invoice_date} = the invoice's;
 *       reference = the memo number with {@code invoice_number_prefix}, never doubled; notes {@code
 *       Credit for invoice {invoice} — {reason}} (an offline refund: {@code Refund — {reason}});
 *       currency and exchange rate as for invoices (ADR 0009); addresses from the customer.
 *   <li><b>Contact</b>: a credit note goes on the contact of its original Sage invoice (the worker
 *       reads it there). The key and draft here are for a memo without an invoice in Sage: routed
 *       exactly as an invoice of the customer would be (per currency, B2C consolidation), so the
 *       credit lands where the sale did.
 *   <li><b>Totals</b>: lines + shipping must equal the memo's {@code grand_total} to the penny.
 * </ul>
 */
public final class CreditNoteTranslator {

  public static final String ADJUSTMENT_REFUND = "Adjustment refund";
  public static final String ADJUSTMENT_FEE = "Adjustment fee";
  public static final String SHIPPING_REFUND = "Shipping refund";

  private CreditNoteTranslator() {}

  /**
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   * @param repeatCustomerInCurrency a contact xref already exists for the customer in the memo's
   *     currency (B2C routing)
   */
  public static CreditNoteTranslation translate(
      CanonicalCreditMemo memo,
      SyncPolicy policy,
      String businessCountry,
      String baseCurrency,
      boolean repeatCustomerInCurrency) {
    return translate(
        memo, policy, businessCountry, baseCurrency, repeatCustomerInCurrency, SageItems.NONE);
  }

  /**
   * Translates, each refunded line whose SKU is in {@code items} naming its Sage product, stock
   * item or service.
   *
   * @param businessCountry ISO alpha-2 country of the Sage business
   * @param baseCurrency base currency of the Sage business
   * @param repeatCustomerInCurrency a contact xref already exists for the customer in the memo's
   *     currency (B2C routing)
   * @param items the Sage items of the store SKUs, by SKU
   */
  public static CreditNoteTranslation translate(
      CanonicalCreditMemo memo,
      SyncPolicy policy,
      String businessCountry,
      String baseCurrency,
      boolean repeatCustomerInCurrency,
      SageItems items) {
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(businessCountry, "businessCountry");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    Objects.requireNonNull(items, "items");
    List<String> warnings = new ArrayList<>();

    String currency = memo.currency().trim().toUpperCase(Locale.ROOT);
    if (currency.isEmpty()) {
      return new CreditNoteTranslation.Invalid("credit memo has no currency");
    }
    String base = baseCurrency.trim().toUpperCase(Locale.ROOT);
    if (memo.createdAt() == null) {
      return new CreditNoteTranslation.Invalid("credit memo has no created_at");
    }
    LocalDate date = LocalDate.ofInstant(memo.createdAt(), ZoneOffset.UTC);
    LocalDate originalDate =
        memo.invoiceCreatedAt() == null
            ? null
            : LocalDate.ofInstant(memo.invoiceCreatedAt(), ZoneOffset.UTC);

    String reference =
        DocumentReferences.withPrefix(policy.invoiceNumberPrefix(), memo.incrementId());
    java.util.Optional<String> tooLong = DocumentReferences.problem("credit note", reference);
    if (tooLong.isPresent()) {
      return new CreditNoteTranslation.Invalid(tooLong.get());
    }

    ExchangeRates.Result rate =
        ExchangeRates.forDocument("credit memo", currency, base, memo.baseToOrderRate());
    if (rate instanceof ExchangeRates.Problem p) {
      return new CreditNoteTranslation.Invalid(p.message());
    }
    BigDecimal exchangeRate = ((ExchangeRates.Rate) rate).rate();

    ContactKey contactKey;
    SageContactDraft contact;
    ContactRoute route =
        ContactRouting.route(
            memo.customer(), memo.grandTotal(), currency, policy, repeatCustomerInCurrency);
    if (route instanceof ContactRoute.Fallback fallback) {
      contactKey = fallback.key();
      contact = ContactDrafts.fallback(policy.b2c(), base, contactKey);
    } else {
      if (memo.customer().isGuest() && memo.customer().email().isBlank()) {
        return new CreditNoteTranslation.Invalid(
            "guest credit memo has no customer email; cannot key a Sage contact");
      }
      try {
        contactKey = ContactKeying.keyFor(memo.customer(), currency);
      } catch (IllegalArgumentException e) {
        return new CreditNoteTranslation.Invalid(e.getMessage());
      }
      contact =
          ContactDrafts.forContact(
              memo.customer(), policy.customerNamePriority(), base, contactKey);
    }

    List<CanonicalLine> refunded =
        memo.lines().stream().filter(l -> !Amounts.isZero(l.qty())).toList();
    List<CanonicalLine> postable =
        refunded.isEmpty() ? List.of() : SalesLines.postable(refunded, warnings);
    CanonicalAddress billing = memo.customer().billingAddress().orElse(null);
    TaxRoute taxRoute =
        TaxRoute.choose(
            CrossBorder.countryOf(memo.customer().billingAddress()),
            businessCountry,
            postable.stream().map(CanonicalLine::productType).toList(),
            policy);
    taxRoute.warning().ifPresent(warnings::add);
    SalesLines sales =
        SalesLines.translate(postable, taxRoute, policy.defaultLedgerAccountId(), items);
    List<SageInvoiceLine> lines = new ArrayList<>(sales.lines());
    BigDecimal linesNet = sales.net();
    BigDecimal linesTax = sales.tax();

    BigDecimal plus = Amounts.round2(memo.adjustmentPositive());
    BigDecimal minus = Amounts.round2(memo.adjustmentNegative());
    if (plus.signum() < 0 || minus.signum() < 0) {
      return new CreditNoteTranslation.Invalid(
          "credit memo adjustments must not be negative: adjustment_positive "
              + plus.toPlainString()
              + ", adjustment_negative "
              + minus.toPlainString());
    }
    TaxRoute.LineTax untaxed = taxRoute.untaxed();
    if (plus.signum() > 0) {
      lines.add(untaxedLine(ADJUSTMENT_REFUND, plus, untaxed, policy));
      linesNet = linesNet.add(plus);
    }
    if (minus.signum() > 0) {
      lines.add(untaxedLine(ADJUSTMENT_FEE, minus.negate(), untaxed, policy));
      linesNet = linesNet.subtract(minus);
    }

    TaxRoute.ShippingTax shipping =
        taxRoute.shipping(memo.shippingAmount(), memo.shippingTaxAmount());
    if (lines.isEmpty() && shipping.net() != null) {
      // Sage needs a line: the shipping refund becomes it, taxed as the panel would have been
      lines.add(
          new SageInvoiceLine(
              SHIPPING_REFUND,
              policy.defaultLedgerAccountId(),
              BigDecimal.ONE,
              shipping.net(),
              Amounts.zero(),
              shipping.taxRateId(),
              shipping.tax(),
              untaxed.euGoodsServicesType()));
      linesNet = linesNet.add(shipping.net());
      linesTax = linesTax.add(shipping.tax());
      shipping = TaxRoute.ShippingTax.NONE;
    }
    if (lines.isEmpty()) {
      return new CreditNoteTranslation.Invalid(
          "credit memo refunds nothing: no item with a quantity, no shipping, no adjustment");
    }

    BigDecimal sageTotal =
        linesNet.add(linesTax).add(shipping.netOrZero()).add(shipping.taxOrZero());
    BigDecimal grandTotal = Amounts.round2(memo.grandTotal());
    if (sageTotal.compareTo(grandTotal) != 0) {
      return new CreditNoteTranslation.Invalid(
          "totals do not reconcile: Sage credit note total "
              + sageTotal.toPlainString()
              + " (lines net "
              + linesNet.toPlainString()
              + ", tax "
              + linesTax.toPlainString()
              + ", shipping "
              + shipping.netOrZero().toPlainString()
              + ", shipping tax "
              + shipping.taxOrZero().toPlainString()
              + ", adjustments +"
              + plus.toPlainString()
              + " -"
              + minus.toPlainString()
              + ") vs store grand_total "
              + grandTotal.toPlainString()
              + (taxRoute.isCrossBorder() && memoTax(memo).signum() != 0
                  ? "; the memo is cross-border (billing country "
                      + CrossBorder.countryOf(memo.customer().billingAddress()).orElse("?")
                      + ") so every line is zero-rated, but the store refunded tax "
                      + memoTax(memo).toPlainString()
                  : ""));
    }

    CanonicalAddress delivery = memo.customer().shippingAddress().orElse(billing);
    SageCreditNoteDraft draft =
        new SageCreditNoteDraft(
            null,
            date,
            originalDate,
            reference,
            currency,
            exchangeRate,
            SageAddresses.from(billing),
            SageAddresses.from(delivery),
            notes(memo, policy),
            shipping.net(),
            shipping.taxRateId(),
            shipping.tax(),
            lines,
            grandTotal);
    return new CreditNoteTranslation.Translated(contactKey, contact, draft, warnings);
  }

  private static SageInvoiceLine untaxedLine(
      String description, BigDecimal price, TaxRoute.LineTax untaxed, SyncPolicy policy) {
    return new SageInvoiceLine(
        description,
        policy.defaultLedgerAccountId(),
        BigDecimal.ONE,
        price,
        Amounts.zero(),
        untaxed.taxRateId(),
        untaxed.tax(),
        untaxed.euGoodsServicesType());
  }

  private static BigDecimal memoTax(CanonicalCreditMemo memo) {
    return memo.lines().stream()
        .map(l -> Amounts.round2(l.lineTax()))
        .reduce(Amounts.zero(), BigDecimal::add)
        .add(Amounts.round2(memo.shippingTaxAmount()));
  }

  /**
   * {@code Credit for invoice {invoice} — {reason}}, the invoice numbered as its Sage reference
   * (with the prefix); an offline refund says {@code Refund — {reason}}, or nothing without a
   * reason.
   */
  static String notes(CanonicalCreditMemo memo, SyncPolicy policy) {
    String reason = SageText.clean(memo.reason());
    boolean hasReason = reason != null && !reason.isEmpty();
    String text;
    if (memo.invoiceIncrementId() != null && !memo.invoiceIncrementId().isBlank()) {
      text =
          "Credit for invoice "
              + DocumentReferences.withPrefix(
                  policy.invoiceNumberPrefix(), memo.invoiceIncrementId())
              + (hasReason ? " — " + reason : "");
    } else {
      text = hasReason ? "Refund — " + reason : null;
    }
    return text == null ? null : SageText.truncate(text, InvoiceTranslator.MAX_NOTES);
  }
}
