package io.ledgerbridge.core.invoice;

import io.ledgerbridge.core.money.Amounts;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The {@code exchange_rate} of a sales document (ADR 0009): null in the Sage base currency;
 * otherwise the store's {@code base_to_order_rate} at {@value #SCALE} dp, since Sage quotes foreign
 * units per one base unit and so does Magento.
 */
public final class ExchangeRates {
  /** Decimals of the exchange rate sent to Sage. */
  public static final int SCALE = 6;

  private ExchangeRates() {}

  /** The rate, or the reason there is none. */
  public sealed interface Result permits Rate, Problem {}

  /** {@code rate} is null in the base currency. */
  public record Rate(BigDecimal rate) implements Result {}

  public record Problem(String message) implements Result {}

  /**
   * @param document what to call the document in a problem ({@code invoice}, {@code credit memo})
   */
  public static Result forDocument(
      String document, String currency, String baseCurrency, BigDecimal baseToOrderRate) {
    String cur = currency.trim().toUpperCase(Locale.ROOT);
    String base = baseCurrency.trim().toUpperCase(Locale.ROOT);
    if (cur.equals(base)) {
      return new Rate(null);
    }
    if (baseToOrderRate == null || baseToOrderRate.signum() <= 0) {
      return new Problem(
          document
              + " currency "
              + cur
              + " differs from the Sage base currency "
              + base
              + " but the store sent no positive base_to_order_rate");
    }
    BigDecimal rate = Amounts.atScale(baseToOrderRate, SCALE);
    if (rate.signum() == 0) {
      return new Problem(
          "base_to_order_rate "
              + baseToOrderRate.toPlainString()
              + " rounds to zero at 6 decimals");
    }
    return new Rate(rate);
  }
}
