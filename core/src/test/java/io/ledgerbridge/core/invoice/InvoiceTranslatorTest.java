package io.ledgerbridge.core.invoice;

import static io.ledgerbridge.core.testing.Fixtures.address;
import static io.ledgerbridge.core.testing.Fixtures.d;
import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static io.ledgerbridge.core.testing.Fixtures.guest;
import static io.ledgerbridge.core.testing.Fixtures.invoice;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static io.ledgerbridge.core.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.testing.Fixtures.InvoiceBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InvoiceTranslatorTest {

  private static InvoiceTranslation.Translated translated(InvoiceBuilder b) {
    return translated(b, gbPolicy());
  }

  private static InvoiceTranslation.Translated translated(InvoiceBuilder b, SyncPolicy policy) {
    InvoiceTranslation t = InvoiceTranslator.translate(b.build(), policy, "GB", "GBP");
    assertThat(t).isInstanceOf(InvoiceTranslation.Translated.class);
    return (InvoiceTranslation.Translated) t;
  }

  private static String invalid(InvoiceBuilder b) {
    return invalid(b, gbPolicy());
  }

  private static String invalid(InvoiceBuilder b, SyncPolicy policy) {
    InvoiceTranslation t = InvoiceTranslator.translate(b.build(), policy, "GB", "GBP");
    assertThat(t).isInstanceOf(InvoiceTranslation.Invalid.class);
    return ((InvoiceTranslation.Invalid) t).message();
  }

  private static SyncPolicy withPrefix(String prefix) {
    SyncPolicy p = gbPolicy();
    return SyncPolicy.of(
        true,
        true,
        null,
        Set.of(),
        Set.of(),
        p.defaultTaxRateId(),
        p.defaultLedgerAccountId(),
        p.taxRateMap(),
        p.zeroTaxRateId(),
        prefix,
        p.customerNamePriority(),
        p.defaultEuGoodsServicesType());
  }

  private static SyncPolicy withTaxMap(Map<String, String> map) {
    SyncPolicy p = gbPolicy();
    return SyncPolicy.of(
        true,
        true,
        null,
        Set.of(),
        Set.of(),
        "GB_STANDARD",
        p.defaultLedgerAccountId(),
        map,
        p.zeroTaxRateId(),
        "",
        p.customerNamePriority(),
        p.defaultEuGoodsServicesType());
  }

  private static InvoiceBuilder domesticGbp() {
    return invoice()
        .line(line("TEE-1", "T-shirt", "2.0000", "10.0000", "20", "4", "0", "0.2", "simple"))
        .line(line("SEAT-1", "Child seat", "1", "50", "50", "2.5", "0", "0.05", "simple"))
        .shipping("5", "1");
  }

  @Nested
  class DomesticGbp {
    @Test
    void translatesLinesShippingAndHeader() {
      InvoiceBuilder b = domesticGbp();
      b.poNumber = "PO-7788";
      InvoiceTranslation.Translated t = translated(b);
      SageInvoiceDraft inv = t.invoice();

      assertThat(inv.contactId()).isNull();
      assertThat(inv.date()).isEqualTo(LocalDate.of(2026, 4, 29));
      assertThat(inv.reference()).isEqualTo("000000042");
      assertThat(inv.currencyId()).isEqualTo("GBP");
      assertThat(inv.exchangeRate()).isNull();
      assertThat(inv.notes()).isEqualTo("Purchase Order: PO-7788");
      assertThat(inv.expectedTotal()).isEqualByComparingTo("82.50");
      assertThat(inv.expectedTotal().scale()).isEqualTo(2);

      SageInvoiceLine tee = inv.lines().get(0);
      assertThat(tee.description()).isEqualTo("T-shirt");
      assertThat(tee.ledgerAccountId()).isEqualTo("LEDGER4000");
      assertThat(tee.quantity()).isEqualTo(d("2"));
      assertThat(tee.unitPrice()).isEqualTo(d("10.00"));
      assertThat(tee.discountAmount()).isEqualTo(d("0.00"));
      assertThat(tee.taxRateId()).isEqualTo("GB_STANDARD");
      assertThat(tee.taxAmount()).isEqualTo(d("4.00"));
      assertThat(tee.euGoodsServicesTypeId()).isNull();

      SageInvoiceLine seat = inv.lines().get(1);
      assertThat(seat.taxRateId()).isEqualTo("GB_LOWER");
      assertThat(seat.taxAmount()).isEqualTo(d("2.50"));

      assertThat(inv.shippingNetAmount()).isEqualTo(d("5.00"));
      assertThat(inv.shippingTaxRateId()).isEqualTo("GB_STANDARD");
      assertThat(inv.shippingTaxAmount()).isEqualTo(d("1.00"));
      assertThat(t.warnings()).isEmpty();
    }

    @Test
    void keysRegisteredCustomerWithCurrencyInitial() {
      InvoiceTranslation.Translated t = translated(domesticGbp());
      assertThat(t.contactKey().storeCustomerKey()).isEqualTo("M5");
      assertThat(t.contactKey().reference()).isEqualTo("M5G");
      assertThat(t.contactKey().xrefKind()).isEqualTo("contact:GBP");
      assertThat(t.contact().reference()).isEqualTo("M5G");
      assertThat(t.contact().name()).isEqualTo("Jane Doe");
      assertThat(t.contact().currencyId()).isEqualTo("GBP");
      assertThat(t.contact().email()).isEqualTo("buyer5@example.com");
      assertThat(t.contact().telephone()).isEqualTo("+44 20 7946 0000");
      assertThat(t.contact().contactPersonName()).isEqualTo("Jane Doe");
      assertThat(t.contact().mainAddress().addressLine1()).isEqualTo("1 High St");
    }

    @Test
    void mapsAddressesAndAlwaysSendsDelivery() {
      InvoiceBuilder b = domesticGbp();
      b.shipping = address("shipping", "GB", "Unit 4", "Trade Park", "Dock Road");
      SageInvoiceDraft inv = translated(b).invoice();
      assertThat(inv.mainAddress())
          .isEqualTo(new SageAddress("1 High St", null, "London", "SW1A 1AA", null, "GB"));
      assertThat(inv.deliveryAddress().addressLine1()).isEqualTo("Unit 4");
      assertThat(inv.deliveryAddress().addressLine2()).isEqualTo("Trade Park, Dock Road");
    }

    @Test
    void usesBillingAsDeliveryWhenOrderHasNoShippingAddress() {
      InvoiceBuilder b = domesticGbp();
      b.shipping = null;
      SageInvoiceDraft inv = translated(b).invoice();
      assertThat(inv.deliveryAddress()).isNotNull().isEqualTo(inv.mainAddress());
    }

    @Test
    void leavesNotesEmptyWithoutPurchaseOrder() {
      assertThat(translated(domesticGbp()).invoice().notes()).isNull();
    }

    @Test
    void datesTheInvoiceByUtcDay() {
      InvoiceBuilder b = domesticGbp();
      b.createdAt = Instant.parse("2026-04-29T23:30:00Z");
      assertThat(translated(b).invoice().date()).isEqualTo(LocalDate.of(2026, 4, 29));
    }
  }

  @Nested
  class CrossBorderEurGuest {
    private InvoiceBuilder eurGuest() {
      InvoiceBuilder b =
          invoice()
              .line(line("BAG-1", "Bag", "1", "100", "100", "0", "0", null, "simple"))
              .shipping("12.75", "0");
      b.currency = "EUR";
      b.baseToOrderRate = d("1.1275");
      b.customer = guest(" Pierre@Example.FR ", "Pierre", "Martin");
      b.billing = address("billing", "FR", "3 Rue de Rivoli");
      b.shipping = address("shipping", "FR", "3 Rue de Rivoli");
      return b;
    }

    @Test
    void zeroRatesEveryLineWithGoodsType() {
      SageInvoiceLine l = translated(eurGuest()).invoice().lines().get(0);
      assertThat(l.taxRateId()).isEqualTo("GB_ZERO");
      assertThat(l.taxAmount()).isEqualTo(d("0.00"));
      assertThat(l.euGoodsServicesTypeId()).isEqualTo("GOODS");
    }

    @Test
    void zeroRatesUntaxedShipping() {
      SageInvoiceDraft inv = translated(eurGuest()).invoice();
      assertThat(inv.shippingNetAmount()).isEqualTo(d("12.75"));
      assertThat(inv.shippingTaxRateId()).isEqualTo("GB_ZERO");
      assertThat(inv.shippingTaxAmount()).isEqualTo(d("0.00"));
      assertThat(inv.expectedTotal()).isEqualTo(d("112.75"));
    }

    @Test
    void sendsBaseToOrderRateAsForeignUnitsPerBaseUnit() {
      SageInvoiceDraft inv = translated(eurGuest()).invoice();
      assertThat(inv.currencyId()).isEqualTo("EUR");
      assertThat(inv.exchangeRate()).isEqualTo(d("1.127500"));
      // Sage's base mirror: 112.75 EUR / 1.1275 = 100.00 GBP
      assertThat(inv.expectedTotal().divide(inv.exchangeRate(), 2, java.math.RoundingMode.HALF_UP))
          .isEqualTo(d("100.00"));
    }

    @Test
    void keysGuestByEmailHashWithinTenChars() {
      InvoiceTranslation.Translated t = translated(eurGuest());
      assertThat(t.contactKey().storeCustomerKey()).isEqualTo("G67d0584e35202460");
      assertThat(t.contactKey().reference()).isEqualTo("G67d0584eE").hasSize(10);
      assertThat(t.contactKey().xrefKind()).isEqualTo("contact:EUR");
    }

    @Test
    void suffixesForeignCurrencyContactName() {
      InvoiceTranslation.Translated t = translated(eurGuest());
      assertThat(t.contact().name()).isEqualTo("Pierre Martin (EUR)");
      assertThat(t.contact().currencyId()).isEqualTo("EUR");
      assertThat(t.contact().mainAddress().countryId()).isEqualTo("FR");
    }

    @Test
    void rejectsForeignCurrencyWithoutRate() {
      InvoiceBuilder b = eurGuest();
      b.baseToOrderRate = null;
      assertThat(invalid(b)).contains("EUR", "GBP", "base_to_order_rate");
      b.baseToOrderRate = d("0");
      assertThat(invalid(b)).contains("base_to_order_rate");
    }

    @Test
    void rejectsCrossBorderInvoiceTheStoreTaxedWithClearReason() {
      InvoiceBuilder b = eurGuest();
      b.lines.clear();
      b.line(line("BAG-1", "Bag", "1", "100", "100", "20", "0", "0.2", "simple"));
      assertThat(invalid(b))
          .startsWith("totals do not reconcile: Sage total 112.75")
          .contains("vs store grand_total 132.75")
          .contains("cross-border (billing country FR, Sage business GB)")
          .contains("store charged tax 20.00");
    }

    @Test
    void usesServicesForVirtualOnlyInvoice() {
      InvoiceBuilder b = eurGuest();
      b.lines.clear();
      b.line(line("EBOOK", "E-book", "1", "100", "100", "0", "0", null, "downloadable"));
      assertThat(translated(b).invoice().lines().get(0).euGoodsServicesTypeId())
          .isEqualTo("SERVICES");
    }

    @Test
    void coercesMixedGoodsAndServicesToPolicyDefault() {
      InvoiceBuilder b = eurGuest();
      b.line(line("EBOOK", "E-book", "1", "10", "10", "0", "0", null, "virtual"));
      InvoiceTranslation.Translated t = translated(b);
      assertThat(t.invoice().lines())
          .extracting(SageInvoiceLine::euGoodsServicesTypeId)
          .containsOnly("GOODS");
      assertThat(t.warnings())
          .singleElement()
          .asString()
          .startsWith("mixed_eu_goods_services_coerced_to_default");
    }

    @Test
    void treatsCustomerProfileBillingCountryWhenInvoiceHasNone() {
      InvoiceBuilder b = domesticGbp();
      b.billing = null;
      b.customer =
          new io.ledgerbridge.core.canonical.CanonicalContact(
              9,
              "x@example.de",
              "Hans",
              "Meier",
              null,
              null,
              1,
              1,
              List.of(address("billing", "DE", "Hauptstr. 1")),
              null,
              null);
      // the store taxed it, so a cross-border reading makes the totals disagree
      assertThat(invalid(b)).contains("billing country DE");
    }
  }

  @Nested
  class B2bCompany {
    private InvoiceBuilder b2b() {
      InvoiceBuilder b = domesticGbp();
      b.customer = registered(12, "Jane", "Doe", "Acme Trading Ltd");
      return b;
    }

    @Test
    void namesContactByCompanyByDefault() {
      InvoiceTranslation.Translated t = translated(b2b());
      assertThat(t.contact().name()).isEqualTo("Acme Trading Ltd");
      assertThat(t.contact().contactPersonName()).isEqualTo("Jane Doe");
      assertThat(t.contactKey().reference()).isEqualTo("M12G");
    }

    @Test
    void namesContactByPersonWhenPolicySaysPerson() {
      SyncPolicy p = gbPolicy();
      SyncPolicy person =
          SyncPolicy.of(
              true,
              true,
              null,
              Set.of(),
              Set.of(),
              p.defaultTaxRateId(),
              p.defaultLedgerAccountId(),
              p.taxRateMap(),
              p.zeroTaxRateId(),
              "",
              "Person",
              "GOODS");
      assertThat(translated(b2b(), person).contact().name()).isEqualTo("Jane Doe");
    }
  }

  @Nested
  class Discounts {
    @Test
    void carriesPerLineDiscountAndRoutesTaxAppliedAfterDiscount() {
      // 2 x 10.00, item discount 2.00, 5% tax on the discounted 18.00 = 0.90; store ratio 0.045
      InvoiceBuilder b =
          invoice().line(line("SEAT", "Seat", "2", "10", "20", "0.9", "2", "0.045", "simple"));
      b.discountAmount = d("-2");
      SageInvoiceDraft inv = translated(b).invoice();
      SageInvoiceLine l = inv.lines().get(0);
      assertThat(l.discountAmount()).isEqualTo(d("2.00"));
      assertThat(l.taxAmount()).isEqualTo(d("0.90"));
      assertThat(l.taxRateId()).isEqualTo("GB_LOWER");
      assertThat(inv.expectedTotal()).isEqualTo(d("18.90"));
    }

    @Test
    void ignoresFloatNoiseInLineTotal() {
      CanonicalLine noisy =
          new CanonicalLine(
              "A",
              "A",
              d("3"),
              d("7.99"),
              d("23.97"),
              d("4.794"),
              d("28.764000000000003"),
              d("0.2"),
              "simple");
      SageInvoiceLine l = translated(invoice().line(noisy)).invoice().lines().get(0);
      assertThat(l.discountAmount()).isEqualTo(d("0.00"));
      assertThat(l.taxAmount()).isEqualTo(d("4.79"));
    }

    @Test
    void absorbsUnitPriceRoundingIntoDiscountWhenGrossOvershoots() {
      // 3 x 8.325 = 24.975; the store's row total is 24.97; Sage would compute 3 x 8.33 = 24.99
      CanonicalLine l =
          new CanonicalLine(
              "MUG",
              "Mug",
              d("3"),
              d("8.325"),
              d("24.97"),
              d("4.99"),
              d("29.96"),
              d("0.2"),
              "simple");
      SageInvoiceLine sl = translated(invoice().line(l)).invoice().lines().get(0);
      assertThat(sl.unitPrice()).isEqualTo(d("8.33"));
      assertThat(sl.discountAmount()).isEqualTo(d("0.02"));
    }

    @Test
    void roundsUnitPriceUpRatherThanSendNegativeDiscount() {
      // 3 x 8.3249 = 24.9747 -> row total 24.97; HALF_UP 8.32 gives 24.96, too low
      CanonicalLine l =
          new CanonicalLine(
              "MUG",
              "Mug",
              d("3"),
              d("8.3249"),
              d("24.97"),
              d("4.99"),
              d("29.96"),
              d("0.2"),
              "simple");
      SageInvoiceLine sl = translated(invoice().line(l)).invoice().lines().get(0);
      assertThat(sl.unitPrice()).isEqualTo(d("8.33"));
      assertThat(sl.discountAmount()).isEqualTo(d("0.02"));
    }

    @Test
    void namesUnallocatedHeaderDiscountWhenTotalsDisagree() {
      InvoiceBuilder b = domesticGbp();
      b.discountAmount = d("-5");
      b.grandTotal = d("77.50");
      assertThat(invalid(b)).contains("header discount -5.00 is not carried by its lines");
    }
  }

  @Nested
  class LineRules {
    @Test
    void decodesHtmlEntitiesInDescriptions() {
      InvoiceBuilder b =
          invoice()
              .line(
                  line(
                      "LF",
                      "Lumaflex&trade; Band &amp;&nbsp;Strap &#8211; &#x2122;",
                      "1",
                      "10",
                      "10",
                      "2",
                      "0",
                      "0.2",
                      "simple"));
      assertThat(translated(b).invoice().lines().get(0).description())
          .isEqualTo("Lumaflex™ Band & Strap – ™");
    }

    @Test
    void capsDescriptionAt255Chars() {
      String longName = "x".repeat(300);
      InvoiceBuilder b =
          invoice().line(line("L", longName, "1", "10", "10", "2", "0", "0.2", "simple"));
      assertThat(translated(b).invoice().lines().get(0).description()).hasSize(255);
    }

    @Test
    void fallsBackToSkuForBlankName() {
      InvoiceBuilder b =
          invoice().line(line("SKU-9", "  ", "1", "10", "10", "2", "0", "0.2", "simple"));
      assertThat(translated(b).invoice().lines().get(0).description()).isEqualTo("SKU-9");
    }

    @Test
    void dropsZeroPricedComponentRows() {
      InvoiceBuilder b =
          invoice()
              .line(line("CONF", "Hoodie", "1", "30", "30", "6", "0", "0.2", "configurable"))
              .line(line("CONF-M-RED", "Hoodie M Red", "1", "0", "0", "0", "0", null, "simple"));
      InvoiceTranslation.Translated t = translated(b);
      assertThat(t.invoice().lines())
          .singleElement()
          .extracting(SageInvoiceLine::description)
          .isEqualTo("Hoodie");
      assertThat(t.warnings()).singleElement().asString().contains("CONF-M-RED");
    }

    @Test
    void keepsAllRowsOfZeroValueInvoice() {
      InvoiceBuilder b =
          invoice().line(line("FREE", "Free sample", "1", "0", "0", "0", "0", null, "simple"));
      InvoiceTranslation.Translated t = translated(b);
      assertThat(t.invoice().lines()).hasSize(1);
      assertThat(t.invoice().lines().get(0).taxRateId()).isEqualTo("GB_ZERO");
      assertThat(t.invoice().expectedTotal()).isEqualTo(d("0.00"));
      assertThat(t.invoice().shippingNetAmount()).isNull();
    }

    @Test
    void rejectsInvoiceWithoutLines() {
      assertThat(invalid(invoice().grandTotal("0"))).contains("no lines");
    }

    @Test
    void untaxedDomesticLineUsesZeroKeyThenDefault() {
      InvoiceBuilder b =
          invoice().line(line("BOOK", "Book", "1", "8", "8", "0", "0", null, "simple"));
      assertThat(translated(b).invoice().lines().get(0).taxRateId()).isEqualTo("GB_ZERO");
      assertThat(
              translated(b, withTaxMap(Map.of("20.00", "GB_STANDARD")))
                  .invoice()
                  .lines()
                  .get(0)
                  .taxRateId())
          .isEqualTo("GB_STANDARD");
    }

    @Test
    void unmappedPercentageUsesDefaultRate() {
      InvoiceBuilder b =
          invoice().line(line("X", "X", "1", "100", "100", "17.5", "0", "0.175", "simple"));
      assertThat(
              translated(b, withTaxMap(Map.of("5.00", "GB_LOWER")))
                  .invoice()
                  .lines()
                  .get(0)
                  .taxRateId())
          .isEqualTo("GB_STANDARD");
    }

    @Test
    void quantityKeepsFractionWithoutTrailingZeros() {
      InvoiceBuilder b =
          invoice().line(line("R", "Rope (m)", "1.5000", "2", "3", "0.6", "0", "0.2", "simple"));
      assertThat(translated(b).invoice().lines().get(0).quantity()).isEqualTo(d("1.5"));
    }
  }

  @Nested
  class Shipping {
    @Test
    void omitsShippingWhenThereIsNone() {
      InvoiceBuilder b = domesticGbp().shipping("0", "0");
      SageInvoiceDraft inv = translated(b).invoice();
      assertThat(inv.shippingNetAmount()).isNull();
      assertThat(inv.shippingTaxRateId()).isNull();
      assertThat(inv.shippingTaxAmount()).isNull();
    }

    @Test
    void zeroRatesUntaxedDomesticShipping() {
      SageInvoiceDraft inv = translated(domesticGbp().shipping("4.5", "0")).invoice();
      assertThat(inv.shippingTaxRateId()).isEqualTo("GB_ZERO");
      assertThat(inv.shippingTaxAmount()).isEqualTo(d("0.00"));
      assertThat(inv.shippingNetAmount()).isEqualTo(d("4.50"));
    }

    @Test
    void routesShippingPercentageThroughTaxMap() {
      SageInvoiceDraft inv = translated(domesticGbp().shipping("4", "0.2")).invoice();
      assertThat(inv.shippingTaxRateId()).isEqualTo("GB_LOWER");
      assertThat(inv.shippingTaxAmount()).isEqualTo(d("0.20"));
    }

    @Test
    void routesRoundedShippingTaxByReproduction() {
      // 0.83 / 4.17 = 19.90% is no key, but 20% of 4.17 = 0.83
      SageInvoiceDraft inv =
          translated(domesticGbp().shipping("4.17", "0.83"), withTaxMap(Map.of("20.00", "STD20")))
              .invoice();
      assertThat(inv.shippingTaxRateId()).isEqualTo("STD20");
    }
  }

  @Nested
  class References {
    @Test
    void addsPrefixOnce() {
      assertThat(translated(domesticGbp(), withPrefix("MAG-")).invoice().reference())
          .isEqualTo("MAG-000000042");
    }

    @Test
    void neverDoublesPrefix() {
      InvoiceBuilder b = domesticGbp();
      b.incrementId = "MAG-000000042";
      assertThat(translated(b, withPrefix("MAG-")).invoice().reference())
          .isEqualTo("MAG-000000042");
    }

    @Test
    void acceptsReferenceOfExactly25Chars() {
      InvoiceBuilder b = domesticGbp();
      b.incrementId = "1".repeat(21);
      assertThat(translated(b, withPrefix("MAG-")).invoice().reference()).hasSize(25);
    }

    @Test
    void rejectsReferenceLongerThan25Chars() {
      InvoiceBuilder b = domesticGbp();
      b.incrementId = "1".repeat(22);
      assertThat(invalid(b, withPrefix("MAG-"))).contains("26 chars", "at most 25");
    }

    @Test
    void rejectsInvoiceWithoutCreatedAt() {
      InvoiceBuilder b = domesticGbp();
      b.createdAt = null;
      assertThat(invalid(b)).isEqualTo("invoice has no created_at");
    }

    @Test
    void rejectsGuestWithoutEmail() {
      InvoiceBuilder b = domesticGbp();
      b.customer = guest(" ", "A", "B");
      assertThat(invalid(b)).contains("no customer email");
    }
  }

  @Nested
  class TotalsInvariant {
    @Test
    void rejectsPennyMismatchWithFigures() {
      InvoiceBuilder b = domesticGbp();
      b.grandTotal = d("82.51");
      assertThat(invalid(b))
          .isEqualTo(
              "totals do not reconcile: Sage total 82.50 (lines net 70.00, tax 6.50, shipping"
                  + " 5.00, shipping tax 1.00) vs store grand_total 82.51");
    }

    @Test
    void acceptsStoreGrandTotalWithFloatNoise() {
      InvoiceBuilder b = domesticGbp();
      b.grandTotal = d("82.49999999999999");
      assertThat(translated(b).invoice().expectedTotal()).isEqualTo(d("82.50"));
    }

    @Test
    void rejectsGrandTotalReducedByStoreCredit() {
      InvoiceBuilder b = domesticGbp();
      b.grandTotal = d("72.50");
      assertThat(invalid(b)).contains("Sage total 82.50", "grand_total 72.50");
    }
  }

  @Test
  void truncatesAddressFieldsToSageLimits() {
    InvoiceBuilder b = domesticGbp();
    b.billing =
        new CanonicalAddress(
            "billing",
            List.of("A".repeat(60), "B".repeat(30), "C".repeat(30)),
            "D".repeat(70),
            "E".repeat(55),
            "SW1A 1AA EXTRA",
            "gb",
            null);
    SageAddress a = translated(b).invoice().mainAddress();
    assertThat(a.addressLine1()).hasSize(50);
    assertThat(a.addressLine2()).hasSize(50).startsWith("B".repeat(30) + ", C");
    assertThat(a.city()).hasSize(50);
    assertThat(a.region()).hasSize(50);
    assertThat(a.postalCode()).isEqualTo("SW1A 1AA E");
    assertThat(a.countryId()).isEqualTo("GB");
  }

  @Test
  void isDeterministic() {
    assertThat(InvoiceTranslator.translate(domesticGbp().build(), gbPolicy(), "GB", "GBP"))
        .isEqualTo(InvoiceTranslator.translate(domesticGbp().build(), gbPolicy(), "GB", "GBP"));
  }

  @Test
  void keepsTwoDecimalAmountsOnEveryLine() {
    for (SageInvoiceLine l : translated(domesticGbp()).invoice().lines()) {
      assertThat(List.of(l.unitPrice(), l.discountAmount(), l.taxAmount()))
          .extracting(BigDecimal::scale)
          .containsOnly(2);
    }
  }

  @Nested
  class LinesNamingSageItems {
    private final SageItems items =
        new SageItems(
            Map.of(
                "TEE-1", new SageItem(SageItem.Kind.PRODUCT, "prod-tee"),
                "SEAT-1", new SageItem(SageItem.Kind.STOCK_ITEM, "stock-seat"),
                "ENGRAVE", new SageItem(SageItem.Kind.SERVICE, "svc-engrave")));

    private InvoiceBuilder withEngravingAndGiftWrap() {
      return domesticGbp()
          .line(line("ENGRAVE", "Engraving", "1", "15", "15", "3", "0", "0.2", "virtual"))
          .line(line("WRAP-9", "Gift wrap", "1", "2.50", "2.50", "0.50", "0", "0.2", "simple"));
    }

    private SageInvoiceDraft withItems(InvoiceBuilder b) {
      InvoiceTranslation t =
          InvoiceTranslator.translate(b.build(), gbPolicy(), "GB", "GBP", false, items);
      assertThat(t).isInstanceOf(InvoiceTranslation.Translated.class);
      return ((InvoiceTranslation.Translated) t).invoice();
    }

    @Test
    void aLineWhoseSkuIsAProductNamesItByProductId() {
      SageInvoiceLine tee = withItems(withEngravingAndGiftWrap()).lines().get(0);

      assertThat(tee.productId()).isEqualTo("prod-tee");
      assertThat(tee.serviceId()).isNull();
    }

    @Test
    void aLineWhoseSkuIsAStockItemNamesItByProductId() {
      SageInvoiceLine seat = withItems(withEngravingAndGiftWrap()).lines().get(1);

      assertThat(seat.productId()).isEqualTo("stock-seat");
      assertThat(seat.serviceId()).isNull();
    }

    @Test
    void aLineWhoseSkuIsAServiceNamesItByServiceId() {
      SageInvoiceLine engraving = withItems(withEngravingAndGiftWrap()).lines().get(2);

      assertThat(engraving.serviceId()).isEqualTo("svc-engrave");
      assertThat(engraving.productId()).isNull();
    }

    @Test
    void aLineWhoseSkuIsNotInSageStaysFreeText() {
      SageInvoiceLine wrap = withItems(withEngravingAndGiftWrap()).lines().get(3);

      assertThat(wrap.productId()).isNull();
      assertThat(wrap.serviceId()).isNull();
      assertThat(wrap.description()).isEqualTo("Gift wrap");
      assertThat(wrap.ledgerAccountId()).isEqualTo("LEDGER4000");
      assertThat(wrap.taxRateId()).isEqualTo("GB_STANDARD");
    }

    @Test
    void namingAnItemChangesNothingElseOnTheLineOrTheInvoice() {
      SageInvoiceDraft free = translated(withEngravingAndGiftWrap()).invoice();
      SageInvoiceDraft named = withItems(withEngravingAndGiftWrap());

      assertThat(named.lines()).hasSameSizeAs(free.lines());
      for (int i = 0; i < free.lines().size(); i++) {
        SageInvoiceLine f = free.lines().get(i);
        SageInvoiceLine n = named.lines().get(i);
        assertThat(
                new SageInvoiceLine(
                    n.description(),
                    n.ledgerAccountId(),
                    n.quantity(),
                    n.unitPrice(),
                    n.discountAmount(),
                    n.taxRateId(),
                    n.taxAmount(),
                    n.euGoodsServicesTypeId()))
            .isEqualTo(f);
      }
      assertThat(named.expectedTotal()).isEqualTo(free.expectedTotal());
      assertThat(named.shippingNetAmount()).isEqualTo(free.shippingNetAmount());
      assertThat(named.shippingTaxRateId()).isEqualTo(free.shippingTaxRateId());
    }

    @Test
    void withoutItemsEveryLineIsFreeTextAsBefore() {
      SageInvoiceDraft none =
          ((InvoiceTranslation.Translated)
                  InvoiceTranslator.translate(
                      withEngravingAndGiftWrap().build(),
                      gbPolicy(),
                      "GB",
                      "GBP",
                      false,
                      SageItems.NONE))
              .invoice();

      assertThat(none).isEqualTo(translated(withEngravingAndGiftWrap()).invoice());
      assertThat(none.lines())
          .allSatisfy(
              l -> {
                assertThat(l.productId()).isNull();
                assertThat(l.serviceId()).isNull();
              });
    }

    @Test
    void aCrossBorderLineNamesItsItemAndStaysZeroRated() {
      InvoiceBuilder b = withEngravingAndGiftWrap();
      b.billing = address("billing", "FR", "1 Rue de Rivoli");
      b.lines =
          new java.util.ArrayList<>(
              List.of(
                  line("TEE-1", "T-shirt", "2", "10", "20", "0", "0", null, "simple"),
                  line("WRAP-9", "Gift wrap", "1", "2.50", "2.50", "0", "0", null, "simple")));
      b.shipping("5", "0");

      SageInvoiceDraft inv = withItems(b);

      assertThat(inv.lines().get(0).productId()).isEqualTo("prod-tee");
      assertThat(inv.lines().get(0).taxRateId()).isEqualTo("GB_ZERO");
      assertThat(inv.lines().get(0).euGoodsServicesTypeId()).isEqualTo("GOODS");
      assertThat(inv.lines().get(1).productId()).isNull();
    }

    @Test
    void aLineCannotNameAProductAndAService() {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  new SageInvoiceLine(
                      "x", "L", d("1"), d("1.00"), d("0.00"), "GB_ZERO", d("0.00"), null, "p", "s"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
