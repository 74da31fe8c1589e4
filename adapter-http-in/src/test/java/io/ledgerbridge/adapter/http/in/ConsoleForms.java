package io.ledgerbridge.adapter.http.in;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds console form bodies and reads the CSRF token off a page, as a browser would. */
final class ConsoleForms {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final List<String[]> fields = new ArrayList<>();

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF field on the page");
    }
    return m.group(1);
  }

  ConsoleForms add(String name, String value) {
    fields.add(new String[] {name, value});
    return this;
  }

  /** Replaces every value of {@code name} by one. */
  ConsoleForms set(String name, String value) {
    fields.removeIf(f -> f[0].equals(name));
    return add(name, value);
  }

  String body() {
    StringBuilder out = new StringBuilder();
    for (String[] f : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /**
   * The fields a browser would submit from the page's first form with {@code action} in it: text
   * inputs, hidden inputs, checked checkboxes and each select's selected option (regex-based: the
   * console's own markup only).
   */
  static ConsoleForms fromPage(String page, String formAction) {
    int start = page.indexOf("<form method=\"post\" action=\"" + formAction + "\"");
    if (start < 0) {
      throw new AssertionError("no form posting to " + formAction);
    }
    String form = page.substring(start, page.indexOf("</form>", start));
    ConsoleForms out = new ConsoleForms();
    Matcher parts =
        Pattern.compile("<input([^>]*)>|<select([^>]*)>(.*?)</select>", Pattern.DOTALL)
            .matcher(form);
    while (parts.find()) {
      if (parts.group(1) != null) {
        String attrs = parts.group(1);
        String name = attr(attrs, "name");
        if (name == null) {
          continue;
        }
        String type = attr(attrs, "type");
        if ("checkbox".equals(type) && !attrs.contains(" checked")) {
          continue;
        }
        String value = attr(attrs, "value");
        out.add(name, unescape(value == null ? "" : value));
      } else {
        String name = attr(parts.group(2), "name");
        Matcher selected =
            Pattern.compile("<option value=\"([^\"]*)\" selected>").matcher(parts.group(3));
        Matcher first = Pattern.compile("<option value=\"([^\"]*)\"").matcher(parts.group(3));
        String value = selected.find() ? selected.group(1) : first.find() ? first.group(1) : "";
        out.add(name, unescape(value));
      }
    }
    return out;
  }

  private static String attr(String attrs, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
    return m.find() ? m.group(1) : null;
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
