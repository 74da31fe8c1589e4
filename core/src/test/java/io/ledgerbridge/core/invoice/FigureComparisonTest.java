package io.ledgerbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureComparisonTest {

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static DocumentFigures.Line line(
      String label, String qty, String unit, String tax, String total, String rate) {
    return new DocumentFigures.Line(label, d(qty), d(unit), d(tax), d(total), rate);
  }

  private static DocumentFigures store() {
    // store amounts unrounded, with binary-float noise, as the canonical document carries them
    return new DocumentFigures(
        d("24.9750000001"),
        d("0"),
        d("5"),
        d("5.995"),
        d("35.97"),
        d("1"),
        List.of(line("SKU-1 Mug", "3.0000", "8.325", "4.995", "29.97", "20%")));
  }

  private static DocumentFigures sage() {
    return new DocumentFigures(
        d("24.98"),
        d("0.01"),
        d("5.00"),
        d("6.00"),
        d("35.97"),
        d("1.00"),
        List.of(line("Mug", "3", "8.33", "5.00", "29.97", "GB_STANDARD")));
  }

  @Test
  void amountsAreKeptAtTwoDecimalsRoundedHalfUp() {
    DocumentFigures s = store();

    assertThat(s.subtotal()).isEqualTo(d("24.98"));
    assertThat(s.tax()).isEqualTo(d("6.00"));
    assertThat(s.shipping()).isEqualTo(d("5.00"));
    assertThat(s.lines().get(0).unitPrice()).isEqualTo(d("8.33"));
    assertThat(s.lines().get(0).quantity()).isEqualTo(d("3"));
  }

  @Test
  void figuresThatAgreeToThePennyAfterRoundingMatch() {
    FigureComparison c = FigureComparison.of(store(), sage());

    assertThat(c.totals())
        .extracting(FigureComparison.Row::label)
        .containsExactly("Subtotal", "Discount", "Shipping", "Tax", "Grand total");
    assertThat(c.totals().get(0).matches()).isTrue();
    assertThat(c.totals().get(3).matches()).isTrue();
    assertThat(c.totals().get(4).matches()).isTrue();
    assertThat(c.lines().get(0).matches()).isTrue();
    assertThat(c.taxes().get(0).label()).isEqualTo("20% → GB_STANDARD");
    assertThat(c.taxes().get(0).matches()).isTrue();
    assertThat(c.taxes().get(1).label()).isEqualTo("Shipping tax");
  }

  @Test
  void marksADifferenceAndALineOnlyOneSideHas() {
    DocumentFigures sage =
        new DocumentFigures(
            d("24.98"),
            d("0.01"),
            d("5.00"),
            d("6.00"),
            d("35.98"),
            d("1.00"),
            List.of(
                line("Mug", "3", "8.33", "5.00", "29.97", "GB_STANDARD"),
                line("Extra", "1", "0.01", "0", "0.01", "GB_ZERO")));

    FigureComparison c = FigureComparison.of(store(), sage);

    assertThat(c.matches()).isFalse();
    // the discount differs: the store has none, Sage absorbed a penny of rounding
    assertThat(c.totals().get(1).matches()).isFalse();
    assertThat(c.totals().get(4).matches()).isFalse();
    assertThat(c.lines()).hasSize(2);
    assertThat(c.lines().get(1).store()).isNull();
    assertThat(c.lines().get(1).matches()).isFalse();
    assertThat(c.taxes())
        .extracting(FigureComparison.Row::label)
        .containsExactly("20% → GB_STANDARD", "– → GB_ZERO", "Shipping tax");
    assertThat(c.taxes().get(1).store()).isNull();
    assertThat(c.taxes().get(1).matches()).isFalse();
  }
}
