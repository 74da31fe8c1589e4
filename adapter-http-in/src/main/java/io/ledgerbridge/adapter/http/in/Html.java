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
          + "form.act input[type=password]{width:9rem}"
          + "nav.top{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.5rem .75rem;"
          + "background:#102a43;border-radius:.4rem;margin-bottom:1rem}"
          + "nav.top a{color:#d9e2ec;text-decoration:none;font-weight:600}"
          + "nav.top a.here{color:#fff;border-bottom:2px solid #f0b429}"
          + "nav.top .who{margin-left:auto;color:#9fb3c8;font-size:.85rem}"
          + "nav.top form{display:inline;margin:0}"
          + "nav.top button{background:none;border:1px solid #9fb3c8;color:#d9e2ec;"
          + "border-radius:.3rem;cursor:pointer}"
          + ".card{border:1px solid #d9e2ec;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}"
          + ".card h2{margin-top:0}"
          + ".field{display:flex;flex-direction:column;margin:.5rem 0;max-width:32rem}"
          + ".field label{font-weight:600;font-size:.85rem}"
          + ".field .hint{font-size:.75rem;color:#627d98}"
          + ".field-error{color:#ba2525;font-size:.8rem;font-weight:600}"
          + "input[aria-invalid=true],select[aria-invalid=true]{border:2px solid #ba2525}"
          + ".notice{background:#e3f9e5;border:1px solid #199473;padding:.5rem .75rem;"
          + "border-radius:.3rem}"
          + ".problem{background:#ffe3e3;border:1px solid #ba2525;padding:.5rem .75rem;"
          + "border-radius:.3rem}"
          + ".counts{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}"
          + ".pager{display:flex;gap:1rem;margin:1rem 0}"
          + "form.login{max-width:22rem;margin:3rem auto}"
          + "form.login input{width:100%;padding:.4rem;margin:.2rem 0 .8rem}"
          + "button.primary{background:#2680c2;color:#fff;border:0;border-radius:.3rem;"
          + "padding:.4rem .9rem;cursor:pointer}"
          // sync history and dead letters
          + "ul.counts{list-style:none;padding:0}ul.counts a{text-decoration:none;color:inherit}"
          + "ul.counts a[aria-current]{outline:2px solid #f0b429;border-radius:999px}"
          + "ul.counts .n{font-weight:600;margin-right:.5rem}"
          // run detail: exchanges and the store said / Sage received tables
          + "section.attempt h3{margin:.2rem 0;font-size:1rem}"
          + "tr.bodies td{border-bottom:2px solid #d9e2ec}details summary{cursor:pointer}"
          + "table.compare{margin:.5rem 0 1rem;width:auto;min-width:50%}"
          + "table.compare caption{text-align:left;font-weight:600;padding:.3rem 0}"
          + "tr.diff{background:#fff3c4}td.diff{background:#ffe3e3;font-weight:700}"
          // settings and bindings health (issue 14)
          + ".field.check{flex-direction:row;align-items:center;gap:.4rem}"
          + ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
          + "white-space:nowrap}"
          + "fieldset.map{border:1px solid #d9e2ec;border-radius:.3rem;margin:.75rem 0}"
          + "fieldset.map table{width:auto}fieldset.map input{width:12rem}"
          + ".g-connected{background:#199473}.g-expiring{background:#cb6e17}"
          + ".g-revoked{background:#ba2525}.g-none{background:#52606d}";

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
    return page(title, body, "no-referrer");
  }

  /**
   * A console page (admin listener): its referrer policy is {@code same-origin}, so the browser
   * sends the {@code Origin} of its forms (checked with the CSRF token) and no referrer elsewhere.
   */
  static String consolePage(String title, String body) {
    return page(title, body, "same-origin");
  }

  private static String page(String title, String body, String referrerPolicy) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<meta name=\"referrer\" content=\""
        + referrerPolicy
        + "\">"
        + "<title>"
        + esc(title)
        + " - ledgerbridge</title><style>"
        + CSS
        + "</style></head><body>\n"
        + body
        + "\n</body></html>\n";
  }

  /** The console's sections, in navigation order: path and label. */
  static final String[][] SECTIONS = {
    {"/dashboard/sync", "Sync history"},
    {"/dashboard/dead-letters", "Dead letters"},
    {"/dashboard/bindings", "Bindings"},
    {"/dashboard/settings", "Settings"},
    {"/dashboard/audit", "Audit log"},
  };

  /**
   * A console page: the navigation bar (sections, who is signed in, a sign-out button carrying the
   * session's CSRF token), then {@code body}.
   *
   * @param here the section path to mark as current (may be null)
   */
  static String console(
      String title,
      io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal who,
      String here,
      String body) {
    StringBuilder nav = new StringBuilder(1024);
    nav.append("<nav class=\"top\" aria-label=\"Console\">");
    for (String[] s : SECTIONS) {
      nav.append("<a href=\"")
          .append(s[0])
          .append("\"")
          .append(s[0].equals(here) ? " class=\"here\" aria-current=\"page\"" : "")
          .append(">")
          .append(s[1])
          .append("</a>");
    }
    if (who != null) {
      nav.append("<span class=\"who\">")
          .append(esc(who.username()))
          .append(" (")
          .append(esc(who.role().db()))
          .append(who.tenantId() == null ? "" : ", " + esc(who.tenantId()))
          .append(")</span><form method=\"post\" action=\"/logout\">")
          .append(csrfField(who))
          .append("<button type=\"submit\">Sign out</button></form>");
    }
    nav.append("</nav>\n");
    return consolePage(title, nav + body);
  }

  /** The hidden CSRF field of a console form. */
  static String csrfField(io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal who) {
    return who == null || who.csrfToken() == null
        ? ""
        : "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(who.csrfToken()) + "\">";
  }

  private static String sha256(String text) {
    return "sha256-"
        + Base64.getEncoder()
            .encodeToString(Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes());
  }
}
