package io.ledgerbridge.core.contact;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a Sage contact reference that says its currency (ADR 0019). Each letter belongs to at
 * most one currency, which is written as that letter alone, as references always were; every other
 * currency is written as the first two letters of its ISO code. So one customer's contacts in two
 * currencies with the same initial (CAD and CHF) get {@code C} and {@code CH}, not the same
 * reference twice.
 *
 * <p>The one-letter holders are the currency most often met with that initial by businesses on Sage
 * Business Cloud Accounting (UK, Ireland, US, Canada and their trading partners). The table only
 * grows; a letter once given is never moved to another currency, or existing references would
 * change. Two-letter forms are unique among the ISO 4217 codes a store sells in; they repeat only
 * for fund codes and precious metals (BOV/BOB, CLF/CLP, COU/COP, MXV/MXN, USN/USD, UYI/UYU/UYW, the
 * X-codes), which no store invoices in.
 */
public final class CurrencySuffix {
  private static final Map<Character, String> HOLDERS =
      Map.ofEntries(
          Map.entry('A', "AUD"),
          Map.entry('B', "BRL"),
          Map.entry('C', "CAD"),
          Map.entry('D', "DKK"),
          Map.entry('E', "EUR"),
          Map.entry('G', "GBP"),
          Map.entry('H', "HKD"),
          Map.entry('I', "INR"),
          Map.entry('J', "JPY"),
          Map.entry('K', "KRW"),
          Map.entry('M', "MXN"),
          Map.entry('N', "NOK"),
          Map.entry('P', "PLN"),
          Map.entry('Q', "QAR"),
          Map.entry('R', "RON"),
          Map.entry('S', "SEK"),
          Map.entry('T', "TRY"),
          Map.entry('U', "USD"),
          Map.entry('V', "VND"),
          Map.entry('Z', "ZAR"));

  private CurrencySuffix() {}

  /**
   * The suffix of {@code currency} (upper-cased and trimmed first).
   *
   * @throws IllegalArgumentException for a blank currency
   */
  public static String of(String currency) {
    Objects.requireNonNull(currency, "currency");
    String cur = currency.trim().toUpperCase(Locale.ROOT);
    if (cur.isEmpty()) {
      throw new IllegalArgumentException("currency is blank");
    }
    char initial = cur.charAt(0);
    if (cur.equals(HOLDERS.get(initial)) || cur.length() == 1) {
      return String.valueOf(initial);
    }
    return cur.substring(0, 2);
  }
}
