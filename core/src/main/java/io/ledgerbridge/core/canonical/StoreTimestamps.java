package io.ledgerbridge.core.canonical;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The store's timestamps (ISO-8601: {@code 2026-04-29T10:11:12Z}, or PHP's {@code DATE_ATOM} with
 * {@code +00:00}) read by hand. java.time's parsers were a tenth of a request thread's CPU and a
 * few per cent of a worker's in the profiles (issue 15); callers try {@link #plain} first and give
 * anything it does not read to java.time, so what is accepted does not change.
 */
public final class StoreTimestamps {
  private StoreTimestamps() {}

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z} or {@code
   * ±HH:mm}; null for anything else (including what java.time would still read, such as a lower
   * case {@code t}, a leap second or a six-digit year). For what it reads it gives what {@link
   * Instant#parse} and {@link java.time.OffsetDateTime#parse} give.
   */
  public static Instant plain(String t) {
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
}
