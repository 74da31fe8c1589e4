package io.ledgerbridge.adapter.magento;

/** Text from the store made safe to show and log: control characters replaced, length capped. */
final class LogSafeText {
  static final int MAX_CHARS = 500;

  private LogSafeText() {}

  static String of(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (text.length() > MAX_CHARS) {
      out.append('…');
    }
    return out.toString();
  }
}
