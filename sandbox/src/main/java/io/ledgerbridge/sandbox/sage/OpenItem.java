package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One artefact that receipts, refunds and allocations settle: a sales invoice, a sales credit note
 * or a payment on account. It keeps the amounts as {@code BigDecimal} and writes them into the
 * stored read model ({@code view}, the very node {@code GET} answers with), so {@code
 * outstanding_amount}, {@code total_paid} and {@code status} follow every settlement. All amounts
 * are positive: a credit note's or payment on account's outstanding amount is what is still to be
 * refunded or allocated. Callers hold the business lock.
 */
final class OpenItem {

  /** What the artefact is; decides which payments and which allocation sign may settle it. */
  enum Kind {
    SALES_INVOICE,
    SALES_CREDIT_NOTE,
    PAYMENT_ON_ACCOUNT
  }

  /** Names of {@code GET /artefact_statuses} (SW-MOD example). */
  private static final Map<String, String> STATUS_NAMES =
      Map.of(
          "UNPAID", "Unpaid",
          "PART_PAID", "Part Paid",
          "PAID", "Paid",
          "VOID", "Void",
          "DRAFT", "Draft",
          "PRO_FORMA", "Pro Forma");

  final Kind kind;
  final String id;
  final String contactId;
  final String currencyId;
  final BigDecimal total;
  final BigDecimal exchangeRate;
  final boolean posted;
  final ObjectNode view;
  final ObjectNode artefactLink;
  final ArrayNode paymentsAllocations = SageJson.MAPPER.createArrayNode();

  /** The payment a payment on account belongs to (its read model), else {@code null}. */
  private final ObjectNode owner;

  private BigDecimal paid = BigDecimal.ZERO;
  private BigDecimal discount = BigDecimal.ZERO;

  OpenItem(
      Kind kind,
      String id,
      String contactId,
      String currencyId,
      BigDecimal total,
      BigDecimal exchangeRate,
      boolean posted,
      ObjectNode view,
      ObjectNode artefactLink,
      ObjectNode owner) {
    this.kind = kind;
    this.id = id;
    this.contactId = contactId;
    this.currencyId = currencyId;
    this.total = total;
    this.exchangeRate = exchangeRate;
    this.posted = posted;
    this.view = view;
    this.artefactLink = artefactLink;
    this.owner = owner;
  }

  static ObjectNode statusLink(String statusId) {
    return SageJson.link(
        statusId, STATUS_NAMES.getOrDefault(statusId, statusId), "artefact_statuses");
  }

  /** What is left to pay, refund or allocate. */
  BigDecimal outstanding() {
    return total.subtract(paid).subtract(discount);
  }

  String statusId() {
    if (!posted) {
      return view.path("status").path("id").asText();
    }
    if (paid.signum() == 0 && discount.signum() == 0) {
      return "UNPAID";
    }
    return outstanding().signum() == 0 ? "PAID" : "PART_PAID";
  }

  /**
   * Settles {@code amount} (plus an optional early-payment {@code discount}) on {@code date} and
   * records {@code entry} for {@code show_payments_allocations}. Rules have been checked by the
   * caller; breaking them here is a sandbox bug.
   */
  void settle(
      BigDecimal amount, BigDecimal discountGiven, LocalDate date, Instant now, ObjectNode entry) {
    BigDecimal d = discountGiven == null ? BigDecimal.ZERO : discountGiven;
    if (!posted
        || amount.signum() < 0
        || d.signum() < 0
        || amount.add(d).compareTo(outstanding()) > 0) {
      throw new IllegalStateException("cannot settle " + amount + " on " + kind + " " + id);
    }
    paid = paid.add(amount);
    discount = discount.add(d);
    paymentsAllocations.add(entry);
    view.put("updated_at", SageJson.timestamp(now));
    view.put("outstanding_amount", SageJson.money(outstanding()));
    view.put(
        "base_currency_outstanding_amount",
        SageJson.money(SageJson.toBase(outstanding(), exchangeRate)));
    view.set("status", statusLink(statusId()));
    if (owner != null) {
      owner.put("updated_at", SageJson.timestamp(now));
      owner.put("editable", false);
    }
    if (kind != Kind.PAYMENT_ON_ACCOUNT) {
      view.put("payments_allocations_total_amount", SageJson.money(paid));
      view.put("payments_allocations_total_discount", SageJson.money(discount));
      view.put("total_paid", SageJson.money(paid.add(discount)));
      String last = view.path("last_paid").asText("");
      if (last.isEmpty() || date.toString().compareTo(last) > 0) {
        view.put("last_paid", date.toString());
      }
    }
  }
}
