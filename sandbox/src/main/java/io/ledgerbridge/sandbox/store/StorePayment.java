package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order's payment row ({@code sales_order_payment}) as far as the connector reads it: the
 * method code (may be {@code ""}), the purchase-order number, the gateway's {@code last_trans_id}
 * and {@code additional_information}. Nullable: poNumber, lastTransId.
 *
 * <p>{@code additionalInformation} keeps insertion order, like the PHP array it stands for. Its
 * values are PHP values: {@code null}, {@link String}, {@link Boolean}, {@link Integer} or {@link
 * Long} (PHP int), {@link BigDecimal} or {@link Double} (PHP float), and nested arrays as a {@link
 * List} or a {@link Map} (a map whose keys are 0..n-1 in order is a PHP list).
 */
public record StorePayment(
    String method, String poNumber, String lastTransId, Map<String, Object> additionalInformation) {

  public StorePayment {
    Objects.requireNonNull(method, "method");
    additionalInformation =
        additionalInformation == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(additionalInformation));
    for (Object v : additionalInformation.values()) {
      requirePhpValue(v);
    }
  }

  /** A payment with this method code, no PO number, no transaction id, no extra information. */
  public static StorePayment of(String method) {
    return new StorePayment(method, null, null, Map.of());
  }

  public StorePayment withPoNumber(String value) {
    return new StorePayment(method, value, lastTransId, additionalInformation);
  }

  public StorePayment withLastTransId(String value) {
    return new StorePayment(method, poNumber, value, additionalInformation);
  }

  /** This payment with one more {@code additional_information} entry (a repeated key replaces). */
  public StorePayment withAdditionalInformation(String key, Object value) {
    Map<String, Object> info = new LinkedHashMap<>(additionalInformation);
    info.put(Objects.requireNonNull(key, "key"), value);
    return new StorePayment(method, poNumber, lastTransId, info);
  }

  private static void requirePhpValue(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof BigDecimal
        || v instanceof Double) {
      return;
    }
    if (v instanceof List<?> list) {
      list.forEach(StorePayment::requirePhpValue);
      return;
    }
    if (v instanceof Map<?, ?> map) {
      map.values().forEach(StorePayment::requirePhpValue);
      return;
    }
    throw new IllegalArgumentException("not a PHP value: " + v.getClass().getName());
  }
}
