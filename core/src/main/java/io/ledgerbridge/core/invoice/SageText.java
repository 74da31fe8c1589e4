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
    // by hand rather than String.replaceAll, which compiled the pattern on every call: several
    // fields per document, a few per cent of a worker's CPU in the drain profile (issue 15)
    if (!needsCollapsing(text)) {
      return text.trim();
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = isSpace(c);
      if (!space) {
        out.append(c);
      } else if (!inRun) {
        out.append(' ');
      }
      inRun = space;
    }
    return out.toString().trim();
  }

  /** True when {@code text} has whitespace other than a lone plain space. */
  private static boolean needsCollapsing(String text) {
    boolean previous = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = isSpace(c);
      if (space && (c != ' ' || previous)) {
        return true;
      }
      previous = space;
    }
    return false;
  }

  /** The whitespace {@link #clean} collapses: regex {@code \s} and three no-break spaces. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0' || c == '\u2007' || c == '\u202F';
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
