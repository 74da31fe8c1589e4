package io.ledgerbridge.adapter.http.in;

import com.google.common.base.CharMatcher;
import com.google.common.escape.Escaper;
import com.google.common.hash.Hashing;
import com.google.common.html.HtmlEscapers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTML escaping and the page frame. Every value that is not a literal of this class is escaped. */
final class Html {

  /** The only style on every page; the CSP allows exactly this block by its hash. */
  static final String CSS =
      "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f2933}"
          + "h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}"
          + "table{border-collapse:collapse;width:100%;font-size:.85rem}"
          + "th,td{border-bottom:1px solid #d9e2ec;padding:.35rem .5rem;text-align:left;"
          + "vertical-align:top}"
          + "th{background:#f0f4f8}td.num{text-align:right}"
          + "form.filters{display:flex;gap:.75rem;flex-wrap:wrap;align-items:end;margin:1rem 0}"
          + "form.filters label{display:flex;flex-direction:column;font-size:.8rem}"
          + ".chip{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.75rem;"
          + "font-weight:600;color:#fff;background:#627d98}"
          + ".s-queued{background:#627d98}.s-running{background:#2680c2}"
          + ".s-retry_scheduled{background:#cb6e17}.s-succeeded{background:#199473}"
          + ".s-skipped_by_policy{background:#7c5e10}.s-failed{background:#ba2525}"
          + ".s-waiting{background:#9f580a}"
          + "pre{background:#f0f4f8;padding:.5rem;white-space:pre-wrap;word-break:break-all;"
          + "max-height:30rem;overflow:auto;font-size:.75rem}"
          + ".error{color:#ba2525;font-weight:600}.muted{color:#829ab1}"
          + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}"
          + "dt{font-weight:600}dd{margin:0}"
          + ".b-active{background:#199473}.b-paused{background:#627d98}"
          + ".b-pending_sage{background:#2680c2}.b-token_revoked{background:#ba2525}"
          + ".b-disconnected{background:#52606d}"
          + "form.act{display:flex;gap:.35rem;align-items:center;margin:.2rem 0}"
          + "form.act input[type=password]{width:9rem}";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final CharMatcher CR = CharMatcher.is('\r');
  private static final CharMatcher CONTROLS =
      CharMatcher.inRange('\u0000', '\u001f')
          .or(CharMatcher.inRange('\u007f', '\u009f'))
          .and(CharMatcher.noneOf("\n\t"));

  private Html() {}

  /**
   * Escapes text for element content and quoted attribute values (Guava's HTML escaper: {@code & <
   * > " '}); null becomes empty. Control characters other than tab and newline become U+FFFD and
   * carriage returns are dropped (CRLF renders as LF), so nothing invisible reaches the page.
   */
  static String esc(String value) {
    if (value == null) {
      return "";
    }
    return HTML.escape(CONTROLS.replaceFrom(CR.removeFrom(value), '\uFFFD'));
  }

  /** Escapes a value and renders {@code null} or blank as a muted dash. */
  static String cell(String value) {
    return value == null || value.isBlank() ? "<span class=\"muted\">-</span>" : esc(value);
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>"
        + esc(title)
        + " - ledgerbridge</title><style>"
        + CSS
        + "</style></head><body>\n"
        + body
        + "\n</body></html>\n";
  }

  private static String sha256(String text) {
    return "sha256-"
        + Base64.getEncoder()
            .encodeToString(Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes());
  }
}
