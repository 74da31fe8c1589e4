package io.ledgerbridge.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyCodecTest {

  /** The smallest valid document: the two required ids. */
  private static Map<String, Object> minimal() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("default_tax_rate_id", "GB_STANDARD");
    m.put("default_ledger_account_id", "L4000");
    return m;
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> m = minimal();
    m.put(key, value);
    return m;
  }

  private static Map<String, Object> b2c(String key, Object value) {
    Map<String, Object> b = new HashMap<>();
    b.put(key, value);
    return with("b2c_consolidation", b);
  }

  private static SyncPolicy valid(Map<String, Object> doc) {
    PolicyCodec.Decoded d = PolicyCodec.decode(doc);
    assertThat(d).isInstanceOf(PolicyCodec.Valid.class);
    return ((PolicyCodec.Valid) d).policy();
  }

  private static List<FieldError> errors(Map<String, Object> doc) {
    PolicyCodec.Decoded d = PolicyCodec.decode(doc);
    assertThat(d).isInstanceOf(PolicyCodec.Invalid.class);
    return ((PolicyCodec.Invalid) d).errors();
  }

  private static FieldError onlyError(Map<String, Object> doc) {
    List<FieldError> e = errors(doc);
    assertThat(e).hasSize(1);
    return e.get(0);
  }

  static SyncPolicy everyKnobSet() {
    return new SyncPolicy(
        new SyncPolicy.SyncBehaviour(
            false,
            false,
            Instant.parse("2026-01-01T00:00:00Z"),
            Set.of(3, 1),
            Set.of(2),
            true,
            true),
        new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", "BANK1", "L5000", "GB_ZERO"),
        Map.of(
            "checkmo",
            new SyncPolicy.PaymentMapping("BANK2"),
            "banktransfer",
            SyncPolicy.PaymentMapping.leaveUnpaid()),
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
        new SyncPolicy.Commercial("WEB-", "Person"),
        new SyncPolicy.MultiCurrency("SERVICES", Map.of("simple", "GOODS", "virtual", "SERVICES")),
        new SyncPolicy.B2cConsolidation(
            true, "Web Sales", "sales@example.com", "SHOP", new BigDecimal("50.00"), false),
        Map.of("checkmo", "CASH", "stripe_payments", "ONLINE_PAYMENT"),
        Map.of("2", "GB_STANDARD", "10", "GB_LOWER", "0", "GB_ZERO"));
  }

  @Nested
  class Defaults {
    @Test
    void missingKeysTakeTheDocumentedDefaults() {
      SyncPolicy p = valid(minimal());

      assertThat(p).isEqualTo(SyncPolicy.defaults("L4000"));
      assertThat(p.syncUnpaidInvoices()).isTrue();
      assertThat(p.syncZeroValueInvoices()).isTrue();
      assertThat(p.syncSince()).isNull();
      assertThat(p.behaviour().syncProducts()).isFalse();
      assertThat(p.behaviour().syncStock()).isFalse();
      assertThat(p.zeroTaxRateId()).isEqualTo("GB_ZERO");
      assertThat(p.mappings().defaultBankAccountId()).isNull();
      assertThat(p.invoiceNumberPrefix()).isEmpty();
      assertThat(p.customerNamePriority()).isEqualTo("Company");
      assertThat(p.defaultEuGoodsServicesType()).isEqualTo("GOODS");
      assertThat(p.multiCurrency().productTypeEuGoodsMap())
          .isEqualTo(SyncPolicy.MultiCurrency.DEFAULT_PRODUCT_TYPE_MAP);
      assertThat(p.b2c()).isEqualTo(SyncPolicy.B2cConsolidation.disabled());
    }

    @Test
    void explicitNullTakesTheDefault() {
      assertThat(valid(with("sync_unpaid_invoices", null)).syncUnpaidInvoices()).isTrue();
      assertThat(valid(with("zero_tax_rate_id", null)).zeroTaxRateId()).isEqualTo("GB_ZERO");
    }

    @Test
    void sagePaymentMethodsAreMatchedCaseInsensitivelyAndMustBeSages() {
      assertThat(
              valid(with("sage_payment_method_map", Map.of("checkmo", "cash")))
                  .sagePaymentMethodMap())
          .containsExactly(Map.entry("checkmo", "CASH"));
      PolicyCodec.Decoded bad =
          PolicyCodec.decode(with("sage_payment_method_map", Map.of("checkmo", "CHEQUE")));
      assertThat(bad)
          .isInstanceOfSatisfying(
              PolicyCodec.Invalid.class,
              i ->
                  assertThat(i.errors())
                      .singleElement()
                      .satisfies(
                          e -> {
                            assertThat(e.field()).isEqualTo("sage_payment_method_map.checkmo");
                            assertThat(e.code()).isEqualTo(PolicyCodec.NOT_IN_REFERENCE);
                          }));
    }

    @Test
    void blankOptionalIdsMeanNone() {
      assertThat(valid(with("default_bank_account_id", " ")).mappings().defaultBankAccountId())
          .isNull();
    }
  }

  @Nested
  class RoundTrip {
    @Test
    void decodeOfEncodeIsTheSamePolicy() {
      SyncPolicy p = everyKnobSet();
      assertThat(valid(PolicyCodec.encode(p))).isEqualTo(p);
      assertThat(valid(PolicyCodec.encode(SyncPolicy.defaults("L1"))))
          .isEqualTo(SyncPolicy.defaults("L1"));
    }

    @Test
    void encodeWritesEveryKeyInDocumentOrderWithSortedCollections() {
      Map<String, Object> doc = PolicyCodec.encode(everyKnobSet());

      assertThat(new ArrayList<>(doc.keySet())).isEqualTo(PolicyCodec.KEYS);
      assertThat(doc.get("website_filter")).isEqualTo(List.of(1, 3));
      assertThat(doc.get("sync_since")).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(new ArrayList<Object>(((Map<?, ?>) doc.get("tax_rate_map")).keySet()))
          .containsExactly("0.00", "20.00", "5.00");
      assertThat(new ArrayList<Object>(((Map<?, ?>) doc.get("product_tax_class_map")).keySet()))
          .containsExactly("0", "2", "10");
      Map<?, ?> payments = (Map<?, ?>) doc.get("payment_method_map");
      assertThat(new ArrayList<Object>(payments.keySet()))
          .containsExactly("banktransfer", "checkmo");
      assertThat(payments.get("banktransfer")).isNull();
      assertThat(payments.containsKey("banktransfer")).isTrue();
      Map<?, ?> b2c = (Map<?, ?>) doc.get("b2c_consolidation");
      assertThat(new ArrayList<Object>(b2c.keySet())).isEqualTo(PolicyCodec.B2C_KEYS);
      assertThat(b2c.get("min_total_for_individual")).isEqualTo(new BigDecimal("50.00"));
    }

    @Test
    void encodeIsStableAcrossEqualPolicies() {
      assertThat(PolicyCodec.encode(everyKnobSet()).toString())
          .isEqualTo(PolicyCodec.encode(valid(PolicyCodec.encode(everyKnobSet()))).toString());
    }

    @Test
    void randomPoliciesRoundTrip() {
      Random rnd = new Random(4242);
      for (int i = 0; i < 1000; i++) {
        SyncPolicy p = randomPolicy(rnd);
        assertThat(valid(PolicyCodec.encode(p))).as("policy %s", i).isEqualTo(p);
      }
    }

    private SyncPolicy randomPolicy(Random r) {
      Map<String, SyncPolicy.PaymentMapping> payments = new HashMap<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        payments.put(
            "m" + r.nextInt(100),
            r.nextBoolean()
                ? SyncPolicy.PaymentMapping.leaveUnpaid()
                : new SyncPolicy.PaymentMapping("B" + r.nextInt(9)));
      }
      Map<String, String> taxes = new HashMap<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        taxes.put(BigDecimal.valueOf(r.nextInt(10001), 2).toPlainString(), "T" + r.nextInt(9));
      }
      Map<String, String> taxClasses = new HashMap<>();
      for (int i = r.nextInt(3); i > 0; i--) {
        taxClasses.put(Integer.toString(r.nextInt(40)), "T" + r.nextInt(9));
      }
      return new SyncPolicy(
          new SyncPolicy.SyncBehaviour(
              r.nextBoolean(),
              r.nextBoolean(),
              r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000)),
              new java.util.HashSet<>(List.of(r.nextInt(5), r.nextInt(5))),
              Set.of(r.nextInt(9)),
              r.nextBoolean(),
              r.nextBoolean()),
          new SyncPolicy.DefaultMappings(
              "T" + r.nextInt(9),
              "L" + r.nextInt(9),
              r.nextBoolean() ? null : "B1",
              r.nextBoolean() ? null : "P1",
              "Z" + r.nextInt(3)),
          payments,
          taxes,
          new SyncPolicy.Commercial("P" + r.nextInt(1000), r.nextBoolean() ? "Company" : "Person"),
          new SyncPolicy.MultiCurrency(
              r.nextBoolean() ? "GOODS" : "SERVICES",
              r.nextBoolean() ? null : Map.of("simple", r.nextBoolean() ? "GOODS" : "SERVICES")),
          new SyncPolicy.B2cConsolidation(
              r.nextBoolean(),
              "Name " + r.nextInt(99),
              r.nextBoolean() ? null : "a@b.co",
              "R" + r.nextInt(99999),
              BigDecimal.valueOf(r.nextInt(100000), r.nextInt(3)),
              r.nextBoolean()),
          Map.of(),
          taxClasses);
    }
  }

  @Nested
  class ProductTaxClassMap {
    @Test
    void absentIsEmptyAndKeysAreCanonicalTaxClassIds() {
      assertThat(valid(minimal()).productTaxClassMap()).isEmpty();
      assertThat(
              valid(with("product_tax_class_map", Map.of("2", "GB_STANDARD", " 05 ", "GB_LOWER")))
                  .productTaxClassMap())
          .containsExactlyInAnyOrderEntriesOf(Map.of("2", "GB_STANDARD", "5", "GB_LOWER"));
    }

    @Test
    void aKeyThatIsNoTaxClassIdIsInvalidFormat() {
      for (String key : List.of("taxable", "-1", "2.0", "", "12345678901")) {
        FieldError e = onlyError(with("product_tax_class_map", Map.of(key, "GB_STANDARD")));
        assertThat(e.field()).as(key).isEqualTo("product_tax_class_map." + key);
        assertThat(e.code()).as(key).isEqualTo("invalid_format");
      }
    }

    @Test
    void twoKeysForTheSameClassAreInvalid() {
      FieldError e = onlyError(with("product_tax_class_map", Map.of("2", "A", "02", "B")));
      assertThat(e.code()).isEqualTo("invalid_format");
      assertThat(e.message()).contains("same tax class 2");
    }

    @Test
    void aBlankOrNonTextRateIsInvalidFormat() {
      assertThat(onlyError(with("product_tax_class_map", Map.of("2", " "))))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("product_tax_class_map.2", "invalid_format");
      assertThat(onlyError(with("product_tax_class_map", Map.of("2", 20))).code())
          .isEqualTo("invalid_format");
      assertThat(onlyError(with("product_tax_class_map", List.of())).code())
          .isEqualTo("invalid_format");
    }
  }

  @Nested
  class Required {
    @Test
    void ledgerAndTaxRateAreRequiredAndBothAreReported() {
      List<FieldError> e = errors(new HashMap<>());
      assertThat(e)
          .containsExactly(
              new FieldError("default_tax_rate_id", "required", "is required"),
              new FieldError("default_ledger_account_id", "required", "is required"));
    }

    @Test
    void blankRequiredIdIsMissing() {
      assertThat(onlyError(with("default_ledger_account_id", "  ")).code()).isEqualTo("required");
    }

    @Test
    void nullDocumentIsAnEmptyOne() {
      assertThat(errors(null)).hasSize(2);
    }
  }

  @Nested
  class Formats {
    @Test
    void wrongJsonTypeIsInvalidFormat() {
      FieldError e = onlyError(with("sync_unpaid_invoices", "yes"));
      assertThat(e.field()).isEqualTo("sync_unpaid_invoices");
      assertThat(e.code()).isEqualTo("invalid_format");
      assertThat(onlyError(with("default_ledger_account_id", 4000)).code())
          .isEqualTo("invalid_format");
      assertThat(onlyError(with("tax_rate_map", List.of())).code()).isEqualTo("invalid_format");
      assertThat(onlyError(with("website_filter", "1,2")).code()).isEqualTo("invalid_format");
    }

    @Test
    void badInstantIsInvalidFormat() {
      FieldError e = onlyError(with("sync_since", "yesterday"));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("sync_since", "invalid_format");
    }

    @Test
    void offsetDateTimeIsAcceptedAsAnInstant() {
      assertThat(valid(with("sync_since", "2026-01-01T01:00:00+01:00")).syncSince())
          .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void enumValuesAreCheckedAndCanonicalised() {
      assertThat(valid(with("customer_name_priority", "person")).customerNamePriority())
          .isEqualTo("Person");
      assertThat(
              valid(with("default_eu_goods_services_type", "services"))
                  .defaultEuGoodsServicesType())
          .isEqualTo("SERVICES");
      FieldError e = onlyError(with("customer_name_priority", "Nickname"));
      assertThat(e.code()).isEqualTo("invalid_format");
      assertThat(e.message()).contains("Company", "Person");
      assertThat(onlyError(with("default_eu_goods_services_type", "BOTH")).code())
          .isEqualTo("invalid_format");
    }

    @Test
    void filtersAcceptAnyIntegralNumberKind() {
      SyncPolicy p =
          valid(
              with(
                  "website_filter",
                  List.of(1, 2L, new BigDecimal("3"), BigInteger.valueOf(4), 5.0)));
      assertThat(p.websiteFilter()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void fractionalFilterIdIsInvalidFormat() {
      FieldError e = onlyError(with("store_filter", List.of(1, 1.5)));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("store_filter.1", "invalid_format");
    }

    @Test
    void negativeFilterIdIsOutOfRange() {
      FieldError e = onlyError(with("website_filter", List.of(-1)));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("website_filter.0", "OUT_OF_RANGE");
    }

    @Test
    void badFallbackEmailIsInvalidFormat() {
      FieldError e = onlyError(b2c("fallback_contact_email", "not-an-email"));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("b2c_consolidation.fallback_contact_email", "invalid_format");
    }

    @Test
    void productTypeMapReplacesTheDefaultAndIsCanonicalised() {
      SyncPolicy p =
          valid(with("product_type_eu_goods_map", Map.of("Virtual", "goods", "simple", "GOODS")));
      assertThat(p.multiCurrency().productTypeEuGoodsMap())
          .isEqualTo(Map.of("virtual", "GOODS", "simple", "GOODS"));
      FieldError e = onlyError(with("product_type_eu_goods_map", Map.of("simple", "THINGS")));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("product_type_eu_goods_map.simple", "invalid_format");
    }

    @Test
    void paymentMapValueMustBeAnIdOrNull() {
      Map<String, Object> map = new HashMap<>();
      map.put("checkmo", null);
      map.put("card", "BANK1");
      SyncPolicy p = valid(with("payment_method_map", map));
      assertThat(p.paymentMethodMap())
          .isEqualTo(
              Map.of(
                  "checkmo",
                  SyncPolicy.PaymentMapping.leaveUnpaid(),
                  "card",
                  new SyncPolicy.PaymentMapping("BANK1")));
      FieldError e = onlyError(with("payment_method_map", Map.of("checkmo", 7)));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("payment_method_map.checkmo", "invalid_format");
    }

    @Test
    void minTotalAcceptsNumbersAndNumericStrings() {
      assertThat(valid(b2c("min_total_for_individual", 25)).b2c().minTotalForIndividual())
          .isEqualByComparingTo("25");
      assertThat(valid(b2c("min_total_for_individual", 25.5)).b2c().minTotalForIndividual())
          .isEqualByComparingTo("25.5");
      assertThat(valid(b2c("min_total_for_individual", "10.00")).b2c().minTotalForIndividual())
          .isEqualTo(new BigDecimal("10.00"));
      assertThat(onlyError(b2c("min_total_for_individual", "ten")).code())
          .isEqualTo("invalid_format");
      assertThat(onlyError(b2c("min_total_for_individual", new BigDecimal("1.005"))).code())
          .isEqualTo("invalid_format");
    }
  }

  @Nested
  class TaxRateMapKeys {
    @Test
    void keysAreCanonicalisedToTwoDecimals() {
      SyncPolicy p =
          valid(with("tax_rate_map", Map.of("20", "GB_STANDARD", "5.5", "R55", "0.000", "Z")));
      assertThat(p.taxRateMap())
          .isEqualTo(Map.of("20.00", "GB_STANDARD", "5.50", "R55", "0.00", "Z"));
    }

    @Test
    void twoKeysForTheSamePercentageAreInvalid() {
      FieldError e = onlyError(with("tax_rate_map", Map.of("20", "A", "20.00", "B")));
      assertThat(e.code()).isEqualTo("invalid_format");
      assertThat(e.message()).contains("20.00");
    }

    @Test
    void nonNumericOrOverPreciseKeysAreInvalidFormat() {
      assertThat(onlyError(with("tax_rate_map", Map.of("twenty", "A"))))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("tax_rate_map.twenty", "invalid_format");
      assertThat(onlyError(with("tax_rate_map", Map.of("5.555", "A"))).code())
          .isEqualTo("invalid_format");
    }

    @Test
    void percentageOutsideZeroToHundredIsOutOfRange() {
      assertThat(onlyError(with("tax_rate_map", Map.of("100.01", "A"))).code())
          .isEqualTo("OUT_OF_RANGE");
      assertThat(onlyError(with("tax_rate_map", Map.of("-1", "A"))).code())
          .isEqualTo("OUT_OF_RANGE");
      assertThat(valid(with("tax_rate_map", Map.of("100", "A"))).taxRateMap())
          .containsKey("100.00");
    }

    @Test
    void blankTaxRateIdIsInvalidFormat() {
      assertThat(onlyError(with("tax_rate_map", Map.of("20", " "))).code())
          .isEqualTo("invalid_format");
    }
  }

  @Nested
  class Ranges {
    @Test
    void prefixLongerThanTenIsOutOfRange() {
      assertThat(valid(with("invoice_number_prefix", "ABCDEFGHIJ")).invoiceNumberPrefix())
          .isEqualTo("ABCDEFGHIJ");
      FieldError e = onlyError(with("invoice_number_prefix", "ABCDEFGHIJK"));
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("invoice_number_prefix", "OUT_OF_RANGE");
    }

    @Test
    void negativeMinTotalIsOutOfRange() {
      assertThat(onlyError(b2c("min_total_for_individual", -1)))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("b2c_consolidation.min_total_for_individual", "OUT_OF_RANGE");
    }

    @Test
    void fallbackReferenceLeavesOneCharForTheCurrencyInitial() {
      assertThat(
              valid(b2c("fallback_contact_reference", "ABCDEFGH9"))
                  .b2c()
                  .fallbackContactReference())
          .isEqualTo("ABCDEFGH9");
      assertThat(onlyError(b2c("fallback_contact_reference", "ABCDEFGHIJ")))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("b2c_consolidation.fallback_contact_reference", "OUT_OF_RANGE");
    }

    @Test
    void fallbackReferenceIsUpperCaseLettersAndDigitsOnly() {
      for (String bad : List.of("web-sales", "websales", "", "WEB SALE")) {
        assertThat(onlyError(b2c("fallback_contact_reference", bad)).code())
            .as(bad)
            .isEqualTo("OUT_OF_RANGE");
      }
    }

    @Test
    void fallbackNameLongerThanHundredIsOutOfRange() {
      assertThat(onlyError(b2c("fallback_contact_name", "x".repeat(101))))
          .extracting(FieldError::field, FieldError::code)
          .containsExactly("b2c_consolidation.fallback_contact_name", "OUT_OF_RANGE");
      assertThat(valid(b2c("fallback_contact_name", "x".repeat(100))).b2c().fallbackContactName())
          .hasSize(100);
    }
  }

  @Nested
  class UnknownFields {
    @Test
    void unknownTopLevelAndNestedKeysAreReported() {
      Map<String, Object> doc = with("colour", "blue");
      doc.put("b2c_consolidation", Map.of("enabled", true, "threshold", 5));
      List<FieldError> e = errors(doc);
      assertThat(e)
          .extracting(FieldError::field, FieldError::code)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("colour", "unknown_field"),
              org.assertj.core.groups.Tuple.tuple("b2c_consolidation.threshold", "unknown_field"));
    }
  }

  @Test
  void everyErrorIsCollectedNotOnlyTheFirst() {
    Map<String, Object> doc = new HashMap<>();
    doc.put("sync_since", "nope");
    doc.put("invoice_number_prefix", "ABCDEFGHIJKL");
    doc.put("tax_rate_map", Map.of("x", "A"));
    doc.put("website_filter", Arrays.asList(-3));
    List<FieldError> e = errors(doc);
    assertThat(e)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "sync_since",
            "website_filter.0",
            "default_tax_rate_id",
            "default_ledger_account_id",
            "tax_rate_map.x",
            "invoice_number_prefix");
  }

  @Test
  void canonicalPercentKeyFormatsTwoDecimals() {
    assertThat(PolicyCodec.canonicalPercentKey("20")).isEqualTo("20.00");
    assertThat(PolicyCodec.canonicalPercentKey(" 5.5 ")).isEqualTo("5.50");
    assertThat(PolicyCodec.canonicalPercentKey("17.500")).isEqualTo("17.50");
    assertThat(PolicyCodec.canonicalPercentKey("1e1")).isEqualTo("10.00");
    assertThat(PolicyCodec.canonicalPercentKey("5.555")).isNull();
    assertThat(PolicyCodec.canonicalPercentKey("abc")).isNull();
  }
}
