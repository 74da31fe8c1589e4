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
}
