package io.ledgerbridge.adapter.http.in;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque cursor of a paged console list or read API: a place in a list ordered by a time and an
 * id, as URL-safe base64 of {@code seconds.nanos.uuid}. A cursor that does not decode is a bad
 * parameter, never a server error.
 */
record PageCursor(Instant at, UUID id) {

  static final int MAX_LENGTH = 128;

  String encode() {
    String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** The cursor, or empty when {@code raw} is not one this class wrote. */
  static Optional<PageCursor> decode(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII);
      String[] parts = plain.split("\\.", -1);
      if (parts.length != 3 || parts[2].length() != 36) {
        return Optional.empty();
      }
      return Optional.of(
          new PageCursor(
              Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
              UUID.fromString(parts[2])));
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
