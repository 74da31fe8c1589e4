package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The common webhook envelope of WIRE §5.1, validated. Unknown top-level keys are ignored so a
 * newer store module cannot break delivery; {@code payload} is opaque here.
 */
record Envelope(long magentoEntityId, int websiteId, int storeId, Instant occurredAt) {

  sealed interface Parsed permits Valid, Invalid {}

  record Valid(Envelope envelope) implements Parsed {}

  /** {@code field} and {@code message} are constants of this class, never request text. */
  record Invalid(String field, String message) implements Parsed {}

  static final int MAX_TIMESTAMP_LENGTH = 64;

  static Parsed parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      return new Invalid("$", "the body must be a JSON object");
    }
    JsonNode id = root.get("magento_entity_id");
    if (id == null || !id.isIntegralNumber()) {
      return new Invalid("magento_entity_id", "must be an integer");
    }
    if (!id.canConvertToLong() || id.longValue() <= 0) {
      return new Invalid("magento_entity_id", "must be a positive integer within 64 bits");
    }
    JsonNode website = root.get("website_id");
    if (!isNonNegativeInt(website)) {
      return new Invalid("website_id", "must be a non-negative 32-bit integer");
    }
    JsonNode store = root.get("store_id");
    if (!isNonNegativeInt(store)) {
      return new Invalid("store_id", "must be a non-negative 32-bit integer");
    }
    JsonNode occurred = root.get("occurred_at");
    if (occurred == null || !occurred.isTextual()) {
      return new Invalid("occurred_at", "must be a string");
    }
    Instant occurredAt = parseInstant(occurred.textValue());
    if (occurredAt == null) {
      return new Invalid("occurred_at", "must be an ISO-8601 instant such as 2026-04-29T10:11:12Z");
    }
    JsonNode payload = root.get("payload");
    // PHP json_encode renders an empty associative array as [], so accept an empty array too.
    if (payload == null || !(payload.isObject() || (payload.isArray() && payload.isEmpty()))) {
      return new Invalid("payload", "must be a JSON object");
    }
    return new Valid(
        new Envelope(id.longValue(), website.intValue(), store.intValue(), occurredAt));
  }

  private static boolean isNonNegativeInt(JsonNode node) {
    return node != null
        && node.isIntegralNumber()
        && node.canConvertToInt()
        && node.intValue() >= 0;
  }

  /** {@code 2026-04-29T10:11:12Z}, fractions, or an explicit offset; null if unreadable. */
  static Instant parseInstant(String text) {
    if (text.isEmpty() || text.length() > MAX_TIMESTAMP_LENGTH) {
      return null;
    }
    // the two shapes the store sends, read by hand: java.time's parsers cost about a tenth of a
    // request thread's CPU in the profile; anything else goes to them, as before
    Instant fast = plainInstant(text);
    return fast != null ? fast : javaTimeInstant(text);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z} or {@code
   * ±HH:mm}; null for anything else (including what java.time would still read, such as a lower
   * case {@code t}, a leap second or a six-digit year). For what it reads it gives what {@link
   * #javaTimeInstant} gives.
   */
  static Instant plainInstant(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
      }
      int len = i - start;
      if (len < 1 || len > 9) {
        return null;
      }
      nanos = digits(t, start, len);
      for (int k = len; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offset;
    if (i == n - 1 && t.charAt(i) == 'Z') {
      offset = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int oh = digits(t, i + 1, 2);
      int om = digits(t, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return null;
      }
      offset = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offset));
    } catch (DateTimeException e) {
      return null; // e.g. 2026-02-30, or an offset beyond ±18:00
    }
  }

  /** The value of {@code len} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String t, int from, int len) {
    int v = 0;
    for (int k = from; k < from + len; k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** What java.time reads: {@link Instant#parse}, or {@link OffsetDateTime#parse}; else null. */
  static Instant javaTimeInstant(String text) {
    // the store writes an offset (PHP's DATE_ATOM, +00:00): try the parser the last character
    // suggests first, so a valid timestamp never costs a thrown exception
    boolean utc = text.charAt(text.length() - 1) == 'Z';
    Instant first = utc ? instant(text) : offsetInstant(text);
    if (first != null) {
      return first;
    }
    return utc ? offsetInstant(text) : instant(text);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant offsetInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
