package io.ledgerbridge.core.contact;

import static io.ledgerbridge.core.testing.Fixtures.address;
import static io.ledgerbridge.core.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalContact;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactDraftsTest {

  private static CanonicalContact contact(String first, String last, String company, String email) {
    return new CanonicalContact(7, email, first, last, company, null, 1, 1, List.of(), null, null);
  }

  @Test
  void companyPriorityPrefersCompany() {
    assertThat(ContactDrafts.baseName(contact("Jane", "Doe", "Acme", "j@x.io"), "Company"))
        .isEqualTo("Acme");
  }

  @Test
  void companyPriorityFallsBackToPerson() {
    assertThat(ContactDrafts.baseName(contact("Jane", "Doe", null, "j@x.io"), "Company"))
        .isEqualTo("Jane Doe");
  }

  @Test
  void personPriorityPrefersPersonThenCompany() {
    assertThat(ContactDrafts.baseName(contact("Jane", "Doe", "Acme", "j@x.io"), "Person"))
        .isEqualTo("Jane Doe");
    assertThat(ContactDrafts.baseName(contact(null, null, "Acme", "j@x.io"), "person"))
        .isEqualTo("Acme");
  }

  @Test
  void fallsBackToEmail() {
    assertThat(ContactDrafts.baseName(contact(null, " ", null, "j@x.io"), "Person"))
        .isEqualTo("j@x.io");
  }

  @Test
  void usesOnlyTheNamePartThatExists() {
    assertThat(ContactDrafts.personName(contact(null, "Doe", null, "j@x.io"))).isEqualTo("Doe");
  }

  @Test
  void suffixesForeignCurrencyAndKeepsSuffixWithin100Chars() {
    assertThat(ContactDrafts.displayName("Acme", "EUR", "GBP")).isEqualTo("Acme (EUR)");
    assertThat(ContactDrafts.displayName("Acme", "GBP", "GBP")).isEqualTo("Acme");
    String longName = "N".repeat(120);
    assertThat(ContactDrafts.displayName(longName, "EUR", "GBP")).hasSize(100).endsWith("N (EUR)");
    assertThat(ContactDrafts.displayName(longName, "GBP", "GBP")).hasSize(100);
  }

  @Test
  void buildsStandaloneContactFromProfileAddresses() {
    CanonicalContact c =
        new CanonicalContact(
            5,
            "jane@example.com",
            "Jane",
            "Doe",
            null,
            null,
            1,
            1,
            List.of(address("billing", "GB", "1 High St"), address("shipping", "GB", "2 Low Rd")),
            null,
            null);
    ContactKey key = ContactKeying.keyFor(c, "EUR");
    SageContactDraft d = ContactDrafts.forContact(c, "Company", "GBP", key);
    assertThat(d.name()).isEqualTo("Jane Doe (EUR)");
    assertThat(d.reference()).isEqualTo("M5E");
    assertThat(d.mainAddress().addressLine1()).isEqualTo("1 High St");
    assertThat(d.deliveryAddress().addressLine1()).isEqualTo("2 Low Rd");
    assertThat(d.telephone()).isNull();
  }

  @Test
  void usesRegisteredFixturePhone() {
    CanonicalContact c = registered(5, "Jane", "Doe", null);
    SageContactDraft d =
        ContactDrafts.forContact(c, "Company", "GBP", ContactKeying.keyFor(c, "GBP"));
    assertThat(d.telephone()).isEqualTo("+44 20 7946 0000");
    assertThat(d.mainAddress()).isNull();
    assertThat(d.deliveryAddress()).isNull();
  }
}
