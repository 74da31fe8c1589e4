package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one sales document, from one side: what the store said (its canonical invoice or
 * credit memo) or what Sage received (the body sent to it). Every amount is at two decimals ({@link
 * Amounts#round2}); the console sets the two sides next to each other ({@link FigureComparison}).
 *
 * @param subtotal the lines before discount and tax (Σ quantity × unit price on the Sage side)
 * @param discount item discounts, positive
 * @param shipping shipping before tax
 * @param tax all tax, shipping tax included
 * @param grandTotal what the document comes to
 * @param shippingTax the tax on shipping (also in {@code tax})
 * @param lines the lines in document order
 */
public record DocumentFigures(
    BigDecimal subtotal,
    BigDecimal discount,
    BigDecimal shipping,
    BigDecimal tax,
    BigDecimal grandTotal,
    BigDecimal shippingTax,
    List<Line> lines) {

  public DocumentFigures {
    subtotal = Amounts.round2(subtotal);
    discount = Amounts.round2(discount);
    shipping = Amounts.round2(shipping);
    tax = Amounts.round2(tax);
    grandTotal = Amounts.round2(grandTotal);
    shippingTax = Amounts.round2(shippingTax);
    lines = List.copyOf(lines);
  }

  /**
   * One line.
   *
   * @param label the store's sku and name, or the description Sage received
   * @param rate the line's tax rate as its side names it: the store's percentage ({@code 20%}) or
   *     Sage's tax rate id
   * @param total net of discount, tax included
   */
  public record Line(
      String label,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal tax,
      BigDecimal total,
      String rate) {
    public Line {
      Objects.requireNonNull(label, "label");
      quantity = Amounts.quantity(quantity);
      unitPrice = Amounts.round2(unitPrice);
      tax = Amounts.round2(tax);
      total = Amounts.round2(total);
      rate = rate == null ? "" : rate;
    }
  }

  /**
   * What the store said of an invoice: its own totals (discount made positive), and the lines Sage
   * is sent (all-zero component rows left out, as {@link SalesLines#postable} does).
   */
  public static DocumentFigures of(CanonicalInvoice invoice) {
    BigDecimal tax = invoice.taxAmount();
    return new DocumentFigures(
        invoice.subtotal(),
        invoice.discountAmount().abs(),
        invoice.shippingAmount(),
        tax,
        invoice.grandTotal(),
        invoice.shippingTaxAmount(),
        lines(invoice.lines()));
  }

  /**
   * What the store said of a credit memo. The memo carries no subtotal, discount or tax of its own:
   * they are the sums of its lines (discount: {@code subtotal + tax − total} per line), shipping
   * tax added to the tax.
   */
  public static DocumentFigures of(CanonicalCreditMemo memo) {
    BigDecimal subtotal = BigDecimal.ZERO;
    BigDecimal discount = BigDecimal.ZERO;
    BigDecimal tax = memo.shippingTaxAmount();
    for (CanonicalLine l : memo.lines()) {
      subtotal = subtotal.add(l.lineSubtotal());
      tax = tax.add(l.lineTax());
      discount = discount.add(l.lineSubtotal().add(l.lineTax()).subtract(l.lineTotal()));
    }
    return new DocumentFigures(
        subtotal,
        discount.max(BigDecimal.ZERO),
        memo.shippingAmount(),
        tax,
        memo.grandTotal(),
        memo.shippingTaxAmount(),
        lines(memo.lines()));
  }

  private static List<Line> lines(List<CanonicalLine> all) {
    List<Line> out = new ArrayList<>();
    for (CanonicalLine l : SalesLines.postable(all, new ArrayList<>())) {
      String label = l.name().isBlank() ? l.sku() : l.sku() + " " + l.name();
      String rate =
          l.taxRate() == null
              ? ""
              : Amounts.atScale(l.taxRate().multiply(BigDecimal.valueOf(100)), 2)
                      .stripTrailingZeros()
                      .toPlainString()
                  + "%";
      out.add(new Line(label, l.qty(), l.unitPrice(), l.lineTax(), l.lineTotal(), rate));
    }
    return out;
  }
}
