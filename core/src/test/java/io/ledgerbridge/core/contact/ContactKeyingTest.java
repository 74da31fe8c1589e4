package io.ledgerbridge.core.contact;

import static io.ledgerbridge.core.testing.Fixtures.guest;
import static io.ledgerbridge.core.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContactKeyingTest {

  @Test
  void keysRegisteredCustomerPerCurrencyInitial() {
    assertThat(ContactKeying.keyFor(registered(5, "A", "B", null), "GBP"))
        .isEqualTo(new ContactKey("M5", "GBP", "M5G"));
    assertThat(ContactKeying.keyFor(registered(5, "A", "B", null), "eur").reference())
        .isEqualTo("M5E");
    assertThat(ContactKeying.keyFor(registered(5, "A", "B", null), "USD").reference())
        .isEqualTo("M5U");
  }

  @Test
  void keepsEightDigitIdsInDecimal() {
    assertThat(ContactKeying.keyFor(registered(99_999_999, "A", "B", null), "GBP").reference())
        .isEqualTo("M99999999G")
        .hasSize(10);
  }

  @Test
  void encodesLongerIdsInBase36UnderDistinctPrefix() {
    ContactKey key = ContactKeying.keyFor(registered(123_456_789, "A", "B", null), "GBP");
    assertThat(key.reference()).isEqualTo("N21I3V9G");
    assertThat(key.storeCustomerKey()).isEqualTo("M123456789");
    assertThat(ContactKeying.keyFor(registered(4_294_967_295L, "A", "B", null), "GBP").reference())
        .isEqualTo("N1Z141Z3G");
  }

  @Test
  void rejectsIdsBeyondEightBase36Digits() {
    assertThatThrownBy(
            () -> ContactKeying.keyFor(registered(Long.MAX_VALUE, "A", "B", null), "GBP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void keysGuestByNormalisedEmailHash() {
    ContactKey a = ContactKeying.keyFor(guest("pierre@example.fr", "P", "M"), "EUR");
    ContactKey b = ContactKeying.keyFor(guest("  PIERRE@Example.fr ", "X", "Y"), "EUR");
    assertThat(a).isEqualTo(b);
    assertThat(a.reference()).isEqualTo("G67d0584eE").hasSize(10);
    assertThat(a.storeCustomerKey()).isEqualTo("G67d0584e35202460");
  }

  @Test
  void guestKeyIsPerCurrency() {
    ContactKey gbp = ContactKeying.keyFor(guest("a@b.c", "P", "M"), "GBP");
    ContactKey eur = ContactKeying.keyFor(guest("a@b.c", "P", "M"), "EUR");
    assertThat(gbp.storeCustomerKey()).isEqualTo(eur.storeCustomerKey());
    assertThat(gbp.xrefKind()).isEqualTo("contact:GBP");
    assertThat(eur.xrefKind()).isEqualTo("contact:EUR");
    assertThat(gbp.reference()).isNotEqualTo(eur.reference());
  }

  @Test
  void rejectsGuestWithoutEmail() {
    assertThatThrownBy(() -> ContactKeying.keyFor(guest("  ", "P", "M"), "GBP"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBlankCurrency() {
    assertThatThrownBy(() -> ContactKeying.keyFor(registered(1, "A", "B", null), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoCurrenciesWithOneInitialGetDistinctReferences() {
    var customer = registered(5, "A", "B", null);
    assertThat(ContactKeying.keyFor(customer, "CAD").reference()).isEqualTo("M5C");
    assertThat(ContactKeying.keyFor(customer, "CHF").reference()).isEqualTo("M5CH");
    assertThat(ContactKeying.keyFor(customer, "CZK").reference()).isEqualTo("M5CZ");
    assertThat(ContactKeying.keyFor(customer, "NZD").reference()).isEqualTo("M5NZ");
    assertThat(ContactKeying.keyFor(customer, "NOK").reference()).isEqualTo("M5N");
  }

  @Test
  void aTwoLetterSuffixLeavesRoomForSevenDigitsThenBase36() {
    assertThat(ContactKeying.keyFor(registered(9_999_999, "A", "B", null), "CHF").reference())
        .isEqualTo("M9999999CH");
    assertThat(ContactKeying.keyFor(registered(99_999_999, "A", "B", null), "CHF").reference())
        .isEqualTo("P1NJCHRCH");
    // the largest 32-bit id still fits
    assertThat(ContactKeying.keyFor(registered(4_294_967_295L, "A", "B", null), "CHF").reference())
        .isEqualTo("P1Z141Z3CH")
        .hasSize(10);
  }

  @Test
  void aGuestWithATwoLetterSuffixKeepsSevenHexCharsAndTheSameStoreKey() {
    var gbp = ContactKeying.keyFor(guest(" Jane@Example.com ", "J", "D"), "GBP");
    var chf = ContactKeying.keyFor(guest("jane@example.com", "J", "D"), "CHF");
    assertThat(chf.reference()).hasSize(10).startsWith("H").endsWith("CH");
    assertThat(chf.reference().substring(1, 8)).isEqualTo(gbp.reference().substring(1, 8));
    assertThat(chf.storeCustomerKey()).isEqualTo(gbp.storeCustomerKey());
  }

  @Test
  void base36AndGuestReferencesSayTheirSuffixLengthByTheirPrefix() {
    // without the prefixes these two would both read N1NJCHRCH: id 99999999 in CHF, and the id
    // whose base 36 is 1NJCHRC in HKD
    long other = Long.parseLong("1NJCHRC", 36);
    assertThat(ContactKeying.keyFor(registered(other, "A", "B", null), "HKD").reference())
        .isEqualTo("N1NJCHRCH");
    assertThat(ContactKeying.keyFor(registered(99_999_999, "A", "B", null), "CHF").reference())
        .isEqualTo("P1NJCHRCH");
  }

  @Test
  void everyIsoCurrencyAStoreInvoicesInHasItsOwnSuffix() {
    String[] codes = {
      "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
      "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
      "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
      "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
      "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
      "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
      "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
      "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
      "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
      "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
      "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
      "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"
    };
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (String code : codes) {
      String suffix = CurrencySuffix.of(code);
      assertThat(seen.put(suffix, code)).as(code + " and another share " + suffix).isNull();
    }
  }
}
