package io.ledgerbridge.core.invoice;

import static io.ledgerbridge.core.testing.Fixtures.address;
import static io.ledgerbridge.core.testing.Fixtures.d;
import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static io.ledgerbridge.core.testing.Fixtures.guest;
import static io.ledgerbridge.core.testing.Fixtures.invoice;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.testing.Fixtures.InvoiceBuilder;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** B2C consolidation and the product-type map as the translator applies them. */
class InvoiceConsolidationTest {

  private static SyncPolicy consolidating() {
    return gbPolicy()
        .withB2c(
            new SyncPolicy.B2cConsolidation(
                true, "Magento Web Sales", null, "WEBSALES", new BigDecimal("50.00"), true));
  }

  private static InvoiceBuilder smallGuestOrder() {
    InvoiceBuilder b =
        invoice().line(line("MUG", "Mug", "1", "10", "10", "2", "0", "0.2", "simple"));
    b.customer = guest("gus@example.com", "Gus", "Guest");
    b.shipping = address("shipping", "GB", "9 Side St");
    return b;
  }

  private static InvoiceTranslation.Translated translated(
      InvoiceBuilder b, SyncPolicy p, boolean repeat) {
    InvoiceTranslation t = InvoiceTranslator.translate(b.build(), p, "GB", "GBP", repeat);
    assertThat(t).isInstanceOf(InvoiceTranslation.Translated.class);
    return (InvoiceTranslation.Translated) t;
  }

  @Test
  void smallFirstOrderGoesToTheFallbackContactWithAWarning() {
    InvoiceTranslation.Translated t = translated(smallGuestOrder(), consolidating(), false);
    assertThat(t.contactKey().storeCustomerKey()).isEqualTo("B2C");
    assertThat(t.contactKey().reference()).isEqualTo("WEBSALESG");
    assertThat(t.contact().name()).isEqualTo("Magento Web Sales");
    assertThat(t.contact().mainAddress()).isNull();
    assertThat(t.warnings())
        .singleElement()
        .asString()
        .startsWith("b2c_consolidated: ")
        .contains("12.00", "50.00");
  }

  @Test
  void buyersAddressesStillRideOnTheConsolidatedInvoice() {
    SageInvoiceDraft inv = translated(smallGuestOrder(), consolidating(), false).invoice();
    assertThat(inv.mainAddress().addressLine1()).isEqualTo("1 High St");
    assertThat(inv.deliveryAddress().addressLine1()).isEqualTo("9 Side St");
  }

  @Test
  void repeatCustomerIsPostedToTheirOwnContact() {
    InvoiceTranslation.Translated t = translated(smallGuestOrder(), consolidating(), true);
    assertThat(t.contactKey().storeCustomerKey()).startsWith("G");
    assertThat(t.warnings()).isEmpty();
  }

  @Test
  void fourArgumentOverloadTreatsTheCustomerAsNew() {
    InvoiceTranslation t =
        InvoiceTranslator.translate(smallGuestOrder().build(), consolidating(), "GB", "GBP");
    assertThat(((InvoiceTranslation.Translated) t).contactKey().reference()).isEqualTo("WEBSALESG");
  }

  @Test
  void consolidatedGuestNeedsNoEmail() {
    InvoiceBuilder b = smallGuestOrder();
    b.customer = guest(" ", "Gus", "Guest");
    assertThat(translated(b, consolidating(), false).contactKey().reference())
        .isEqualTo("WEBSALESG");
  }

  @Test
  void fallbackInForeignCurrencyIsThatCurrencysContact() {
    InvoiceBuilder b = smallGuestOrder();
    b.currency = "EUR";
    b.baseToOrderRate = d("1.15");
    InvoiceTranslation.Translated t = translated(b, consolidating(), false);
    assertThat(t.contactKey().reference()).isEqualTo("WEBSALESE");
    assertThat(t.contact().name()).isEqualTo("Magento Web Sales (EUR)");
    assertThat(t.contact().currencyId()).isEqualTo("EUR");
  }

  @Test
  void crossBorderUsesThePolicysProductTypeMap() {
    InvoiceBuilder b =
        invoice()
            .line(line("EBOOK", "E-book", "1", "10", "10", "0", "0", null, "downloadable"))
            .line(line("GIFT", "Gift card", "1", "5", "5", "0", "0", null, "giftcard"));
    b.billing = address("billing", "FR", "1 Rue");
    SyncPolicy p =
        gbPolicy()
            .withMultiCurrency(
                new SyncPolicy.MultiCurrency(
                    "SERVICES", Map.of("downloadable", "GOODS", "giftcard", "GOODS")));
    InvoiceTranslation.Translated t = translated(b, p, false);
    assertThat(t.invoice().lines())
        .allSatisfy(l -> assertThat(l.euGoodsServicesTypeId()).isEqualTo("GOODS"));
    assertThat(t.warnings()).isEmpty();
  }

  @Test
  void mixedTypesUnderThePolicyMapAreCoercedToTheDefaultWithAWarning() {
    InvoiceBuilder b =
        invoice()
            .line(line("EBOOK", "E-book", "1", "10", "10", "0", "0", null, "downloadable"))
            .line(line("TEE", "Tee", "1", "5", "5", "0", "0", null, "simple"));
    b.billing = address("billing", "FR", "1 Rue");
    SyncPolicy p =
        gbPolicy()
            .withMultiCurrency(
                new SyncPolicy.MultiCurrency(
                    "SERVICES", Map.of("downloadable", "SERVICES", "simple", "GOODS")));
    InvoiceTranslation.Translated t = translated(b, p, false);
    assertThat(t.invoice().lines())
        .allSatisfy(l -> assertThat(l.euGoodsServicesTypeId()).isEqualTo("SERVICES"));
    assertThat(t.warnings())
        .singleElement()
        .asString()
        .startsWith("mixed_eu_goods_services_coerced_to_default");
  }
}
