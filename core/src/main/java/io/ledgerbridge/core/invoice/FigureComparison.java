package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Store said / Sage received": the totals, the tax per rate and the lines of one document from
 * both sides, row by row, each row saying whether the two agree to the penny ({@link
 * Amounts#samePenny}, {@code HALF_UP}). Lines are paired by position; a line only one side has is a
 * row with the other side empty. Tax per rate pairs the store's percentage with the Sage tax rate
 * the same line was sent with (the two sides name rates differently); shipping tax is its own row.
 * Pure.
 *
 * @param totals subtotal, discount, shipping, tax, grand total
 * @param taxes tax per rate, then shipping tax
 * @param lines the lines
 */
public record FigureComparison(List<Row> totals, List<Row> taxes, List<LineRow> lines) {

  public FigureComparison {
    totals = List.copyOf(totals);
    taxes = List.copyOf(taxes);
    lines = List.copyOf(lines);
  }

  /** One figure from both sides; a side is null when it has no such figure. */
  public record Row(String label, BigDecimal store, BigDecimal sage) {
    public boolean matches() {
      return store != null && sage != null && Amounts.samePenny(store, sage);
    }
  }

  /** One line from both sides; a side is null when it has no line at this position. */
  public record LineRow(DocumentFigures.Line store, DocumentFigures.Line sage) {
    public boolean quantityMatches() {
      return both() && store.quantity().compareTo(sage.quantity()) == 0;
    }

    public boolean unitPriceMatches() {
      return both() && Amounts.samePenny(store.unitPrice(), sage.unitPrice());
    }

    public boolean taxMatches() {
      return both() && Amounts.samePenny(store.tax(), sage.tax());
    }

    public boolean totalMatches() {
      return both() && Amounts.samePenny(store.total(), sage.total());
    }

    public boolean matches() {
      return quantityMatches() && unitPriceMatches() && taxMatches() && totalMatches();
    }

    private boolean both() {
      return store != null && sage != null;
    }
  }

  /** Whether every row agrees. */
  public boolean matches() {
    return totals.stream().allMatch(Row::matches)
        && taxes.stream().allMatch(Row::matches)
        && lines.stream().allMatch(LineRow::matches);
  }

  public static FigureComparison of(DocumentFigures store, DocumentFigures sage) {
    List<Row> totals =
        List.of(
            new Row("Subtotal", store.subtotal(), sage.subtotal()),
            new Row("Discount", store.discount(), sage.discount()),
            new Row("Shipping", store.shipping(), sage.shipping()),
            new Row("Tax", store.tax(), sage.tax()),
            new Row("Grand total", store.grandTotal(), sage.grandTotal()));
    List<LineRow> lines = new ArrayList<>();
    int n = Math.max(store.lines().size(), sage.lines().size());
    Map<String, BigDecimal[]> byRate = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      DocumentFigures.Line s = i < store.lines().size() ? store.lines().get(i) : null;
      DocumentFigures.Line g = i < sage.lines().size() ? sage.lines().get(i) : null;
      lines.add(new LineRow(s, g));
      String key =
          (s == null ? "–" : blank(s.rate())) + " → " + (g == null ? "–" : blank(g.rate()));
      BigDecimal[] sums = byRate.computeIfAbsent(key, k -> new BigDecimal[2]);
      if (s != null) {
        sums[0] = sums[0] == null ? s.tax() : sums[0].add(s.tax());
      }
      if (g != null) {
        sums[1] = sums[1] == null ? g.tax() : sums[1].add(g.tax());
      }
    }
    List<Row> taxes = new ArrayList<>();
    byRate.forEach((rate, sums) -> taxes.add(new Row(rate, sums[0], sums[1])));
    taxes.add(new Row("Shipping tax", store.shippingTax(), sage.shippingTax()));
    return new FigureComparison(totals, taxes, lines);
  }

  private static String blank(String rate) {
    return rate.isEmpty() ? "(none)" : rate;
  }
}
