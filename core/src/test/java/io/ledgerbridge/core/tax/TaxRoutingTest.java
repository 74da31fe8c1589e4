package io.ledgerbridge.core.tax;

import static io.ledgerbridge.core.testing.Fixtures.address;
import static io.ledgerbridge.core.testing.Fixtures.d;
import static io.ledgerbridge.core.testing.Fixtures.invoice;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.testing.Fixtures.InvoiceBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaxRoutingTest {

  @Nested
  class TaxRateRoutingRules {
    private final Map<String, String> map =
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO");

    @Test
    void formatsPercentKeyWithTwoDecimals() {
      assertThat(TaxRateRouting.percentKey(d("20"))).isEqualTo("20.00");
      assertThat(TaxRateRouting.percentKey(d("7.125"))).isEqualTo("7.13");
    }

    @Test
    void exactKeyWins() {
      assertThat(TaxRateRouting.route(map, "DEF", d("5"), d("1"), List.of(d("20"))))
          .isEqualTo("GB_LOWER");
    }

    @Test
    void reproducesRateFromRoundedStoreRatio() {
      // 0.83 / 4.17 = 19.90 %
      assertThat(TaxRateRouting.route(map, "DEF", d("19.90"), d("0.83"), List.of(d("4.17"))))
          .isEqualTo("GB_STANDARD");
    }

    @Test
    void reproducesRateAppliedAfterDiscount() {
      // 5% of (20 - 2) = 0.90; ratio against the row total = 4.5%
      assertThat(TaxRateRouting.route(map, "DEF", d("4.50"), d("0.90"), List.of(d("20"), d("18"))))
          .isEqualTo("GB_LOWER");
    }

    @Test
    void prefersRateNearestObservedWhenSeveralReproduce() {
      Map<String, String> close = Map.of("20.00", "A", "20.50", "B");
      assertThat(TaxRateRouting.route(close, "DEF", d("20.40"), d("0.10"), List.of(d("0.50"))))
          .isEqualTo("B");
    }

    @Test
    void fallsBackToDefault() {
      assertThat(TaxRateRouting.route(map, "DEF", d("17.50"), d("17.50"), List.of(d("100"))))
          .isEqualTo("DEF");
    }

    @Test
    void doesNotReproduceZeroTax() {
      assertThat(
              TaxRateRouting.route(
                  Map.of("20.00", "GB_STANDARD"), "DEF", d("0"), d("0"), List.of(d("0.02"))))
          .isEqualTo("DEF");
    }

    @Test
    void ignoresUnparsableKeysAndNullNets() {
      Map<String, String> odd = Map.of("standard", "X", "20.00", "GB_STANDARD");
      assertThat(
              TaxRateRouting.route(
                  odd, "DEF", d("19.90"), d("0.83"), Arrays.asList(null, d("4.17"))))
          .isEqualTo("GB_STANDARD");
    }
  }

  @Nested
  class EuGoodsServicesRules {
    @Test
    void mapsProductTypes() {
      assertThat(EuGoodsServices.forProductType("simple", "X")).isEqualTo("GOODS");
      assertThat(EuGoodsServices.forProductType("configurable", "X")).isEqualTo("GOODS");
      assertThat(EuGoodsServices.forProductType("bundle", "X")).isEqualTo("GOODS");
      assertThat(EuGoodsServices.forProductType("grouped", "X")).isEqualTo("GOODS");
      assertThat(EuGoodsServices.forProductType("virtual", "X")).isEqualTo("SERVICES");
      assertThat(EuGoodsServices.forProductType("Downloadable", "X")).isEqualTo("SERVICES");
      assertThat(EuGoodsServices.forProductType("giftcard", "GOODS")).isEqualTo("GOODS");
      assertThat(EuGoodsServices.forProductType(null, "SERVICES")).isEqualTo("SERVICES");
    }

    @Test
    void oneTypePerDocumentAndMixCoercedToDefault() {
      assertThat(EuGoodsServices.forDocument(List.of("virtual", "downloadable"), "GOODS"))
          .isEqualTo("SERVICES");
      assertThat(EuGoodsServices.forDocument(List.of("virtual", "simple"), "GOODS"))
          .isEqualTo("GOODS");
      assertThat(EuGoodsServices.forDocument(List.of("virtual", "simple"), "SERVICES"))
          .isEqualTo("SERVICES");
      assertThat(EuGoodsServices.isMixed(List.of("virtual", "simple"), "GOODS")).isTrue();
      assertThat(EuGoodsServices.isMixed(List.of("simple", "bundle"), "GOODS")).isFalse();
      assertThat(EuGoodsServices.forDocument(List.of(), "GOODS")).isEqualTo("GOODS");
    }
  }

  @Nested
  class CrossBorderRules {
    private InvoiceBuilder base() {
      return invoice().line(line("A", "A", "1", "1", "1", "0", "0", null, "simple"));
    }

    @Test
    void domesticWhenBillingCountryMatchesBusiness() {
      assertThat(CrossBorder.isCrossBorder(base().build(), "GB")).isFalse();
      assertThat(CrossBorder.isCrossBorder(base().build(), "gb")).isFalse();
    }

    @Test
    void crossBorderWhenBillingCountryDiffers() {
      InvoiceBuilder b = base();
      b.billing = address("billing", "ie", "1 Main St");
      assertThat(CrossBorder.isCrossBorder(b.build(), "GB")).isTrue();
      assertThat(CrossBorder.billingCountry(b.build())).contains("IE");
    }

    @Test
    void shippingCountryDoesNotMakeItCrossBorder() {
      InvoiceBuilder b = base();
      b.shipping = address("shipping", "FR", "1 Rue");
      assertThat(CrossBorder.isCrossBorder(b.build(), "GB")).isFalse();
    }

    @Test
    void unknownBillingCountryIsDomestic() {
      InvoiceBuilder b = base();
      b.billing = null;
      assertThat(CrossBorder.billingCountry(b.build())).isEmpty();
      assertThat(CrossBorder.isCrossBorder(b.build(), "GB")).isFalse();
    }
  }
}
