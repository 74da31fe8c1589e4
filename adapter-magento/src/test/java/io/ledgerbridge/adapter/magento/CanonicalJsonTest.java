package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void mapsARegisteredCustomersGbpInvoiceCompletely() {
    CanonicalInvoice invoice = CanonicalJson.invoice(Fixtures.read("invoice-registered-gbp.json"));

    assertThat(invoice.magentoId()).isEqualTo(42);
    assertThat(invoice.incrementId()).isEqualTo("000000042");
    assertThat(invoice.orderId()).isEqualTo(40);
    assertThat(invoice.orderIncrementId()).isEqualTo("000000040");
    assertThat(invoice.websiteId()).isEqualTo(1);
    assertThat(invoice.storeId()).isEqualTo(1);
    assertThat(invoice.currency()).isEqualTo("GBP");
    assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
    assertThat(invoice.subtotal()).isEqualTo(new BigDecimal("120.66"));
    assertThat(invoice.taxAmount()).isEqualTo(new BigDecimal("26.13"));
    assertThat(invoice.shippingAmount()).isEqualTo(new BigDecimal("10"));
    assertThat(invoice.shippingTaxAmount()).isEqualTo(new BigDecimal("2"));
    assertThat(invoice.discountAmount()).isEqualTo(new BigDecimal("0"));
    assertThat(invoice.grandTotal()).isEqualTo(new BigDecimal("156.79"));
    assertThat(invoice.createdAt()).isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
    assertThat(invoice.paymentMethod()).isEqualTo("checkmo");
    assertThat(invoice.poNumber()).isEqualTo("PO-7781");
    assertThat(invoice.baseToOrderRate()).isEqualTo(new BigDecimal("1"));

    CanonicalAddress gb =
        new CanonicalAddress(
            "billing",
            List.of("Flat 2/B", "10 Downing Street"),
            "London",
            "Greater London",
            "SW1A 2AA",
            "GB",
            "+44 20 7946 0018");
    CanonicalAddress gbShipping =
        new CanonicalAddress(
            "shipping", gb.street(), gb.city(), gb.region(), gb.postcode(), "GB", gb.telephone());
    assertThat(invoice.billingAddress()).isEqualTo(gb);
    assertThat(invoice.shippingAddress()).isEqualTo(gbShipping);
    assertThat(invoice.customer())
        .isEqualTo(
            new CanonicalContact(
                7,
                "ann.smith@example.co.uk",
                "Ann",
                "Smith",
                null,
                "+44 20 7946 0018",
                1,
                1,
                List.of(gb, gbShipping),
                "2025-11-02T09:30:00Z",
                "2026-04-28T16:45:10Z"));

    assertThat(invoice.lines())
        .containsExactly(
            new CanonicalLine(
                "MH01-XS-Black",
                "Chaz Kangeroo Hoodie",
                new BigDecimal("2"),
                new BigDecimal("52"),
                new BigDecimal("104"),
                new BigDecimal("20.8"),
                new BigDecimal("124.8"),
                new BigDecimal("0.2"),
                "configurable"),
            new CanonicalLine(
                "MH01-XS-Black",
                "Chaz Kangeroo Hoodie-XS-Black",
                new BigDecimal("2"),
                new BigDecimal("0"),
                new BigDecimal("0"),
                new BigDecimal("0"),
                new BigDecimal("0"),
                null,
                "simple"),
            new CanonicalLine(
                "24-UG06",
                "Caf\u00e9 Water Bottle",
                new BigDecimal("1"),
                new BigDecimal("16.66"),
                new BigDecimal("16.66"),
                new BigDecimal("3.33"),
                new BigDecimal("19.990000000000002"),
                new BigDecimal("0.1999"),
                "simple"));
  }

  @Test
  void mapsAGuestEurInvoiceWithIntegerLiteralsOmittedKeysAndEmptyTimestamps() {
    CanonicalInvoice invoice = CanonicalJson.invoice(Fixtures.read("invoice-guest-eur.json"));

    assertThat(invoice.currency()).isEqualTo("EUR");
    assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
    assertThat(invoice.grandTotal()).isEqualTo(new BigDecimal("50"));
    assertThat(invoice.grandTotal().scale()).isZero();
    assertThat(invoice.createdAt()).isNull();
    assertThat(invoice.paymentMethod()).isNull();
    assertThat(invoice.shippingAddress()).isNull();
    assertThat(invoice.poNumber()).isNull();
    assertThat(invoice.baseToOrderRate()).isNull();
    assertThat(invoice.billingAddress().region()).isNull();
    assertThat(invoice.billingAddress().street()).containsExactly("12 rue de l'\u00c9glise");

    CanonicalContact guest = invoice.customer();
    assertThat(guest.isGuest()).isTrue();
    assertThat(guest.magentoId()).isZero();
    assertThat(guest.websiteId()).isZero();
    assertThat(guest.groupId()).isNull();
    assertThat(guest.company()).isNull();
    assertThat(guest.createdAt()).isNull();
    assertThat(guest.updatedAt()).isNull();
    assertThat(guest.billingAddress()).isPresent();
    assertThat(guest.shippingAddress()).isEmpty();

    CanonicalLine line = invoice.lines().get(0);
    assertThat(line.name()).isEqualTo("Gift card \u20ac50");
    assertThat(line.qty()).isEqualTo(new BigDecimal("1"));
    assertThat(line.taxRate()).isNull();
    assertThat(line.productType()).isEqualTo("virtual");
  }

  @Test
  void keepsFloatsExactlyAsSentIncludingTrailingZeros() {
    String body =
        Fixtures.read("invoice-guest-eur.json")
            .replace("\"grand_total\":50", "\"grand_total\":50.10")
            .replace("\"subtotal\":50", "\"subtotal\":1e2");

    CanonicalInvoice invoice = CanonicalJson.invoice(body);

    assertThat(invoice.grandTotal()).isEqualTo(new BigDecimal("50.10"));
    assertThat(invoice.subtotal()).isEqualByComparingTo("100");
  }

  @Test
  void mapsUnknownStatesToOpenAsTheStoreDoes() {
    String body =
        Fixtures.read("invoice-guest-eur.json")
            .replace("\"state\":\"open\"", "\"state\":\"weird\"");

    assertThat(CanonicalJson.invoice(body).state()).isEqualTo(InvoiceState.OPEN);
    assertThat(
            CanonicalJson.invoice(body.replace("\"state\":\"weird\"", "\"state\":\"cancelled\""))
                .state())
        .isEqualTo(InvoiceState.CANCELLED);
  }

  @Test
  void rejectsBodiesThatAreNotCanonicalJson() {
    String guest = Fixtures.read("invoice-guest-eur.json");

    assertSerde("<html>502 Bad Gateway</html>", "not valid JSON");
    assertSerde("[true,\"tenant\",\"2026-04-29T10:11:12+00:00\"]", "not a JSON object");
    assertSerde("", "not a JSON object");
    assertSerde(guest + "{}", "not valid JSON");
    assertSerde(guest.replace("\"currency\":\"EUR\",", ""), "currency is missing");
    assertSerde(
        guest.replace("\"grand_total\":50", "\"grand_total\":\"50\""),
        "grand_total must be a number");
    assertSerde(
        guest.replace("\"magento_id\":77", "\"magento_id\":77.5"), "magento_id must be an integer");
    assertSerde(
        guest.replace(
            "\"created_at\":\"\",\"billing", "\"created_at\":\"29\\/04\\/2026\",\"billing"),
        "created_at");
    assertSerde(guest.replace("\"magento_id\":77", "\"magento_id\":0"), "domain validation");
    assertSerde(
        guest
            .replace("\"lines\":[", "\"lines\":{\"x\":")
            .replace("}],\"subtotal\"", "}},\"subtotal\""),
        "lines must be an array");
  }

  @Test
  void readsCreatedAtAsJavaTimeDoesInEveryShape() {
    String registered = Fixtures.read("invoice-registered-gbp.json");
    String stored = "\"created_at\":\"2026-04-29T10:11:12Z\"";
    assertThat(registered).contains(stored);
    // the shapes read by hand, and ones only java.time reads: each gives what Instant.parse gives
    for (String text :
        List.of(
            "2026-04-29T10:11:12+00:00",
            "2026-04-29T10:11:12.250Z",
            "2026-04-29T12:41:12.5+02:30",
            "2026-04-29T10:11:12-05:00",
            "2026-04-29t10:11:12Z",
            "2026-04-29T10:11:12+01:00:30",
            "2026-04-29T24:00:00Z")) {
      CanonicalInvoice invoice =
          CanonicalJson.invoice(registered.replace(stored, "\"created_at\":\"" + text + "\""));
      assertThat(invoice.createdAt()).as(text).isEqualTo(Instant.parse(text));
    }
    for (String text : List.of("2026-02-30T10:11:12Z", "2026-04-29T24:00:01Z", "2026-04-29")) {
      assertSerde(registered.replace(stored, "\"created_at\":\"" + text + "\""), "created_at");
    }
  }

  private static void assertSerde(String body, String fragment) {
    assertThatThrownBy(() -> CanonicalJson.invoice(body))
        .isInstanceOf(CanonicalJson.CanonicalJsonException.class)
        .hasMessageContaining(fragment);
  }
}
