package io.ledgerbridge.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartingPolicyTest {
  private static final Instant FETCHED = Instant.parse("2026-12-01T00:00:00Z");

  private static ReferenceData data(
      String country, List<TaxRate> rates, List<LedgerAccount> ledgers) {
    return new ReferenceData("GBP", country, rates, ledgers, List.of(), List.of("GBP"), FETCHED);
  }

  private static LedgerAccount sales(String id, Integer code) {
    return new LedgerAccount(id, "Sales " + code, code, true, false);
  }

  private static LedgerAccount purchases(String id, Integer code) {
    return new LedgerAccount(id, "Costs " + code, code, false, true);
  }

  private static TaxRate rate(String id, String percentage) {
    return new TaxRate(id, id, percentage == null ? null : new BigDecimal(percentage));
  }

  @Test
  void choosesNominal4000AndTheCountrysOwnRatesWhenTheBusinessHasThem() {
    ReferenceData d =
        data(
            "IE",
            List.of(
                rate("IE_ZERO", "0.00"),
                rate("IE_STANDARD", "23.00"),
                rate("IE_REDUCED", "13.50"),
                rate("LUXURY", "50.00")),
            List.of(sales("L1000", 1000), sales("L4000", 4000), sales("L4010", 4010)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();

    assertThat(policy.defaultLedgerAccountId()).isEqualTo("L4000");
    assertThat(policy.defaultTaxRateId()).isEqualTo("IE_STANDARD");
    assertThat(policy.zeroTaxRateId()).isEqualTo("IE_ZERO");
  }

  @Test
  void theCountryIsMatchedWhateverItsCase() {
    ReferenceData d =
        data(
            "gb",
            List.of(rate("OTHER_ZERO", "0"), rate("GB_ZERO", "0"), rate("GB_STANDARD", "20")),
            List.of(sales("L4000", 4000)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();

    assertThat(policy.defaultTaxRateId()).isEqualTo("GB_STANDARD");
    assertThat(policy.zeroTaxRateId()).isEqualTo("GB_ZERO");
  }

  @Test
  void withoutA4000InSalesTakesTheLowestVisibleNominalCode() {
    ReferenceData d =
        data(
            "GB",
            List.of(rate("GB_STANDARD", "20")),
            List.of(
                purchases("P4000", 4000),
                purchases("P0100", 100),
                sales("S4020", 4020),
                sales("SNULL", null),
                sales("S4005", 4005)));

    assertThat(StartingPolicy.from(d).orElseThrow().defaultLedgerAccountId()).isEqualTo("S4005");
  }

  @Test
  void accountsWithoutNominalCodeComeLast() {
    ReferenceData d = data("GB", List.of(), List.of(sales("SNULL", null), sales("S9000", 9000)));

    assertThat(StartingPolicy.from(d).orElseThrow().defaultLedgerAccountId()).isEqualTo("S9000");
    assertThat(
            StartingPolicy.from(data("GB", List.of(), List.of(sales("ONLY", null))))
                .orElseThrow()
                .defaultLedgerAccountId())
        .isEqualTo("ONLY");
  }

  @Test
  void isEmptyWhenNoLedgerAccountIsVisibleInSales() {
    assertThat(StartingPolicy.from(data("GB", List.of(), List.of()))).isEmpty();
    assertThat(StartingPolicy.from(data("GB", List.of(), List.of(purchases("P4000", 4000)))))
        .isEmpty();
  }

  @Test
  void withoutTheCountrysRatesTakesTheHighestAndAZeroRate() {
    ReferenceData d =
        data(
            "US",
            List.of(
                rate("NO_TAX", null),
                rate("LOW", "5.00"),
                rate("EXEMPT", "0.00"),
                rate("HIGH", "8.875"),
                rate("NIL", "0")),
            List.of(sales("L4000", 4000)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();

    assertThat(policy.defaultTaxRateId()).isEqualTo("HIGH");
    assertThat(policy.zeroTaxRateId()).isEqualTo("EXEMPT");
  }

  @Test
  void withoutAnyUsableRateKeepsTheDocumentedDefaults() {
    ReferenceData d = data("US", List.of(rate("NO_TAX", null)), List.of(sales("L4000", 4000)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();

    assertThat(policy.defaultTaxRateId()).isEqualTo("GB_STANDARD");
    assertThat(policy.zeroTaxRateId()).isEqualTo("GB_ZERO");
  }

  @Test
  void anUnknownCountryIsReadAsGb() {
    ReferenceData d =
        data(
            null,
            List.of(rate("GB_STANDARD", "20"), rate("OTHER", "25"), rate("GB_ZERO", "0")),
            List.of(sales("L4000", 4000)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();

    assertThat(policy.defaultTaxRateId()).isEqualTo("GB_STANDARD");
    assertThat(policy.zeroTaxRateId()).isEqualTo("GB_ZERO");
  }

  @Test
  void keepsEveryOtherSettingAtItsDefault() {
    ReferenceData d =
        data(
            "GB",
            List.of(rate("GB_STANDARD", "20"), rate("GB_ZERO", "0")),
            List.of(sales("L4000", 4000)));

    SyncPolicy policy = StartingPolicy.from(d).orElseThrow();
    SyncPolicy defaults = SyncPolicy.defaults("L4000");

    assertThat(policy).isEqualTo(defaults);
    assertThat(policy.mappings().defaultBankAccountId()).isNull();
    assertThat(policy.mappings().defaultPurchaseLedgerAccountId()).isNull();
  }
}
