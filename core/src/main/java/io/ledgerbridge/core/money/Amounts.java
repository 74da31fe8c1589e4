package io.ledgerbridge.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Rounding and normalisation of store amounts. The rounding mode is {@link RoundingMode#HALF_UP}
 * everywhere, because that is what the store (PHP {@code round()}) uses when it computes its own
 * totals; using the same mode keeps the Sage document equal to the store's figures to the penny.
 * Amounts go to Sage at two decimals, the only precision Sage supports for amounts (SAGE §2.0).
 */
public final class Amounts {

  /** The one rounding mode for amounts, rates and percentages. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

  /** Scale of every amount sent to Sage. */
  public static final int AMOUNT_SCALE = 2;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Amounts() {}

  /**
   * {@code value} at two decimals, {@link #ROUNDING}. Removes binary-float noise from the store.
   */
  public static BigDecimal round2(BigDecimal value) {
    return Objects.requireNonNull(value, "value").setScale(AMOUNT_SCALE, ROUNDING);
  }

  /** True when {@code value} is zero once rounded to two decimals (so {@code 0.004} is zero). */
  public static boolean isZero(BigDecimal value) {
    return round2(value).signum() == 0;
  }

  /** True when both values are equal once rounded to two decimals. */
  public static boolean samePenny(BigDecimal a, BigDecimal b) {
    return round2(a).compareTo(round2(b)) == 0;
  }

  /** Two-decimal zero. */
  public static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(AMOUNT_SCALE);
  }

  /**
   * A quantity as given by the store, without trailing zeros and never in exponent form: {@code
   * 2.0000} becomes {@code 2}, {@code 1.5000} becomes {@code 1.5}, {@code 10} stays {@code 10}.
   */
  public static BigDecimal quantity(BigDecimal qty) {
    BigDecimal stripped = Objects.requireNonNull(qty, "qty").stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** {@code value} at {@code scale} decimals with {@link #ROUNDING}. */
  public static BigDecimal atScale(BigDecimal value, int scale) {
    return Objects.requireNonNull(value, "value").setScale(scale, ROUNDING);
  }

  /**
   * {@code part / whole * 100} at two decimals (e.g. {@code 1 / 5} gives {@code 20.00}); {@code
   * whole} must not be zero.
   */
  public static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      throw new ArithmeticException("percentage of a zero whole");
    }
    return part.multiply(HUNDRED).divide(whole, AMOUNT_SCALE, ROUNDING);
  }

  /** A ratio ({@code 0.2}) as a two-decimal percentage ({@code 20.00}). */
  public static BigDecimal ratioToPercent(BigDecimal ratio) {
    return ratio.multiply(HUNDRED).setScale(AMOUNT_SCALE, ROUNDING);
  }

  /** {@code base * percent / 100} at two decimals: the tax a percentage yields on a net amount. */
  public static BigDecimal applyPercent(BigDecimal base, BigDecimal percent) {
    return base.multiply(percent).divide(HUNDRED, AMOUNT_SCALE, ROUNDING);
  }

  /** The larger of {@code value} and zero. */
  public static BigDecimal nonNegative(BigDecimal value) {
    return value.signum() < 0 ? zero() : value;
  }
}
