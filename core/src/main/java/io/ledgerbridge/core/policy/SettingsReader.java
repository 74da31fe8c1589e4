package io.ledgerbridge.core.policy;

import static io.ledgerbridge.core.policy.PolicyCodec.B2C_ALWAYS_INDIVIDUAL_FOR_B2B;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_CONSOLIDATION;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_ENABLED;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_FALLBACK_CONTACT_EMAIL;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_FALLBACK_CONTACT_NAME;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_FALLBACK_CONTACT_REFERENCE;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_KEYS;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_MIN_TOTAL_FOR_INDIVIDUAL;
import static io.ledgerbridge.core.policy.PolicyCodec.INVALID_FORMAT;
import static io.ledgerbridge.core.policy.PolicyCodec.MAX_FALLBACK_NAME;
import static io.ledgerbridge.core.policy.PolicyCodec.MAX_FALLBACK_REFERENCE;
import static io.ledgerbridge.core.policy.PolicyCodec.NOT_IN_REFERENCE;
import static io.ledgerbridge.core.policy.PolicyCodec.OUT_OF_RANGE;
import static io.ledgerbridge.core.policy.PolicyCodec.PAYMENT_METHOD_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.PRODUCT_TAX_CLASS_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.PRODUCT_TYPE_EU_GOODS_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.REQUIRED;
import static io.ledgerbridge.core.policy.PolicyCodec.SAGE_PAYMENT_METHOD_IDS;
import static io.ledgerbridge.core.policy.PolicyCodec.SAGE_PAYMENT_METHOD_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.TAX_RATE_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.UNKNOWN_FIELD;
import static io.ledgerbridge.core.policy.PolicyCodec.canonicalPercentKey;
import static io.ledgerbridge.core.policy.PolicyCodec.canonicalTaxClassKey;

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
 * Reads the values of a settings document for {@link PolicyCodec}, one knob at a time, collecting
 * every problem as a {@link FieldError} instead of stopping at the first.
 */
final class SettingsReader {
  private static final Pattern REFERENCE = Pattern.compile("[A-Z0-9]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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

  String oneOf(Map<String, Object> doc, String key, String field, String dflt, String... allowed) {
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
        return OffsetDateTime.parse(s.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
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

  Map<String, String> sagePaymentMethodMap(Map<String, Object> doc) {
    Map<String, Object> map = object(doc, SAGE_PAYMENT_METHOD_MAP, SAGE_PAYMENT_METHOD_MAP);
    Map<String, String> out = new TreeMap<>();
    String[] ids = SAGE_PAYMENT_METHOD_IDS.toArray(new String[0]);
    for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
      String code = e.getKey();
      String field = SAGE_PAYMENT_METHOD_MAP + "." + code;
      if (code == null || code.isBlank()) {
        error(field, INVALID_FORMAT, "payment method code must not be blank");
        continue;
      }
      Object v = e.getValue();
      String canonical = v instanceof String s ? canonicalOneOf(s, ids) : null;
      if (canonical == null) {
        error(
            field,
            NOT_IN_REFERENCE,
            "must be a Sage payment method (" + String.join(", ", ids) + "), was " + describe(v));
      } else {
        out.put(code, canonical);
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

  /** Store tax class id → Sage tax rate id; keys canonicalised by {@link PolicyCodec}. */
  Map<String, String> productTaxClassMap(Map<String, Object> doc) {
    Map<String, Object> map = object(doc, PRODUCT_TAX_CLASS_MAP, PRODUCT_TAX_CLASS_MAP);
    Map<String, String> out = new TreeMap<>();
    Map<String, String> originals = new TreeMap<>();
    for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
      String key = e.getKey();
      String field = PRODUCT_TAX_CLASS_MAP + "." + key;
      String canonical = canonicalTaxClassKey(key);
      if (canonical == null) {
        error(
            field,
            INVALID_FORMAT,
            "key must be a store tax class id such as \"2\" (Magento's Taxable Goods)");
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
            "keys '" + earlier + "' and '" + key + "' are the same tax class " + canonical);
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

    String name = text(b, B2C_FALLBACK_CONTACT_NAME, p + B2C_FALLBACK_CONTACT_NAME, null);
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
    boolean b2b = bool(b, B2C_ALWAYS_INDIVIDUAL_FOR_B2B, p + B2C_ALWAYS_INDIVIDUAL_FOR_B2B, true);
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
