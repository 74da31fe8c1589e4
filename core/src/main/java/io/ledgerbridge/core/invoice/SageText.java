package io.ledgerbridge.core.invoice;

/**
 * Text normalisation for Sage fields: whitespace collapsing and truncation to Sage's {@code
 * maxLength} (SAGE §2.1, §2.2) without splitting a surrogate pair.
 */
public final class SageText {
  private SageText() {}

  /**
   * {@code text} with runs of whitespace (including no-break spaces) collapsed to one space and
   * trimmed; null stays null.
   */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    return text.replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").trim();
  }

  /**
   * {@code text} cut to at most {@code max} chars, never inside a surrogate pair; null stays null.
   */
  public static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** {@link #clean} then {@link #truncate}; blank becomes null. */
  public static String field(String text, int max) {
    String cleaned = clean(text);
    if (cleaned == null || cleaned.isEmpty()) {
      return null;
    }
    return truncate(cleaned, max).trim();
  }
}
