package io.ledgerbridge.core.contact;

import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static io.ledgerbridge.core.testing.Fixtures.guest;
import static io.ledgerbridge.core.testing.Fixtures.invoice;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static io.ledgerbridge.core.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.testing.Fixtures.InvoiceBuilder;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ContactRoutingTest {

  private static SyncPolicy consolidating(String minTotal, boolean alwaysIndividualForB2b) {
    return gbPolicy()
        .withB2c(
            new SyncPolicy.B2cConsolidation(
                true,
                "Magento Web Sales",
                "web@shop.example",
                "WEBSALES",
                new BigDecimal(minTotal),
                alwaysIndividualForB2b));
  }

  private static CanonicalInvoice order(String total, String company) {
    InvoiceBuilder b = invoice().line(line("A", "A", "1", total, total, "0", "0", null, "simple"));
    b.customer =
        company == null
            ? guest("guest@example.com", "Gus", "Guest")
            : registered(9, "Bea", "Buyer", company);
    return b.build();
  }

  @Test
  void disabledConsolidationRoutesEveryInvoiceToTheIndividual() {
    assertThat(ContactRouting.route(order("1.00", null), gbPolicy(), false))
        .isEqualTo(new ContactRoute.Individual(ContactRouting.CONSOLIDATION_DISABLED));
  }

  @Test
  void companyBuyerStaysIndividualWhenAlwaysIndividualForB2b() {
    assertThat(ContactRouting.route(order("1.00", "Acme Ltd"), consolidating("50", true), false))
        .isEqualTo(new ContactRoute.Individual(ContactRouting.B2B_ALWAYS_INDIVIDUAL));
  }

  @Test
  void companyBuyerMayBeConsolidatedWhenB2bIsNotForcedIndividual() {
    assertThat(ContactRouting.route(order("1.00", "Acme Ltd"), consolidating("50", false), false))
        .isInstanceOf(ContactRoute.Fallback.class);
  }

  @Test
  void repeatCustomerInThisCurrencyStaysIndividual() {
    assertThat(ContactRouting.route(order("1.00", null), consolidating("50", true), true))
        .isEqualTo(new ContactRoute.Individual(ContactRouting.REPEAT_CUSTOMER));
  }

  @Test
  void totalAtOrAboveTheMinimumStaysIndividual() {
    assertThat(ContactRouting.route(order("50.00", null), consolidating("50", true), false))
        .isEqualTo(new ContactRoute.Individual(ContactRouting.AT_OR_ABOVE_MIN_TOTAL));
  }

  @Test
  void defaultMinimumOfZeroKeepsEveryOrderIndividual() {
    assertThat(ContactRouting.route(order("0.00", null), consolidating("0", true), false))
        .isEqualTo(new ContactRoute.Individual(ContactRouting.AT_OR_ABOVE_MIN_TOTAL));
  }

  @Test
  void routesGuestToFallbackContactBelowThreshold() {
    ContactRoute r = ContactRouting.route(order("49.99", null), consolidating("50", true), false);
    assertThat(r)
        .isEqualTo(
            new ContactRoute.Fallback(
                new ContactKey("B2C", "GBP", "WEBSALESG"), ContactRouting.BELOW_MIN_TOTAL));
  }

  @Test
  void fallbackContactIsOnePerCurrency() {
    SyncPolicy.B2cConsolidation b2c = consolidating("50", true).b2c();
    ContactKey eur = ContactRouting.fallbackKey(b2c, "eur");
    assertThat(eur).isEqualTo(new ContactKey("B2C", "EUR", "WEBSALESE"));
    assertThat(eur.xrefKind()).isEqualTo("contact:EUR");
    assertThat(ContactRouting.fallbackKey(b2c, "USD").reference()).isEqualTo("WEBSALESU");
  }

  @Test
  void fallbackDraftCarriesNameEmailAndNoBuyerDetails() {
    SyncPolicy.B2cConsolidation b2c = consolidating("50", true).b2c();
    SageContactDraft gbp =
        ContactDrafts.fallback(b2c, "GBP", ContactRouting.fallbackKey(b2c, "GBP"));
    assertThat(gbp)
        .isEqualTo(
            new SageContactDraft(
                "Magento Web Sales",
                "WEBSALESG",
                "GBP",
                "web@shop.example",
                null,
                null,
                null,
                null));
    SageContactDraft eur =
        ContactDrafts.fallback(b2c, "GBP", ContactRouting.fallbackKey(b2c, "EUR"));
    assertThat(eur.name()).isEqualTo("Magento Web Sales (EUR)");
    assertThat(eur.currencyId()).isEqualTo("EUR");
  }
}
