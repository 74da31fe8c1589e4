package io.ledgerbridge.core.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
 * {@value #TAX_RATE_MAP}, {@value #INVOICE_NUMBER_PREFIX}, {@value #CUSTOMER_NAME_PRIORITY},
 * {@value #DEFAULT_EU_GOODS_SERVICES_TYPE}, {@value #PRODUCT_TYPE_EU_GOODS_MAP} and the nested
 * object {@value #B2C_CONSOLIDATION} ({@code enabled}, {@code fallback_contact_name}, {@code
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
 *       keys with the same canonical form are {@code invalid_format}, a percentage outside 0..100 is
 *       {@code OUT_OF_RANGE}.
 *   <li>{@code payment_method_map} values are a Sage bank account id, or {@code null} for "mapped to
 *       none: leave the invoice unpaid".
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
  public static final String TAX_RATE_MAP = "tax_rate_map";
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
          TAX_RATE_MAP,
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

  /** Longest {@code invoice_number_prefix}. */
  public static final int MAX_PREFIX = 10;

  /** Longest {@code fallback_contact_reference}: Sage's 10 less the currency initial. */
  public static final int MAX_FALLBACK_REFERENCE = 9;

  /** Longest {@code fallback_contact_name} (Sage's contact name {@code maxLength}). */
  public static final int MAX_FALLBACK_NAME = 100;

  private static final Pattern REFERENCE = Pattern.compile("[A-Z0-9]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
    Reader r = new Reader();
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
        r.optionalText(
            doc, DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID, DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID);
    String zero = r.idWithDefault(doc, ZERO_TAX_RATE_ID, "GB_ZERO");

    Map<String, SyncPolicy.PaymentMapping> paymentMap = r.paymentMethodMap(doc);
    Map<String, String> taxRateMap = r.taxRateMap(doc);

    String prefix = r.text(doc, INVOICE_NUMBER_PREFIX, INVOICE_NUMBER_PREFIX, "");
    if (prefix != null && prefix.length() > MAX_PREFIX) {
      r.error(
          INVOICE_NUMBER_PREFIX,
          OUT_OF_RANGE,
          "is " + prefix.length() + " characters; at most " + MAX_PREFIX + " are allowed");
    }
    String priority =
        r.oneOf(doc, CUSTOMER_NAME_PRIORITY, CUSTOMER_NAME_PRIORITY, "Company", "Company", "Person");
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
            b2c));
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
    m.put(TAX_RATE_MAP, new LinkedHashMap<String, Object>(new TreeMap<>(policy.taxRateMap())));
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

  /** Collects errors while reading values. */
  private static final class Reader {
    final List<FieldError> errors = new ArrayList<>();

    void error(String field, String code, String message) {
      errors.add(new FieldError(field, code, message));
    }

    boolean bool(Map<String, Object> doc, String key, String field, boolean dflt) {
      Object v = doc.get(key);
      if (v == null) {
        return dflt;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      error(field, INVALID_FORMAT, "must be true or false, was " + describe(v));
      return dflt;
    }

    String text(Map<String, Object> doc, String key, String field, String dflt) {
      Object v = doc.get(key);
      if (v == null) {
        return dflt;
      }
      if (v instanceof String s) {
        return s;
      }
      error(field, INVALID_FORMAT, "must be a string, was " + describe(v));
      return dflt;
    }

    String optionalText(Map<String, Object> doc, String key, String field) {
      String s = text(doc, key, field, null);
      return s == null || s.isBlank() ? null : s;
    }

    String requiredId(Map<String, Object> doc, String key) {
      Object v = doc.get(key);
      if (v == null || (v instanceof String s && s.isBlank())) {
        error(key, REQUIRED, "is required");
        return "";
      }
      String s = text(doc, key, key, "");
      return s;
    }

    String idWithDefault(Map<String, Object> doc, String key, String dflt) {
      String s = text(doc, key, key, dflt);
      if (s != null && s.isBlank()) {
        error(key, INVALID_FORMAT, "must be a Sage tax rate id, not blank");
        return dflt;
      }
      return s;
    }

    String oneOf(
        Map<String, Object> doc, String key, String field, String dflt, String... allowed) {
      String s = text(doc, key, field, null);
      if (s == null) {
        return dflt;
      }
      String canonical = canonicalOneOf(s, allowed);
      if (canonical == null) {
        error(field, INVALID_FORMAT, "must be one of " + List.of(allowed) + ", was '" + s + "'");
        return dflt;
      }
      return canonical;
    }

    Instant instant(Map<String, Object> doc, String key) {
      String s = text(doc, key, key, null);
      if (s == null || s.isBlank()) {
        return null;
      }
      try {
        return Instant.parse(s.trim());
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(s.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
        } catch (DateTimeParseException e2) {
          error(
              key,
              INVALID_FORMAT,
              "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + s + "'");
          return null;
        }
      }
    }

    Set<Integer> ids(Map<String, Object> doc, String key) {
      Object v = doc.get(key);
      if (v == null) {
        return Set.of();
      }
      if (!(v instanceof List<?> list)) {
        error(key, INVALID_FORMAT, "must be an array of ids, was " + describe(v));
        return Set.of();
      }
      Set<Integer> out = new TreeSet<>();
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        BigDecimal n = number(item);
        boolean whole = n != null && n.stripTrailingZeros().scale() <= 0;
        String field = key + "." + i;
        if (!whole) {
          error(field, INVALID_FORMAT, "must be an integer id, was " + describe(item));
        } else if (n.signum() < 0) {
          error(field, OUT_OF_RANGE, "must not be negative, was " + n.toPlainString());
        } else if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
          error(field, OUT_OF_RANGE, "is beyond the largest store id, was " + n.toPlainString());
        } else {
          out.add(n.intValueExact());
        }
      }
      return out;
    }

    Map<String, SyncPolicy.PaymentMapping> paymentMethodMap(Map<String, Object> doc) {
      Map<String, Object> map = object(doc, PAYMENT_METHOD_MAP, PAYMENT_METHOD_MAP);
      Map<String, SyncPolicy.PaymentMapping> out = new TreeMap<>();
      for (Map.Entry<String, Object> e : map.entrySet()) {
        String code = e.getKey();
        String field = PAYMENT_METHOD_MAP + "." + code;
        if (code == null || code.isBlank()) {
          error(field, INVALID_FORMAT, "payment method code must not be blank");
          continue;
        }
        Object v = e.getValue();
        if (v == null) {
          out.put(code, SyncPolicy.PaymentMapping.leaveUnpaid());
        } else if (v instanceof String s && !s.isBlank()) {
          out.put(code, new SyncPolicy.PaymentMapping(s));
        } else {
          error(
              field,
              INVALID_FORMAT,
              "must be a Sage bank account id, or null to leave the invoice unpaid, was "
                  + describe(v));
        }
      }
      return out;
    }

    Map<String, String> taxRateMap(Map<String, Object> doc) {
      Map<String, Object> map = object(doc, TAX_RATE_MAP, TAX_RATE_MAP);
      Map<String, String> out = new TreeMap<>();
      Map<String, String> originals = new TreeMap<>();
      for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
        String key = e.getKey();
        String field = TAX_RATE_MAP + "." + key;
        String canonical = canonicalPercentKey(key);
        if (canonical == null) {
          error(
              field,
              INVALID_FORMAT,
              "key must be a percentage with at most two decimals such as \"20.00\"");
          continue;
        }
        BigDecimal pct = new BigDecimal(canonical);
        if (pct.signum() < 0 || pct.compareTo(HUNDRED) > 0) {
          error(field, OUT_OF_RANGE, "percentage must be between 0 and 100");
          continue;
        }
        Object v = e.getValue();
        if (!(v instanceof String s) || s.isBlank()) {
          error(field, INVALID_FORMAT, "must be a Sage tax rate id, was " + describe(v));
          continue;
        }
        String earlier = originals.putIfAbsent(canonical, key);
        if (earlier != null) {
          error(
              field,
              INVALID_FORMAT,
              "keys '" + earlier + "' and '" + key + "' are the same percentage " + canonical);
          continue;
        }
        out.put(canonical, s);
      }
      return out;
    }

    Map<String, String> productTypeMap(Map<String, Object> doc) {
      if (doc.get(PRODUCT_TYPE_EU_GOODS_MAP) == null) {
        return SyncPolicy.MultiCurrency.DEFAULT_PRODUCT_TYPE_MAP;
      }
      Map<String, Object> map = object(doc, PRODUCT_TYPE_EU_GOODS_MAP, PRODUCT_TYPE_EU_GOODS_MAP);
      Map<String, String> out = new TreeMap<>();
      for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
        String field = PRODUCT_TYPE_EU_GOODS_MAP + "." + e.getKey();
        String type = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
          error(field, INVALID_FORMAT, "product type must not be blank");
          continue;
        }
        Object v = e.getValue();
        String canonical = v instanceof String s ? canonicalOneOf(s, "GOODS", "SERVICES") : null;
        if (canonical == null) {
          error(field, INVALID_FORMAT, "must be GOODS or SERVICES, was " + describe(v));
          continue;
        }
        if (out.putIfAbsent(type, canonical) != null) {
          error(field, INVALID_FORMAT, "product type '" + type + "' is given twice");
        }
      }
      return out;
    }

    SyncPolicy.B2cConsolidation b2c(Map<String, Object> doc) {
      SyncPolicy.B2cConsolidation dflt = SyncPolicy.B2cConsolidation.disabled();
      Map<String, Object> b = object(doc, B2C_CONSOLIDATION, B2C_CONSOLIDATION);
      for (String key : new TreeSet<>(b.keySet())) {
        if (!B2C_KEYS.contains(key)) {
          error(B2C_CONSOLIDATION + "." + key, UNKNOWN_FIELD, "unknown policy field");
        }
      }
      String p = B2C_CONSOLIDATION + ".";
      boolean enabled = bool(b, B2C_ENABLED, p + B2C_ENABLED, dflt.enabled());

      String name =
          text(b, B2C_FALLBACK_CONTACT_NAME, p + B2C_FALLBACK_CONTACT_NAME, null);
      if (name == null) {
        name = dflt.fallbackContactName();
      } else if (name.length() > MAX_FALLBACK_NAME) {
        error(
            p + B2C_FALLBACK_CONTACT_NAME,
            OUT_OF_RANGE,
            "is " + name.length() + " characters; Sage allows at most " + MAX_FALLBACK_NAME);
      }

      String email = optionalText(b, B2C_FALLBACK_CONTACT_EMAIL, p + B2C_FALLBACK_CONTACT_EMAIL);
      if (email != null && !EMAIL.matcher(email).matches()) {
        error(p + B2C_FALLBACK_CONTACT_EMAIL, INVALID_FORMAT, "is not an email address");
      }

      String reference =
          text(b, B2C_FALLBACK_CONTACT_REFERENCE, p + B2C_FALLBACK_CONTACT_REFERENCE, null);
      if (reference == null) {
        reference = dflt.fallbackContactReference();
      } else if (reference.length() > MAX_FALLBACK_REFERENCE
          || !REFERENCE.matcher(reference).matches()) {
        error(
            p + B2C_FALLBACK_CONTACT_REFERENCE,
            OUT_OF_RANGE,
            "must be 1 to "
                + MAX_FALLBACK_REFERENCE
                + " characters A-Z or 0-9 (Sage allows 10 and one is kept for the currency"
                + " initial), was '"
                + reference
                + "'");
      }

      BigDecimal min = dflt.minTotalForIndividual();
      Object rawMin = b.get(B2C_MIN_TOTAL_FOR_INDIVIDUAL);
      if (rawMin != null) {
        BigDecimal n = number(rawMin);
        if (n == null && rawMin instanceof String s) {
          try {
            n = new BigDecimal(s.trim());
          } catch (NumberFormatException e) {
            n = null;
          }
        }
        if (n == null) {
          error(
              p + B2C_MIN_TOTAL_FOR_INDIVIDUAL,
              INVALID_FORMAT,
              "must be an amount, was " + describe(rawMin));
        } else if (n.signum() < 0) {
          error(p + B2C_MIN_TOTAL_FOR_INDIVIDUAL, OUT_OF_RANGE, "must not be negative");
        } else if (n.stripTrailingZeros().scale() > 2) {
          error(
              p + B2C_MIN_TOTAL_FOR_INDIVIDUAL,
              INVALID_FORMAT,
              "must have at most two decimals, was " + n.toPlainString());
        } else {
          min = n;
        }
      }
      boolean b2b =
          bool(b, B2C_ALWAYS_INDIVIDUAL_FOR_B2B, p + B2C_ALWAYS_INDIVIDUAL_FOR_B2B, true);
      return new SyncPolicy.B2cConsolidation(enabled, name, email, reference, min, b2b);
    }

    /** The object under {@code key}, empty when absent; keys must be strings. */
    Map<String, Object> object(Map<String, Object> doc, String key, String field) {
      Object v = doc.get(key);
      if (v == null) {
        return Map.of();
      }
      if (!(v instanceof Map<?, ?> raw)) {
        error(field, INVALID_FORMAT, "must be an object, was " + describe(v));
        return Map.of();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : raw.entrySet()) {
        out.put(String.valueOf(e.getKey()), e.getValue());
      }
      return out;
    }
  }

  private static String canonicalOneOf(String value, String... allowed) {
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value.trim())) {
        return a;
      }
    }
    return null;
  }

  /** A JSON number as a BigDecimal, or null when {@code v} is not a finite number. */
  static BigDecimal number(Object v) {
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      return v instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
    }
    return null;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    return "a " + v.getClass().getSimpleName();
  }
}
