package io.ledgerbridge.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {
  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void roundsHalfUpToTwoDecimals() {
    assertThat(Amounts.round2(d("2.675"))).isEqualTo(d("2.68"));
    assertThat(Amounts.round2(d("2.665"))).isEqualTo(d("2.67"));
    assertThat(Amounts.round2(d("-2.675"))).isEqualTo(d("-2.68"));
    assertThat(Amounts.round2(d("23.990000000000002"))).isEqualTo(d("23.99"));
    assertThat(Amounts.round2(d("100"))).isEqualTo(d("100.00"));
  }

  @Test
  void zeroAndSamePennyCompareAtTwoDecimals() {
    assertThat(Amounts.isZero(d("0.004"))).isTrue();
    assertThat(Amounts.isZero(d("0.005"))).isFalse();
    assertThat(Amounts.samePenny(d("1.004"), d("0.996"))).isTrue();
  }

  @Test
  void normalisesQuantityWithoutExponent() {
    assertThat(Amounts.quantity(d("2.0000")).toPlainString()).isEqualTo("2");
    assertThat(Amounts.quantity(d("10")).toPlainString()).isEqualTo("10");
    assertThat(Amounts.quantity(d("1.5000")).toPlainString()).isEqualTo("1.5");
    assertThat(Amounts.quantity(d("100.0")).scale()).isZero();
  }

  @Test
  void computesPercentages() {
    assertThat(Amounts.percentOf(d("1"), d("5"))).isEqualTo(d("20.00"));
    assertThat(Amounts.ratioToPercent(d("0.2"))).isEqualTo(d("20.00"));
    assertThat(Amounts.applyPercent(d("4.17"), d("20"))).isEqualTo(d("0.83"));
    assertThatThrownBy(() -> Amounts.percentOf(d("1"), d("0")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void clampsNegativeToZero() {
    assertThat(Amounts.nonNegative(d("-0.01"))).isEqualTo(d("0.00"));
    assertThat(Amounts.nonNegative(d("0.01"))).isEqualTo(d("0.01"));
  }
}
