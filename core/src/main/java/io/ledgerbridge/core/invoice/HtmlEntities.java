package io.ledgerbridge.core.invoice;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes HTML character references in store text (product names such as {@code Lumaflex&trade;}),
 * which Sage rejects (PRODUCT §3). Handles the HTML 4 named entities (the Latin-1 set, {@code &amp;
 * &lt; &gt; &quot; &apos;}, typographic punctuation, {@code &euro; &trade;} and a few symbols) and
 * numeric references {@code &#NNN;} and {@code &#xHH;}. A reference must end with {@code ;};
 * unknown names and invalid code points are left as they are. Text is decoded until it no longer
 * changes (at most three passes), so a double-escaped {@code &amp;trade;} also becomes {@code ™}.
 */
public final class HtmlEntities {

  private static final int MAX_PASSES = 3;
  private static final int MAX_NAME = 10;

  /** HTML 4 names for U+00A0 .. U+00FF, in code point order. */
  private static final String[] LATIN1 = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para",
    "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc",
    "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc",
    "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave",
    "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve",
    "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml",
    "yacute", "thorn", "yuml"
  };

  private static final Map<String, Integer> NAMED = new HashMap<>();

  static {
    for (int i = 0; i < LATIN1.length; i++) {
      NAMED.put(LATIN1[i], 0xA0 + i);
    }
    Object[][] others = {
      {"quot", 34},
      {"amp", 38},
      {"apos", 39},
      {"lt", 60},
      {"gt", 62},
      {"OElig", 338},
      {"oelig", 339},
      {"Scaron", 352},
      {"scaron", 353},
      {"Yuml", 376},
      {"fnof", 402},
      {"circ", 710},
      {"tilde", 732},
      {"ensp", 8194},
      {"emsp", 8195},
      {"thinsp", 8201},
      {"zwnj", 8204},
      {"zwj", 8205},
      {"lrm", 8206},
      {"rlm", 8207},
      {"ndash", 8211},
      {"mdash", 8212},
      {"lsquo", 8216},
      {"rsquo", 8217},
      {"sbquo", 8218},
      {"ldquo", 8220},
      {"rdquo", 8221},
      {"bdquo", 8222},
      {"dagger", 8224},
      {"Dagger", 8225},
      {"bull", 8226},
      {"hellip", 8230},
      {"permil", 8240},
      {"prime", 8242},
      {"Prime", 8243},
      {"lsaquo", 8249},
      {"rsaquo", 8250},
      {"oline", 8254},
      {"frasl", 8260},
      {"euro", 8364},
      {"trade", 8482},
      {"larr", 8592},
      {"uarr", 8593},
      {"rarr", 8594},
      {"darr", 8595},
      {"harr", 8596},
      {"minus", 8722},
      {"infin", 8734},
      {"asymp", 8776},
      {"ne", 8800},
      {"le", 8804},
      {"ge", 8805},
      {"hearts", 9829}
    };
    for (Object[] o : others) {
      NAMED.put((String) o[0], (Integer) o[1]);
    }
  }

  private HtmlEntities() {}

  /** {@code text} with its character references decoded; null stays null. */
  public static String decode(String text) {
    if (text == null) {
      return null;
    }
    String current = text;
    for (int pass = 0; pass < MAX_PASSES && current.indexOf('&') >= 0; pass++) {
      String next = decodeOnce(current);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  private static String decodeOnce(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i + 1);
        if (semi > i + 1 && semi - i - 1 <= MAX_NAME) {
          Integer cp = codePoint(s.substring(i + 1, semi));
          if (cp != null) {
            out.appendCodePoint(cp);
            i = semi + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static Integer codePoint(String ref) {
    if (ref.charAt(0) != '#') {
      return NAMED.get(ref);
    }
    String digits;
    int radix;
    if (ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')) {
      digits = ref.substring(2);
      radix = 16;
    } else {
      digits = ref.substring(1);
      radix = 10;
    }
    if (digits.isEmpty() || digits.length() > 7) {
      return null;
    }
    int cp;
    try {
      cp = Integer.parseInt(digits, radix);
    } catch (NumberFormatException e) {
      return null;
    }
    if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return null;
    }
    return cp;
  }
}
