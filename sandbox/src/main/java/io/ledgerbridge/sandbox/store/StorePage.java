package io.ledgerbridge.sandbox.store;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox store's HTML page: the connection (paired tenant or "Not paired", and a pending
 * pairing code's age and expiry, never the code), then the invoice list and the credit memo list,
 * each row with its "Sage Status" chip (the sync-state mirror row of entity type {@code invoice} or
 * {@code creditmemo}).
 */
final class StorePage {

  /** One invoice line on the page. */
  record Entry(long id, StoreInvoice invoice, Optional<SyncState> state) {}

  /** One credit memo line; {@code invoiceIncrementId} null for an offline refund. */
  record MemoEntry(
      long id, StoreCreditMemo memo, String invoiceIncrementId, Optional<SyncState> state) {}

  /**
   * The connection block: {@code tenantId} null when not connected, {@code ledgerBaseUrl} null when
   * unknown, {@code codeIssuedAt} the pending pairing code's issue time, {@code now} the store
   * clock.
   */
  record Connection(
      String tenantId, String ledgerBaseUrl, Optional<Instant> codeIssuedAt, Instant now) {}

  private StorePage() {}

  static String render(Connection connection, List<Entry> entries, List<MemoEntry> memos) {
    StringBuilder h = new StringBuilder(2048);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"2\">")
        .append("<title>Sandbox store</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
        .append("table{border-collapse:collapse;min-width:40rem}")
        .append("th,td{text-align:left;padding:.4rem .8rem;border-bottom:1px solid #ddd}")
        .append("td.num{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".chip{display:inline-block;padding:.1rem .6rem;border-radius:1rem;")
        .append("font-size:.85rem;color:#fff}")
        .append(".pending{background:#8a8a8a}.synced{background:#2e7d32}")
        .append(".skipped{background:#c77700}.failed{background:#c62828}")
        .append("</style></head><body>\n<h1>Sandbox store</h1>\n");
    connection(h, connection);
    h.append("<table><thead><tr><th>Invoice</th><th>Increment</th>")
        .append("<th>Customer</th><th>Currency</th><th>Grand total</th><th>Sage Status</th>")
        .append("</tr></thead><tbody>\n");
    if (entries.isEmpty()) {
      h.append("<tr><td colspan=\"6\">No invoices yet.</td></tr>\n");
    }
    for (Entry e : entries) {
      StoreInvoice inv = e.invoice();
      h.append("<tr><td>")
          .append(e.id())
          .append("</td><td>")
          .append(esc(inv.incrementId()))
          .append("</td><td>")
          .append(esc(buyer(inv.customer())))
          .append("</td><td>")
          .append(esc(inv.currency()))
          .append("</td><td class=\"num\">")
          .append(esc(inv.grandTotal().setScale(2, RoundingMode.HALF_UP).toPlainString()))
          .append("</td><td>")
          .append(chip(e.state()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    h.append("<h2>Credit memos</h2>\n<table><thead><tr><th>Credit memo</th><th>Increment</th>")
        .append("<th>Invoice</th><th>Customer</th><th>Currency</th><th>Grand total</th>")
        .append("<th>Sage Status</th></tr></thead><tbody>\n");
    if (memos.isEmpty()) {
      h.append("<tr><td colspan=\"7\">No credit memos yet.</td></tr>\n");
    }
    for (MemoEntry e : memos) {
      StoreCreditMemo memo = e.memo();
      h.append("<tr><td>")
          .append(e.id())
          .append("</td><td>")
          .append(esc(memo.incrementId()))
          .append("</td><td>")
          .append(e.invoiceIncrementId() == null ? "offline refund" : esc(e.invoiceIncrementId()))
          .append("</td><td>")
          .append(esc(buyer(memo.customer())))
          .append("</td><td>")
          .append(esc(memo.currency()))
          .append("</td><td class=\"num\">")
          .append(esc(memo.grandTotal().setScale(2, RoundingMode.HALF_UP).toPlainString()))
          .append("</td><td>")
          .append(chip(e.state()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n</body></html>\n");
    return h.toString();
  }

  /**
   * "Tenant X, ledger Y" or the module's "Not paired" status, then the pairing-code field as the
   * admin renders it once the one-time reveal is over: its age in whole minutes, plus its expiry.
   */
  private static void connection(StringBuilder h, Connection c) {
    if (c.tenantId() != null) {
      h.append("<p class=\"connection\">Tenant <code>")
          .append(esc(c.tenantId()))
          .append("</code>, ledger <code>")
          .append(c.ledgerBaseUrl() == null ? "(none yet)" : esc(c.ledgerBaseUrl()))
          .append("</code></p>\n");
    } else {
      h.append("<p class=\"connection\"><strong>Not paired</strong>. Generate a pairing code,")
          .append(" then give it to the ledger to complete setup.</p>\n");
    }
    if (c.codeIssuedAt().isEmpty()) {
      h.append("<p class=\"pairing-code\">No pairing code pending.</p>\n");
      return;
    }
    Instant issuedAt = c.codeIssuedAt().get();
    Instant expiresAt = issuedAt.plusSeconds(StoreConnection.PAIRING_CODE_TTL_SECONDS);
    long ageMinutes = Math.floorDiv(c.now().getEpochSecond() - issuedAt.getEpochSecond(), 60);
    h.append("<p class=\"pairing-code\">A pairing code was generated ")
        .append(ageMinutes)
        .append(" minute(s) ago (expires after ")
        .append(StoreConnection.PAIRING_CODE_TTL_SECONDS / 60)
        .append("). ")
        .append(c.now().isAfter(expiresAt) ? "Expired at " : "Expires at ")
        .append(CanonicalJson.ISO_Z.format(expiresAt))
        .append(".</p>\n");
  }

  private static String buyer(StoreContact c) {
    return (nz(c.firstName()) + " " + nz(c.lastName())).trim()
        + (c.isGuest() ? " (guest)" : "")
        + " <"
        + c.email()
        + ">";
  }

  static String chip(Optional<SyncState> state) {
    if (state.isEmpty()) {
      return "<span class=\"chip pending\">pending</span>";
    }
    SyncState s = state.get();
    String status = s.syncStatus();
    String detail;
    String css;
    switch (status) {
      case "synced" -> {
        css = "synced";
        detail = s.providerReference();
      }
      case "skipped" -> {
        css = "skipped";
        detail = s.skipReason();
      }
      case "failed" -> {
        css = "failed";
        detail = s.errorCode();
      }
      default -> {
        css = "pending";
        detail = null;
      }
    }
    String label = detail == null || detail.isEmpty() ? status : status + ": " + detail;
    return "<span class=\"chip "
        + css
        + "\" title=\"last sync "
        + esc(s.lastSyncAt())
        + "\">"
        + esc(label)
        + "</span>";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
