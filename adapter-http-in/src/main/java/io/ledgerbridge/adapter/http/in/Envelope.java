package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.core.canonical.StoreTimestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    Instant fast = StoreTimestamps.plain(text);
    return fast != null ? fast : javaTimeInstant(text);
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
