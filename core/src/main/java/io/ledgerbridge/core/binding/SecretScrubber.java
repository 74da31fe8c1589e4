package io.ledgerbridge.core.binding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a binding's secrets with {@value #MASK} in text that is about to be stored, logged or
 * shown (remote error bodies, messages). A secret is found however it was written: raw, URL-encoded
 * (any characters percent-encoded, either hex case, space as {@code +} or {@code %20}),
 * JSON-escaped ({@code \/}, {@code \"}, {@code \\uXXXX} in either case) or any mix of those, and as
 * standard or URL-safe Base64 of the whole secret.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are ignored: masking them would mangle
 * ordinary words, and no real api key, client secret or token is that short.
 */
public final class SecretScrubber {
  public static final String MASK = "[redacted]";
  public static final int MIN_LENGTH = 8;

  /** Scrubs nothing. */
  public static final SecretScrubber NONE = new SecretScrubber(null);

  private final Pattern pattern;

  private SecretScrubber(Pattern pattern) {
    this.pattern = pattern;
  }

  /** A scrubber for these values; nulls and values shorter than {@link #MIN_LENGTH} are skipped. */
  public static SecretScrubber of(Collection<String> secrets) {
    Set<String> kept = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_LENGTH) {
        kept.add(s);
      }
    }
    if (kept.isEmpty()) {
      return NONE;
    }
    List<String> longestFirst = new ArrayList<>(kept);
    longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
    List<String> alternatives = new ArrayList<>();
    for (String secret : longestFirst) {
      alternatives.add(anyEncoding(secret));
      byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
      alternatives.add(Pattern.quote(Base64.getEncoder().withoutPadding().encodeToString(utf8)));
      alternatives.add(Pattern.quote(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8)));
    }
    return new SecretScrubber(Pattern.compile(String.join("|", alternatives)));
  }

  public static SecretScrubber of(String... secrets) {
    return of(List.of(secrets).stream().filter(s -> s != null).toList());
  }

  /** {@code text} with every secret masked; null stays null. */
  public String scrub(String text) {
    if (pattern == null || text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? m.replaceAll(Matcher.quoteReplacement(MASK)) : text;
  }

  /** Whether this scrubber masks anything at all. */
  public boolean isEmpty() {
    return pattern == null;
  }

  /** One regex alternative per character: its literal, percent-encoded and JSON-escaped forms. */
  private static String anyEncoding(String secret) {
    StringBuilder regex = new StringBuilder("(?:");
    secret
        .codePoints()
        .forEach(
            cp -> {
              regex.append("(?:").append(Pattern.quote(new String(Character.toChars(cp))));
              StringBuilder percent = new StringBuilder();
              for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                percent.append('%').append(hexAnyCase(b & 0xff, 2));
              }
              regex.append('|').append(percent);
              if (cp == ' ') {
                regex.append("|\\+");
              }
              StringBuilder unicode = new StringBuilder();
              for (char c : Character.toChars(cp)) {
                unicode.append("\\\\[uU]").append(hexAnyCase(c, 4));
              }
              regex.append('|').append(unicode);
              String shortEscape = jsonShortEscape(cp);
              if (shortEscape != null) {
                regex.append('|').append(Pattern.quote(shortEscape));
              }
              regex.append(')');
            });
    return regex.append(')').toString();
  }

  private static String jsonShortEscape(int cp) {
    return switch (cp) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '/' -> "\\/";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> null;
    };
  }

  /** {@code value} as {@code digits} hex digits, each letter matching either case. */
  private static String hexAnyCase(int value, int digits) {
    String hex = String.format(Locale.ROOT, "%0" + digits + "x", value);
    StringBuilder out = new StringBuilder();
    for (char h : hex.toCharArray()) {
      if (Character.isLetter(h)) {
        out.append('[').append(h).append(Character.toUpperCase(h)).append(']');
      } else {
        out.append(h);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SecretScrubber[redacted]";
  }
}
