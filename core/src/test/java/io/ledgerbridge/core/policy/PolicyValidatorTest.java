package io.ledgerbridge.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ledgerbridge.core.reference.ReferenceData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

  private static final ReferenceData REFERENCE =
      new ReferenceData(
          "GBP",
          "GB",
          List.of(
              new ReferenceData.TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.0")),
              new ReferenceData.TaxRate("GB_LOWER", "Lower 5.00%", new BigDecimal("5.0")),
              new ReferenceData.TaxRate("GB_ZERO", "Zero 0.00%", BigDecimal.ZERO)),
          List.of(
              new ReferenceData.LedgerAccount("L4000", "Sales (4000)", 4000, true, false),
              new ReferenceData.LedgerAccount("L5000", "Purchases (5000)", 5000, false, true),
              new ReferenceData.LedgerAccount("L1200", "Bank (1200)", 1200, false, false)),
          List.of(new ReferenceData.BankAccount("BANK1", "Current (1200)", "GBP")),
          List.of("GBP", "EUR"),
          Instant.parse("2026-04-01T00:00:00Z"));

  private static SyncPolicy base() {
    return SyncPolicy.defaults("L4000")
        .withTaxRateMap(Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER"));
  }

  private static SyncPolicy withMappings(String ledger, String bank, String purchase) {
    return base()
        .withMappings(
            new SyncPolicy.DefaultMappings("GB_STANDARD", ledger, bank, purchase, "GB_ZERO"));
  }

  private static SyncPolicy withSync(boolean products, boolean stock) {
    return base()
        .withBehaviour(
            new SyncPolicy.SyncBehaviour(true, true, null, Set.of(), Set.of(), products, stock));
  }

  @Test
  void aPolicyMatchingTheReferenceIsValid() {
    assertThat(PolicyValidator.validate(base(), REFERENCE)).isEmpty();
    assertThat(PolicyValidator.validate(withMappings("L4000", "BANK1", "L5000"), REFERENCE))
        .isEmpty();
  }

  @Nested
  class TaxRates {
    @Test
    void everyProductTaxClassRateMustBeInTheReference() {
      SyncPolicy p =
          base()
              .withProductTaxClassMap(
                  Map.of("2", "GB_STANDARD", "10", "GB_NOPE", "0", "GB_ZERO", "3", "X"));

      assertThat(PolicyValidator.validate(p, REFERENCE))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(
              tuple("product_tax_class_map.3", "not_in_reference"),
              tuple("product_tax_class_map.10", "not_in_reference"));
    }

    @Test
    void everyTaxRateIdMustBeInTheReference() {
      SyncPolicy p =
          base()
              .withMappings(new SyncPolicy.DefaultMappings("NOPE", "L4000", null, null, "ZZ"))
              .withTaxRateMap(Map.of("20.00", "GB_STANDARD", "5.00", "GONE"));
      assertThat(PolicyValidator.validate(p, REFERENCE))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(
              tuple("default_tax_rate_id", "not_in_reference"),
              tuple("zero_tax_rate_id", "not_in_reference"),
              tuple("tax_rate_map.5.00", "not_in_reference"));
    }
  }

  @Nested
  class LedgerAccounts {
    @Test
    void unknownSalesLedgerIsNotInReference() {
      List<FieldError> e = PolicyValidator.validate(withMappings("L9999", null, null), REFERENCE);
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("default_ledger_account_id", "not_in_reference"));
    }

    @Test
    void ledgerNotVisibleInSalesIsNotInReferenceAndSaysWhy() {
      List<FieldError> e = PolicyValidator.validate(withMappings("L5000", null, null), REFERENCE);
      assertThat(e).hasSize(1);
      assertThat(e.get(0).code()).isEqualTo("not_in_reference");
      assertThat(e.get(0).message()).contains("not a sales ledger account");
    }

    @Test
    void purchaseLedgerMustExistAndBeVisibleInExpenses() {
      assertThat(PolicyValidator.validate(withMappings("L4000", null, "L4000"), REFERENCE))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("default_purchase_ledger_account_id", "not_in_reference"));
      assertThat(PolicyValidator.validate(withMappings("L4000", null, "L0"), REFERENCE))
          .extracting(FieldError::field)
          .containsExactly("default_purchase_ledger_account_id");
    }
  }

  @Nested
  class BankAccounts {
    @Test
    void defaultBankMustExist() {
      assertThat(PolicyValidator.validate(withMappings("L4000", "BANK9", null), REFERENCE))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("default_bank_account_id", "not_in_reference"));
    }

    @Test
    void mappedBanksMustExistAndMappedToNoneIsFine() {
      SyncPolicy p =
          base()
              .withPaymentMethodMap(
                  Map.of(
                      "checkmo", new SyncPolicy.PaymentMapping("BANK9"),
                      "card", new SyncPolicy.PaymentMapping("BANK1"),
                      "banktransfer", SyncPolicy.PaymentMapping.leaveUnpaid()));
      assertThat(PolicyValidator.validate(p, REFERENCE))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("payment_method_map.checkmo", "not_in_reference"));
    }
  }

  @Nested
  class RequiredWhen {
    @Test
    void purchaseLedgerIsRequiredWhenProductsSync() {
      assertThat(PolicyValidator.validate(withSync(true, false), null))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("default_purchase_ledger_account_id", "required"));
      SyncPolicy ok =
          withSync(true, false)
              .withMappings(
                  new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", null, "L5000", "GB_ZERO"));
      assertThat(PolicyValidator.validate(ok, REFERENCE)).isEmpty();
    }

    @Test
    void stockSyncNeedsProductSync() {
      List<FieldError> e = PolicyValidator.validate(withSync(false, true), null);
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("sync_stock", "invalid_format"));
      assertThat(e.get(0).message()).contains("sync_products");
    }

    @Test
    void enabledConsolidationNeedsAFallbackName() {
      SyncPolicy p =
          base()
              .withB2c(
                  new SyncPolicy.B2cConsolidation(
                      true, " ", null, "WEBSALES", BigDecimal.TEN, true));
      assertThat(PolicyValidator.validate(p, null))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(tuple("b2c_consolidation.fallback_contact_name", "required"));
    }

    @Test
    void disabledConsolidationIgnoresTheFallbackName() {
      SyncPolicy p =
          base()
              .withB2c(
                  new SyncPolicy.B2cConsolidation(
                      false, "", null, "WEBSALES", BigDecimal.TEN, true));
      assertThat(PolicyValidator.validate(p, null)).isEmpty();
    }
  }

  @Test
  void withoutReferenceOnlyReferenceFreeRulesRun() {
    SyncPolicy p = withMappings("UNKNOWN", "UNKNOWN", null);
    assertThat(PolicyValidator.validate(p, null)).isEmpty();
    assertThat(PolicyValidator.validate(p, REFERENCE)).hasSize(2);
  }
}
