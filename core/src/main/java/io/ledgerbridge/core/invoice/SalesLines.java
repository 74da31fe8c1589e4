package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.tax.TaxRoute;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a sales document (invoice or credit note) as Sage receives them, with the sums the
 * totals invariant needs. Pure and deterministic.
 *
 * <ul>
 *   <li>description: the store name with HTML entities decoded ({@link HtmlEntities}), whitespace
 *       collapsed, at most {@value #MAX_DESCRIPTION} chars; the sku when the name is blank;
 *   <li>quantity as the store has it (trailing zeros stripped); unit price at 2 dp {@code HALF_UP};
 *   <li>discount: the store's item discount {@code line_subtotal + line_tax − line_total} at 2 dp
 *       (never negative; float noise rounds away). <b>Rounding absorption</b>: Sage computes the
 *       line gross as {@code quantity × unit_price}; with a store unit price of more than 2 dp
 *       ({@code 8.325 × 3}) that gross can differ from the store's row total by a few pence. When
 *       it is higher, within {@code |qty| × 0.01 + 0.01}, the difference is added to the discount
 *       so the Sage line net equals the store's; when it would be lower the unit price is rounded
 *       up (ceiling) instead, so the difference is again absorbed as discount, never a negative
 *       one;
 *   <li>tax: decided by the document's {@link TaxRoute}, the line's observed percentage being the
 *       store ratio × 100 ({@code 0} for untaxed lines);
 *   <li>zero-priced component rows: Magento lists the children of configurable/bundle products as
 *       extra rows with no price. A row whose unit price, subtotal, tax and total are all zero is
 *       dropped ({@link #postable}), but only when the document has at least one other row (an
 *       all-zero document keeps its rows, Sage needs at least one line);
 *   <li>item: a line whose SKU is kept in Sage as a product, stock item or service ({@link
 *       SageItems}) names it ({@code product_id}, {@code service_id}); the other lines are free
 *       text. Naming an item changes nothing else on the line.
 * </ul>
 *
 * @param lines the Sage lines
 * @param net Σ(gross − discount) at 2 dp
 * @param tax Σ line tax at 2 dp
 * @param itemDiscounts Σ the store's own item discounts (without rounding absorption)
 */
public record SalesLines(
    List<SageInvoiceLine> lines, BigDecimal net, BigDecimal tax, BigDecimal itemDiscounts) {

  /** Longest line description sent (Sage documents no maximum; kept to a safe 255). */
  public static final int MAX_DESCRIPTION = 255;

  /** Warning code when zero-priced component rows were dropped. */
  public static final String DROPPED_COMPONENT_ROWS = "dropped_zero_priced_component_rows";

  private static final BigDecimal PENNY = new BigDecimal("0.01");

  public SalesLines {
    lines = List.copyOf(lines);
  }

  /**
   * Translates {@code postable} lines (see {@link #postable}), all booked to {@code
   * ledgerAccountId}, all free text.
   */
  public static SalesLines translate(
      List<CanonicalLine> postable, TaxRoute route, String ledgerAccountId) {
    return translate(postable, route, ledgerAccountId, SageItems.NONE);
  }

  /**
   * Translates {@code postable} lines (see {@link #postable}), all booked to {@code
   * ledgerAccountId}; a line whose SKU is in {@code items} names that Sage item.
   */
  public static SalesLines translate(
      List<CanonicalLine> postable, TaxRoute route, String ledgerAccountId, SageItems items) {
    List<SageInvoiceLine> sageLines = new ArrayList<>(postable.size());
    BigDecimal net = Amounts.zero();
    BigDecimal tax = Amounts.zero();
    BigDecimal itemDiscounts = Amounts.zero();
    for (CanonicalLine line : postable) {
      LineFigures f = figures(line);
      TaxRoute.LineTax lineTax =
          route.line(
              line.lineTax(),
              observedPercent(line),
              List.of(f.subtotal, f.subtotal.subtract(f.itemDiscount)));
      SageInvoiceLine sageLine =
          new SageInvoiceLine(
              description(line),
              ledgerAccountId,
              f.quantity,
              f.unitPrice,
              f.discount,
              lineTax.taxRateId(),
              lineTax.tax(),
              lineTax.euGoodsServicesType());
      sageLines.add(items.forSku(line.sku()).map(sageLine::withItem).orElse(sageLine));
      net = net.add(f.gross).subtract(f.discount);
      tax = tax.add(lineTax.tax());
      itemDiscounts = itemDiscounts.add(f.itemDiscount);
    }
    return new SalesLines(sageLines, net, tax, itemDiscounts);
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

  public static List<CanonicalLine> postable(List<CanonicalLine> lines, List<String> warnings) {
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
}
