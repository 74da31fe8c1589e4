package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A tiny streaming JSON writer that reproduces PHP {@code json_encode} bytes: compact, {@code /}
 * escaped as {@code \/} (unless built with JSON_UNESCAPED_SLASHES), non-ASCII as lowercase {@code
 * \}{@code uXXXX} UTF-16 units, and floats at shortest round-trip precision with a zero fraction
 * printed as an integer ({@code 1.0} prints {@code 1}).
 */
final class PhpJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder();
  private final boolean escapeSlashes;

  /** One flag per open container: true while no element has been written yet. */
  private final java.util.ArrayDeque<boolean[]> stack = new java.util.ArrayDeque<>();

  private boolean afterName;

  private PhpJson(boolean escapeSlashes) {
    this.escapeSlashes = escapeSlashes;
  }

  /** {@code json_encode($v)} with no flags: the Magento REST renderer. */
  static PhpJson standard() {
    return new PhpJson(true);
  }

  /** {@code json_encode($v, JSON_UNESCAPED_SLASHES)}: outbox bodies and JWT segments. */
  static PhpJson unescapedSlashes() {
    return new PhpJson(false);
  }

  PhpJson beginObject() {
    separator();
    out.append('{');
    stack.push(new boolean[] {true});
    return this;
  }

  PhpJson endObject() {
    stack.pop();
    out.append('}');
    return this;
  }

  PhpJson beginArray() {
    separator();
    out.append('[');
    stack.push(new boolean[] {true});
    return this;
  }

  PhpJson endArray() {
    stack.pop();
    out.append(']');
    return this;
  }

  PhpJson name(String name) {
    separator();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  PhpJson value(String value) {
    if (value == null) {
      return nullValue();
    }
    separator();
    string(value);
    return this;
  }

  PhpJson value(long value) {
    separator();
    out.append(value);
    return this;
  }

  PhpJson value(boolean value) {
    separator();
    out.append(value);
    return this;
  }

  /** A PHP float. */
  PhpJson value(double value) {
    separator();
    out.append(formatFloat(value));
    return this;
  }

  /**
   * Any PHP value: null, string, bool, int ({@link Integer}, {@link Long}), float ({@link Double},
   * {@link BigDecimal}) or array ({@link java.util.List}, {@link java.util.Map}). An array is a
   * JSON list when its keys are 0..n-1 in order (a {@code List} always is, and so is an empty map),
   * otherwise an object with string keys, as {@code json_encode} decides.
   */
  PhpJson phpValue(Object v) {
    if (v == null) {
      return nullValue();
    }
    if (v instanceof String s) {
      return value(s);
    }
    if (v instanceof Boolean b) {
      return value(b.booleanValue());
    }
    if (v instanceof Integer || v instanceof Long) {
      return value(((Number) v).longValue());
    }
    if (v instanceof Double d) {
      return value(d.doubleValue());
    }
    if (v instanceof BigDecimal d) {
      return value(d.doubleValue());
    }
    if (v instanceof java.util.List<?> list) {
      beginArray();
      list.forEach(this::phpValue);
      return endArray();
    }
    if (v instanceof java.util.Map<?, ?> map) {
      if (isList(map)) {
        beginArray();
        map.values().forEach(this::phpValue);
        return endArray();
      }
      beginObject();
      map.forEach((k, val) -> name(String.valueOf(k)).phpValue(val));
      return endObject();
    }
    throw new IllegalArgumentException("not a PHP value: " + v.getClass().getName());
  }

  /** PHP's array_is_list: keys exactly 0, 1, ..., n-1 in order (numeric strings count as ints). */
  private static boolean isList(java.util.Map<?, ?> map) {
    long expected = 0;
    for (Object k : map.keySet()) {
      String key = String.valueOf(k);
      if (!key.equals(Long.toString(expected))) {
        return false;
      }
      expected++;
    }
    return true;
  }

  /** An already encoded JSON value, written as it is. */
  PhpJson raw(String json) {
    separator();
    out.append(json);
    return this;
  }

  PhpJson nullValue() {
    separator();
    out.append("null");
    return this;
  }

  /** Writes {@code "name":"value"} only when value is non-null (nullable getters are omitted). */
  PhpJson optional(String name, String value) {
    if (value != null) {
      name(name).value(value);
    }
    return this;
  }

  PhpJson optional(String name, Double value) {
    if (value != null) {
      name(name).value(value.doubleValue());
    }
    return this;
  }

  PhpJson optional(String name, Long value) {
    if (value != null) {
      name(name).value(value.longValue());
    }
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separator() {
    if (afterName) {
      afterName = false;
      return;
    }
    boolean[] first = stack.peek();
    if (first != null) {
      if (!first[0]) {
        out.append(',');
      }
      first[0] = false;
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append(escapeSlashes ? "\\/" : "/");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * PHP 7.1+ float output with {@code serialize_precision = -1}: the shortest digit string that
   * round-trips ({@code zend_gcvt} mode 0, precision 17); fixed notation unless the decimal
   * exponent is below -3 or above 17, in which case {@code 1.0e+20} style is used.
   */
  static String formatFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("json_encode cannot encode NaN or INF");
    }
    if (d == 0.0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        shortest = r;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    BigInteger unscaled = shortest.unscaledValue().abs();
    String digits = unscaled.toString();
    // value = 0.d1d2...dn * 10^decpt
    int decpt = digits.length() - shortest.scale();
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    if (decpt < -3 || decpt > 17) {
      sb.append(digits.charAt(0)).append('.');
      sb.append(digits.length() > 1 ? digits.substring(1) : "0");
      int exp = decpt - 1;
      sb.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    } else if (decpt <= 0) {
      sb.append("0.");
      sb.append("0".repeat(-decpt));
      sb.append(digits);
    } else if (decpt >= digits.length()) {
      sb.append(digits);
      sb.append("0".repeat(decpt - digits.length()));
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    }
    return sb.toString();
  }
}
