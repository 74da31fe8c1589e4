package io.ledgerbridge.adapter.http.in;

/** Makes request-supplied strings safe to put in a log line: no control characters, bounded. */
final class LogSafe {

  static final int DEFAULT_MAX = 64;

  private LogSafe() {}

  static String of(String value) {
    return of(value, DEFAULT_MAX);
  }

  /**
   * Replaces control and line-separator characters by {@code \\uXXXX}, and truncates to {@code max}
   * code points followed by {@code ...}. {@code null} becomes {@code <none>}.
   */
  static String of(String value, int max) {
    if (value == null) {
      return "<none>";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 8);
    int count = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (count == max) {
        out.append("...");
        break;
      }
      if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == '\\') {
        out.append(String.format("\\u%04x", cp));
      } else if (Character.getType(cp) == Character.SURROGATE) {
        out.append('?');
      } else {
        out.appendCodePoint(cp);
      }
      count++;
    }
    return out.toString();
  }
}
