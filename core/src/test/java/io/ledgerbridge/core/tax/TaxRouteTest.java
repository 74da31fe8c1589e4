package io.ledgerbridge.core.tax;

import static io.ledgerbridge.core.testing.Fixtures.d;
import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaxRouteTest {
  private final SyncPolicy policy = gbPolicy();

  @Test
  void billingInTheBusinessCountryIsDomestic() {
    TaxRoute route = TaxRoute.choose(Optional.of("gb"), "GB", List.of("simple"), policy);
    assertThat(route).isInstanceOf(TaxRoute.Domestic.class);
    assertThat(route.isCrossBorder()).isFalse();
    assertThat(route.warning()).isEmpty();
  }

  @Test
  void anUnknownBillingCountryIsTreatedAsDomestic() {
    assertThat(TaxRoute.choose(Optional.empty(), "GB", List.of(), policy).isCrossBorder())
        .isFalse();
    assertThat(TaxRoute.choose(Optional.of("  "), "GB", List.of(), policy).isCrossBorder())
        .isFalse();
  }

  @Test
  void domesticLinesKeepTheStoreTaxAndRouteTheRateThroughTheMap() {
    TaxRoute route = TaxRoute.choose(Optional.of("GB"), "GB", List.of("simple"), policy);
    TaxRoute.LineTax tax = route.line(d("4.004"), d("20"), List.of(d("20.02")));
    assertThat(tax.taxRateId()).isEqualTo("GB_STANDARD");
    assertThat(tax.tax()).isEqualByComparingTo("4.00");
    assertThat(tax.euGoodsServicesType()).isNull();
  }

  @Test
  void crossBorderLinesAreZeroRatedWithTheDocumentsEuType() {
    TaxRoute route =
        TaxRoute.choose(Optional.of("DE"), "GB", List.of("virtual", "downloadable"), policy);
    TaxRoute.LineTax tax = route.line(d("4.00"), d("20"), List.of(d("20")));
    assertThat(route.isCrossBorder()).isTrue();
    assertThat(tax.taxRateId()).isEqualTo(policy.zeroTaxRateId());
    assertThat(tax.tax()).isEqualByComparingTo("0.00");
    assertThat(tax.euGoodsServicesType()).isEqualTo(EuGoodsServices.SERVICES);
    assertThat(route.warning()).isEmpty();
  }

  @Test
  void crossBorderLinesMixingGoodsAndServicesTakeTheDefaultWithAWarning() {
    TaxRoute route = TaxRoute.choose(Optional.of("FR"), "GB", List.of("simple", "virtual"), policy);
    assertThat(route.line(d("0"), d("0"), List.of()).euGoodsServicesType())
        .isEqualTo(policy.defaultEuGoodsServicesType());
    assertThat(route.warning())
        .hasValueSatisfying(w -> assertThat(w).startsWith(TaxRoute.MIXED_COERCED_TO_DEFAULT));
  }

  @Test
  void noShippingAndNoShippingTaxSendNoShippingPanel() {
    TaxRoute domestic = TaxRoute.choose(Optional.of("GB"), "GB", List.of(), policy);
    TaxRoute crossBorder = TaxRoute.choose(Optional.of("DE"), "GB", List.of(), policy);
    assertThat(domestic.shipping(d("0"), d("0"))).isEqualTo(TaxRoute.ShippingTax.NONE);
    assertThat(crossBorder.shipping(d("0.001"), d("0"))).isEqualTo(TaxRoute.ShippingTax.NONE);
  }

  @Test
  void untaxedDomesticShippingUsesTheZeroRateSoSageAddsNoPhantomTax() {
    TaxRoute route = TaxRoute.choose(Optional.of("GB"), "GB", List.of(), policy);
    TaxRoute.ShippingTax shipping = route.shipping(d("4.95"), d("0"));
    assertThat(shipping.taxRateId()).isEqualTo(policy.zeroTaxRateId());
    assertThat(shipping.net()).isEqualByComparingTo("4.95");
    assertThat(shipping.tax()).isEqualByComparingTo("0.00");
  }

  @Test
  void taxedDomesticShippingRoutesItsPercentage() {
    TaxRoute route = TaxRoute.choose(Optional.of("GB"), "GB", List.of(), policy);
    TaxRoute.ShippingTax shipping = route.shipping(d("5.00"), d("0.25"));
    assertThat(shipping.taxRateId()).isEqualTo("GB_LOWER");
    assertThat(shipping.tax()).isEqualByComparingTo("0.25");
  }

  @Test
  void crossBorderShippingFollowsTheGoods() {
    TaxRoute route = TaxRoute.choose(Optional.of("IE"), "GB", List.of("simple"), policy);
    TaxRoute.ShippingTax shipping = route.shipping(d("5.00"), d("1.00"));
    assertThat(shipping.taxRateId()).isEqualTo(policy.zeroTaxRateId());
    assertThat(shipping.tax()).isEqualByComparingTo("0.00");
    assertThat(shipping.netOrZero()).isEqualByComparingTo("5.00");
  }
}
