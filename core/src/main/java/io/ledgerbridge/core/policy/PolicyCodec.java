package io.ledgerbridge.core.policy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one mapping between a policy and its settings document: a JSON-like map with the snake_case
 * knob names of PRODUCT §2 (values are Boolean, String, Number, List, Map or null). Adapters turn
 * JSON into such a map and back; the knob names, defaults and format rules live here only.
 *
 * <h2>Document</h2>
 *
 * Flat keys, in this order (the order {@link #encode} writes): {@value #SYNC_UNPAID_INVOICES},
 * {@value #SYNC_ZERO_VALUE_INVOICES}, {@value #SYNC_SINCE}, {@value #WEBSITE_FILTER}, {@value
 * #STORE_FILTER}, {@value #SYNC_PRODUCTS}, {@value #SYNC_STOCK}, {@value #DEFAULT_TAX_RATE_ID},
 * {@value #DEFAULT_LEDGER_ACCOUNT_ID}, {@value #DEFAULT_BANK_ACCOUNT_ID}, {@value
 * #DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID}, {@value #ZERO_TAX_RATE_ID}, {@value #PAYMENT_METHOD_MAP},
 * {@value #SAGE_PAYMENT_METHOD_MAP}, {@value #TAX_RATE_MAP}, {@value #PRODUCT_TAX_CLASS_MAP},
 * {@value #INVOICE_NUMBER_PREFIX}, {@value #CUSTOMER_NAME_PRIORITY}, {@value
 * #DEFAULT_EU_GOODS_SERVICES_TYPE}, {@value #PRODUCT_TYPE_EU_GOODS_MAP} and the nested object
 * {@value #B2C_CONSOLIDATION} ({@code enabled}, {@code fallback_contact_name}, {@code
 * fallback_contact_email}, {@code fallback_contact_reference}, {@code min_total_for_individual},
 * {@code always_individual_for_b2b}).
 *
 * <h2>Decoding rules</h2>
 *
 * <ul>
 *   <li>A missing key, or an explicit {@code null}, takes the documented default; only {@code
 *       default_ledger_account_id} and {@code default_tax_rate_id} are {@code required}.
 *   <li>Optional ids ({@code default_bank_account_id}, {@code default_purchase_ledger_account_id},
 *       {@code fallback_contact_email}) accept a blank string as "none".
 *   <li>{@code sync_since}: an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or offset date-time
 *       ({@code 2026-01-01T01:00:00+01:00}).
 *   <li>{@code tax_rate_map} keys are canonicalised to two-decimal percentages ({@code "20"} →
 *       {@code "20.00"}, {@code "5.5"} → {@code "5.50"}); more than two significant decimals or two
 *       keys with the same canonical form are {@code invalid_format}, a percentage outside 0..100
 *       is {@code OUT_OF_RANGE}.
 *   <li>{@code product_tax_class_map} keys are store tax class ids, non-negative integers written
 *       as strings and canonicalised without leading zeros ({@code "02"} → {@code "2"}); a key that
 *       is not such an id, or two keys for the same id, are {@code invalid_format}; values are Sage
 *       tax rate ids ({@code invalid_format} when blank).
 *   <li>{@code payment_method_map} values are a Sage bank account id, or {@code null} for "mapped
 *       to none: leave the invoice unpaid".
 *   <li>{@code sage_payment_method_map} values are one of Sage's payment methods ({@link
 *       #SAGE_PAYMENT_METHOD_IDS}, matched case-insensitively); it overrides the built-in choice of
 *       {@code payment_method_id} for a store method code.
 *   <li>Enumerations are matched case-insensitively and stored canonically ({@code Company}/{@code
 *       Person}, {@code GOODS}/{@code SERVICES}); {@code product_type_eu_goods_map} keys are stored
 *       lower-case and, when given, replace the default map as a whole.
 *   <li>Every problem is reported (not only the first), as {@link FieldError}s with dotted field
 *       paths ({@code tax_rate_map.5.5}, {@code b2c_consolidation.fallback_contact_reference}).
 * </ul>
 *
 * Cross-field rules (required-when) and checks against Sage reference data are {@link
 * PolicyValidator}'s.
 */
public final class PolicyCodec {

  public static final String SYNC_UNPAID_INVOICES = "sync_unpaid_invoices";
  public static final String SYNC_ZERO_VALUE_INVOICES = "sync_zero_value_invoices";
  public static final String SYNC_SINCE = "sync_since";
  public static final String WEBSITE_FILTER = "website_filter";
  public static final String STORE_FILTER = "store_filter";
  public static final String SYNC_PRODUCTS = "sync_products";
  public static final String SYNC_STOCK = "sync_stock";
  public static final String DEFAULT_TAX_RATE_ID = "default_tax_rate_id";
  public static final String DEFAULT_LEDGER_ACCOUNT_ID = "default_ledger_account_id";
  public static final String DEFAULT_BANK_ACCOUNT_ID = "default_bank_account_id";
  public static final String DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID =
      "default_purchase_ledger_account_id";
  public static final String ZERO_TAX_RATE_ID = "zero_tax_rate_id";
  public static final String PAYMENT_METHOD_MAP = "payment_method_map";
  public static final String SAGE_PAYMENT_METHOD_MAP = "sage_payment_method_map";
  public static final String TAX_RATE_MAP = "tax_rate_map";
  public static final String PRODUCT_TAX_CLASS_MAP = "product_tax_class_map";
  public static final String INVOICE_NUMBER_PREFIX = "invoice_number_prefix";
  public static final String CUSTOMER_NAME_PRIORITY = "customer_name_priority";
  public static final String DEFAULT_EU_GOODS_SERVICES_TYPE = "default_eu_goods_services_type";
  public static final String PRODUCT_TYPE_EU_GOODS_MAP = "product_type_eu_goods_map";
  public static final String B2C_CONSOLIDATION = "b2c_consolidation";

  public static final String B2C_ENABLED = "enabled";
  public static final String B2C_FALLBACK_CONTACT_NAME = "fallback_contact_name";
  public static final String B2C_FALLBACK_CONTACT_EMAIL = "fallback_contact_email";
  public static final String B2C_FALLBACK_CONTACT_REFERENCE = "fallback_contact_reference";
  public static final String B2C_MIN_TOTAL_FOR_INDIVIDUAL = "min_total_for_individual";
  public static final String B2C_ALWAYS_INDIVIDUAL_FOR_B2B = "always_individual_for_b2b";

  /** Every top-level key, in document order. */
  public static final List<String> KEYS =
      List.of(
          SYNC_UNPAID_INVOICES,
          SYNC_ZERO_VALUE_INVOICES,
          SYNC_SINCE,
          WEBSITE_FILTER,
          STORE_FILTER,
          SYNC_PRODUCTS,
          SYNC_STOCK,
          DEFAULT_TAX_RATE_ID,
          DEFAULT_LEDGER_ACCOUNT_ID,
          DEFAULT_BANK_ACCOUNT_ID,
          DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID,
          ZERO_TAX_RATE_ID,
          PAYMENT_METHOD_MAP,
          SAGE_PAYMENT_METHOD_MAP,
          TAX_RATE_MAP,
          PRODUCT_TAX_CLASS_MAP,
          INVOICE_NUMBER_PREFIX,
          CUSTOMER_NAME_PRIORITY,
          DEFAULT_EU_GOODS_SERVICES_TYPE,
          PRODUCT_TYPE_EU_GOODS_MAP,
          B2C_CONSOLIDATION);

  /** Every key of the {@value #B2C_CONSOLIDATION} object, in document order. */
  public static final List<String> B2C_KEYS =
      List.of(
          B2C_ENABLED,
          B2C_FALLBACK_CONTACT_NAME,
          B2C_FALLBACK_CONTACT_EMAIL,
          B2C_FALLBACK_CONTACT_REFERENCE,
          B2C_MIN_TOTAL_FOR_INDIVIDUAL,
          B2C_ALWAYS_INDIVIDUAL_FOR_B2B);

  public static final String REQUIRED = "required";
  public static final String INVALID_FORMAT = "invalid_format";
  public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
  public static final String NOT_IN_REFERENCE = "not_in_reference";
  public static final String UNKNOWN_FIELD = "unknown_field";

  /** Sage's system payment methods ({@code GET /payment_methods}). */
  public static final List<String> SAGE_PAYMENT_METHOD_IDS =
      List.of("CASH", "CHECK", "ELECTRONIC", "CREDIT_DEBIT", "ONLINE_PAYMENT");

  /** Longest {@code invoice_number_prefix}. */
  public static final int MAX_PREFIX = 10;

  /** Longest {@code fallback_contact_reference}: Sage's 10 less the currency initial. */
  public static final int MAX_FALLBACK_REFERENCE = 9;

  /** Longest {@code fallback_contact_name} (Sage's contact name {@code maxLength}). */
  public static final int MAX_FALLBACK_NAME = 100;

  /**
   * Canonical tax class ids in numeric order ({@code "2"} before {@code "10"}): shorter first, then
   * by characters.
   */
  public static final java.util.Comparator<String> TAX_CLASS_ORDER =
      java.util.Comparator.comparingInt(String::length)
          .thenComparing(java.util.Comparator.naturalOrder());

  private PolicyCodec() {}

  /** Outcome of decoding a settings document. */
  public sealed interface Decoded permits Valid, Invalid {}

  public record Valid(SyncPolicy policy) implements Decoded {}

  public record Invalid(List<FieldError> errors) implements Decoded {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  /** The policy a settings document describes, or every problem found in it. */
  public static Decoded decode(Map<String, Object> knobs) {
    Map<String, Object> doc = knobs == null ? Map.of() : knobs;
    SettingsReader r = new SettingsReader();
    for (String key : new TreeSet<>(doc.keySet())) {
      if (!KEYS.contains(key)) {
        r.error(key, UNKNOWN_FIELD, "unknown policy field");
      }
    }

    SyncPolicy.SyncBehaviour behaviour =
        new SyncPolicy.SyncBehaviour(
            r.bool(doc, SYNC_UNPAID_INVOICES, SYNC_UNPAID_INVOICES, true),
            r.bool(doc, SYNC_ZERO_VALUE_INVOICES, SYNC_ZERO_VALUE_INVOICES, true),
            r.instant(doc, SYNC_SINCE),
            r.ids(doc, WEBSITE_FILTER),
            r.ids(doc, STORE_FILTER),
            r.bool(doc, SYNC_PRODUCTS, SYNC_PRODUCTS, false),
            r.bool(doc, SYNC_STOCK, SYNC_STOCK, false));

    String taxRate = r.requiredId(doc, DEFAULT_TAX_RATE_ID);
    String ledger = r.requiredId(doc, DEFAULT_LEDGER_ACCOUNT_ID);
    String bank = r.optionalText(doc, DEFAULT_BANK_ACCOUNT_ID, DEFAULT_BANK_ACCOUNT_ID);
    String purchase =
        r.optionalText(doc, DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID, DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID);
    String zero = r.idWithDefault(doc, ZERO_TAX_RATE_ID, "GB_ZERO");

    Map<String, SyncPolicy.PaymentMapping> paymentMap = r.paymentMethodMap(doc);
    Map<String, String> sageMethods = r.sagePaymentMethodMap(doc);
    Map<String, String> taxRateMap = r.taxRateMap(doc);
    Map<String, String> productTaxClasses = r.productTaxClassMap(doc);

    String prefix = r.text(doc, INVOICE_NUMBER_PREFIX, INVOICE_NUMBER_PREFIX, "");
    if (prefix != null && prefix.length() > MAX_PREFIX) {
      r.error(
          INVOICE_NUMBER_PREFIX,
          OUT_OF_RANGE,
          "is " + prefix.length() + " characters; at most " + MAX_PREFIX + " are allowed");
    }
    String priority =
        r.oneOf(
            doc, CUSTOMER_NAME_PRIORITY, CUSTOMER_NAME_PRIORITY, "Company", "Company", "Person");
    String euDefault =
        r.oneOf(
            doc,
            DEFAULT_EU_GOODS_SERVICES_TYPE,
            DEFAULT_EU_GOODS_SERVICES_TYPE,
            "GOODS",
            "GOODS",
            "SERVICES");
    Map<String, String> productTypes = r.productTypeMap(doc);
    SyncPolicy.B2cConsolidation b2c = r.b2c(doc);

    if (!r.errors.isEmpty()) {
      return new Invalid(r.errors);
    }
    return new Valid(
        new SyncPolicy(
            behaviour,
            new SyncPolicy.DefaultMappings(taxRate, ledger, bank, purchase, zero),
            paymentMap,
            taxRateMap,
            new SyncPolicy.Commercial(prefix, priority),
            new SyncPolicy.MultiCurrency(euDefault, productTypes),
            b2c,
            sageMethods,
            productTaxClasses));
  }

  /**
   * The settings document of {@code policy}: every key of {@link #KEYS} present (null for unset
   * optional values), maps and arrays sorted, {@code sync_since} as an ISO instant, {@code
   * min_total_for_individual} as a {@link BigDecimal}. {@code decode(encode(p))} equals {@code p}.
   */
  public static Map<String, Object> encode(SyncPolicy policy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(SYNC_UNPAID_INVOICES, policy.syncUnpaidInvoices());
    m.put(SYNC_ZERO_VALUE_INVOICES, policy.syncZeroValueInvoices());
    m.put(SYNC_SINCE, policy.syncSince() == null ? null : policy.syncSince().toString());
    m.put(WEBSITE_FILTER, List.copyOf(new TreeSet<>(policy.websiteFilter())));
    m.put(STORE_FILTER, List.copyOf(new TreeSet<>(policy.storeFilter())));
    m.put(SYNC_PRODUCTS, policy.behaviour().syncProducts());
    m.put(SYNC_STOCK, policy.behaviour().syncStock());
    SyncPolicy.DefaultMappings d = policy.mappings();
    m.put(DEFAULT_TAX_RATE_ID, d.defaultTaxRateId());
    m.put(DEFAULT_LEDGER_ACCOUNT_ID, d.defaultLedgerAccountId());
    m.put(DEFAULT_BANK_ACCOUNT_ID, d.defaultBankAccountId());
    m.put(DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID, d.defaultPurchaseLedgerAccountId());
    m.put(ZERO_TAX_RATE_ID, d.zeroTaxRateId());
    Map<String, Object> payments = new LinkedHashMap<>();
    new TreeMap<>(policy.paymentMethodMap())
        .forEach((code, mapping) -> payments.put(code, mapping.bankAccountId()));
    m.put(PAYMENT_METHOD_MAP, payments);
    m.put(
        SAGE_PAYMENT_METHOD_MAP,
        new LinkedHashMap<String, Object>(new TreeMap<>(policy.sagePaymentMethodMap())));
    m.put(TAX_RATE_MAP, new LinkedHashMap<String, Object>(new TreeMap<>(policy.taxRateMap())));
    Map<String, Object> taxClasses = new LinkedHashMap<>();
    policy.productTaxClassMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(TAX_CLASS_ORDER))
        .forEach(e -> taxClasses.put(e.getKey(), e.getValue()));
    m.put(PRODUCT_TAX_CLASS_MAP, taxClasses);
    m.put(INVOICE_NUMBER_PREFIX, policy.invoiceNumberPrefix());
    m.put(CUSTOMER_NAME_PRIORITY, policy.customerNamePriority());
    m.put(DEFAULT_EU_GOODS_SERVICES_TYPE, policy.defaultEuGoodsServicesType());
    m.put(
        PRODUCT_TYPE_EU_GOODS_MAP,
        new LinkedHashMap<String, Object>(
            new TreeMap<>(policy.multiCurrency().productTypeEuGoodsMap())));
    SyncPolicy.B2cConsolidation b = policy.b2c();
    Map<String, Object> b2c = new LinkedHashMap<>();
    b2c.put(B2C_ENABLED, b.enabled());
    b2c.put(B2C_FALLBACK_CONTACT_NAME, b.fallbackContactName());
    b2c.put(B2C_FALLBACK_CONTACT_EMAIL, b.fallbackContactEmail());
    b2c.put(B2C_FALLBACK_CONTACT_REFERENCE, b.fallbackContactReference());
    b2c.put(B2C_MIN_TOTAL_FOR_INDIVIDUAL, b.minTotalForIndividual());
    b2c.put(B2C_ALWAYS_INDIVIDUAL_FOR_B2B, b.alwaysIndividualForB2b());
    m.put(B2C_CONSOLIDATION, b2c);
    return m;
  }

  /**
   * The canonical {@code product_tax_class_map} key of a store tax class id: its digits without
   * leading zeros ({@code " 02 "} → {@code "2"}); null when it is not a non-negative integer.
   */
  public static String canonicalTaxClassKey(String key) {
    if (key == null) {
      return null;
    }
    String t = key.trim();
    if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return new java.math.BigInteger(t).toString();
  }

  /**
   * The canonical tax-rate-map key of a percentage string: two decimals ({@code "20"} → {@code
   * "20.00"}); null when it is not a number with at most two significant decimals.
   */
  public static String canonicalPercentKey(String key) {
    if (key == null) {
      return null;
    }
    try {
      BigDecimal p = new BigDecimal(key.trim());
      BigDecimal stripped = p.stripTrailingZeros();
      if (stripped.scale() > 2) {
        return null;
      }
      return p.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
