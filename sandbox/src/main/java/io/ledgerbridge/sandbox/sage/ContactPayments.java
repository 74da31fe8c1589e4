package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.AllocationLines.Line;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Sage's rules for {@code POST /contact_payments} (after schema validation) and the {@code
 * ContactPayment} read model. Two transaction types are modelled:
 *
 * <ul>
 *   <li>{@code CUSTOMER_RECEIPT}, money in: allocated to sales invoices, any remainder left on
 *       account;
 *   <li>{@code CUSTOMER_REFUND}, money out: allocated to sales credit notes or payments on account,
 *       all of it (Sage's refund screen refunds open credits; it has no "refund on account").
 * </ul>
 *
 * <p>The amounts rule: {@code total_amount} must equal the sum of the {@code allocated_artefacts}
 * amounts plus {@code payment_on_account.total_amount}. Sage's own example ({@code GET
 * /contact_payments/{key}} in {@code swagger.payments.json}) is a receipt of 120.0 with no
 * allocations and a payment on account of 120.0; Sage documents the payment on account as the place
 * for "any unallocated remainder" (SAGE.md §2.4), and nothing says the server invents one. So a
 * receipt whose allocations fall short of its total and that carries no {@code payment_on_account}
 * is refused (422 on {@code total_amount}) rather than silently put on account: the client must say
 * where the remainder goes. Sage's exact wording for this refusal is not documented.
 *
 * <p>Effects: every allocated artefact's {@code outstanding_amount}, {@code total_paid} and {@code
 * status} move ({@link OpenItem#settle}); a {@code payment_on_account} becomes an open item of its
 * own (status {@code UNPAID}, {@code $path} the payment's, as in Sage's example) that refunds and
 * allocations can use. Callers hold the business lock.
 */
final class ContactPayments {

  static final String RECEIPT = "CUSTOMER_RECEIPT";
  static final String REFUND = "CUSTOMER_REFUND";

  private static final Map<String, String> TYPE_NAMES =
      Map.of(RECEIPT, "Customer Receipt", REFUND, "Customer Refund");
  private static final List<String> VENDOR_TYPES = List.of("VENDOR_PAYMENT", "VENDOR_REFUND");
  private static final List<String> HEADER_AMOUNTS =
      List.of(
          "total_amount",
          "net_amount",
          "tax_amount",
          "base_currency_net_amount",
          "base_currency_tax_amount",
          "base_currency_total_amount",
          "base_currency_currency_charge");
  private static final List<String> ON_ACCOUNT_AMOUNTS =
      List.of("total_amount", "net_amount", "tax_amount", "outstanding_amount");

  private ContactPayments() {}

  static CreateOutcome createContactPayment(
      SandboxBusiness b, JsonNode s, Instant now, Random random) {
    List<SageError> errors = new ArrayList<>();
    SageJson.checkTwoDecimals(s, HEADER_AMOUNTS, "", errors);

    String type = SageJson.text(s, "transaction_type_id");
    if (VENDOR_TYPES.contains(type)) {
      errors.add(
          SageError.invalid(
              "transaction_type_id",
              "The sandbox models customer receipts and refunds only, not " + type));
    } else if (!TYPE_NAMES.containsKey(type)) {
      errors.add(SageError.notFound("transaction_type_id"));
    }
    boolean refund = REFUND.equals(type);
    StoredContact contact = b.contacts.get(SageJson.text(s, "contact_id"));
    if (contact == null) {
      errors.add(SageError.notFound("contact_id"));
    } else if (!"CUSTOMER".equals(contact.typeId())) {
      errors.add(SageError.invalid("contact_id", "Couldn't find Customer."));
    }
    if (!b.bankAccountId.equals(SageJson.text(s, "bank_account_id"))) {
      errors.add(SageError.notFound("bank_account_id"));
    }
    String method = SageJson.text(s, "payment_method_id");
    if (method != null && !SandboxBusiness.PAYMENT_METHODS.containsKey(method)) {
      errors.add(SageError.notFound("payment_method_id"));
    }
    String taxRateId = SageJson.text(s, "tax_rate_id");
    if (taxRateId != null && b.taxRate(taxRateId).isEmpty()) {
      errors.add(SageError.notFound("tax_rate_id"));
    }
    String currency = currency(b, s, contact, "", errors);
    BigDecimal rate = exchangeRate(b, s, currency, "", errors);
    LocalDate date = SageJson.date(SageJson.text(s, "date"));
    if (date != null && date.isBefore(b.accountsStartDate)) {
      errors.add(
          SageError.invalid(
              "date",
              "Date must be on or after the accounts start date (" + b.accountsStartDate + ")"));
    }
    BigDecimal total = SageJson.decimal(s.get("total_amount"));
    if (total != null && total.signum() <= 0) {
      errors.add(SageError.invalid("total_amount", "Total amount must be greater than 0"));
    }

    List<Line> lines =
        contact == null
            ? List.of()
            : AllocationLines.resolve(
                b, s.path("allocated_artefacts"), contact.id(), currency, true, errors);
    for (Line l : lines) {
      checkKindAndSign(l, refund, errors);
    }
    AllocationLines.checkOutstanding(lines, errors);

    JsonNode poa = s.get("payment_on_account");
    boolean onAccount = poa != null && poa.isObject();
    BigDecimal onAccountTotal = BigDecimal.ZERO;
    if (onAccount) {
      onAccountTotal = onAccount(b, poa, refund, contact, currency, errors);
    }
    if (errors.isEmpty()) {
      BigDecimal allocated = AllocationLines.sum(lines);
      if (allocated.add(onAccountTotal).compareTo(total) != 0) {
        errors.add(
            SageError.invalid(
                "total_amount",
                "The total amount ("
                    + SageJson.money(total)
                    + ") must equal the allocated amounts ("
                    + SageJson.money(allocated)
                    + ") plus the payment on account ("
                    + SageJson.money(onAccountTotal)
                    + ")"
                    + (refund
                        ? "; a refund must be allocated in full"
                        : "; send the remainder as payment_on_account")));
      }
    }
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }

    // ---- read model and effects
    String id = SageJson.newId(random);
    String reference = SageJson.text(s, "reference");
    ObjectNode o = SageJson.link(id, reference, "contact_payments");
    o.put("created_at", SageJson.timestamp(now));
    o.put("updated_at", SageJson.timestamp(now));
    o.set("links", SageJson.htmlLinks(refund ? "customer_refunds" : "customer_receipts", id));
    o.set("transaction", SageJson.link(SageJson.newId(random), reference, "transactions"));
    o.set("transaction_type", SageJson.link(type, TYPE_NAMES.get(type), "transaction_types"));
    o.putNull("deleted_at");
    o.set(
        "payment_method",
        method == null
            ? null
            : SageJson.link(
                method, SandboxBusiness.PAYMENT_METHODS.get(method), "payment_methods"));
    o.set("contact", contactLink(contact));
    o.set("bank_account", SageJson.link(b.bankAccountId, "Bank Account (1200)", "bank_accounts"));
    o.put("date", date.toString());
    BigDecimal net = amountOrZero(s, "net_amount");
    BigDecimal tax = amountOrZero(s, "tax_amount");
    o.put("net_amount", SageJson.money(net));
    o.put("tax_amount", SageJson.money(tax));
    o.put("total_amount", SageJson.money(total));
    o.set("currency", SandboxBusiness.currencyLink(currency));
    o.put("exchange_rate", SageJson.money(rate));
    o.put("base_currency_net_amount", SageJson.money(SageJson.toBase(net, rate)));
    o.put("base_currency_tax_amount", SageJson.money(SageJson.toBase(tax, rate)));
    o.put("base_currency_total_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.put(
        "base_currency_currency_charge",
        SageJson.money(amountOrZero(s, "base_currency_currency_charge")));
    o.put("reference", reference);
    ArrayNode allocated = o.putArray("allocated_artefacts");
    for (Line l : lines) {
      allocated.add(AllocationLines.json(l, true, random));
    }
    o.set("tax_rate", taxRateId == null ? null : b.taxRateLink(taxRateId));
    o.putNull("payment_on_account");
    o.put("editable", true);

    ObjectNode payment = SageJson.link(id, reference, "contact_payments");
    for (Line l : lines) {
      ObjectNode entry = SageJson.MAPPER.createObjectNode();
      entry.set("links", o.get("links").deepCopy());
      entry.put("date", date.toString());
      entry.put("type", TYPE_NAMES.get(type));
      entry.put("reference", reference);
      entry.put("amount", SageJson.money(l.amount()));
      entry.put("discount", SageJson.money(l.discount()));
      entry.putNull("stripe_transaction_id");
      entry.putNull("artefact");
      entry.putNull("contact_allocation");
      entry.set("contact_payment", payment.deepCopy());
      entry.put("displayed_as", reference);
      entry.put("negative_payment", false);
      l.item().settle(l.amount(), l.discount(), date, now, entry);
    }
    if (onAccount) {
      String poaId = SageJson.newId(random);
      ObjectNode view =
          onAccountJson(
              poaId, id, poa, contact, date, reference, currency, rate, onAccountTotal, now);
      o.set("payment_on_account", view);
      ObjectNode artefact = SageJson.MAPPER.createObjectNode();
      artefact.put("id", poaId);
      artefact.put("displayed_as", view.path("reference").asText(null));
      artefact.put("$path", "/contact_payments/" + id);
      ObjectNode noUi = artefact.putArray("links").addObject();
      noUi.putNull("href");
      noUi.put("rel", "alternate");
      noUi.put("type", "text/html");
      b.openItems.put(
          poaId,
          new OpenItem(
              OpenItem.Kind.PAYMENT_ON_ACCOUNT,
              poaId,
              contact.id(),
              currency,
              onAccountTotal,
              rate,
              true,
              view,
              artefact,
              o));
    }
    b.payments.put(id, o);
    return new Created(o);
  }

  /** Receipts settle invoices; refunds settle credit notes and payments on account. */
  private static void checkKindAndSign(Line l, boolean refund, List<SageError> errors) {
    OpenItem.Kind kind = l.item().kind;
    boolean allowed =
        refund ? kind != OpenItem.Kind.SALES_INVOICE : kind == OpenItem.Kind.SALES_INVOICE;
    if (!allowed) {
      errors.add(
          SageError.invalid(
              l.source("artefact_id"),
              refund
                  ? "A customer refund can only be allocated to sales credit notes or payments on"
                      + " account"
                  : "A customer receipt can only be allocated to sales invoices"));
    } else if (l.amount().signum() <= 0) {
      errors.add(SageError.invalid(l.source("amount"), "Amount must be greater than 0"));
    }
  }

  /** Checks the {@code payment_on_account}; answers its total (zero when it is invalid). */
  private static BigDecimal onAccount(
      SandboxBusiness b,
      JsonNode poa,
      boolean refund,
      StoredContact contact,
      String currency,
      List<SageError> errors) {
    String p = "payment_on_account.";
    int before = errors.size();
    if (refund) {
      errors.add(
          SageError.invalid(
              "payment_on_account",
              "A customer refund cannot be left on account; allocate it to credit notes or"
                  + " payments on account"));
      return BigDecimal.ZERO;
    }
    SageJson.checkTwoDecimals(poa, ON_ACCOUNT_AMOUNTS, p, errors);
    BigDecimal total = SageJson.decimal(poa.get("total_amount"));
    if (total == null) {
      errors.add(SageError.invalid(p + "total_amount", "Total amount can't be blank"));
    } else if (total.signum() <= 0) {
      errors.add(SageError.invalid(p + "total_amount", "Total amount must be greater than 0"));
    }
    String contactId = SageJson.text(poa, "contact_id");
    if (contactId != null && contact != null && !contactId.equals(contact.id())) {
      errors.add(SageError.invalid(p + "contact_id", "Contact must be the contact of the payment"));
    }
    String poaCurrency = SageJson.text(poa, "currency_id");
    if (poaCurrency != null && !poaCurrency.equals(currency)) {
      errors.add(
          SageError.invalid(p + "currency_id", "Currency must be the currency of the payment"));
    }
    LocalDate date = SageJson.date(SageJson.text(poa, "date"));
    if (date != null && date.isBefore(b.accountsStartDate)) {
      errors.add(
          SageError.invalid(
              p + "date",
              "Date must be on or after the accounts start date (" + b.accountsStartDate + ")"));
    }
    String status = SageJson.text(poa, "status_id");
    if (status != null && !status.equals("UNPAID")) {
      errors.add(
          SageError.invalid(p + "status_id", "Status is not valid for a new payment on account"));
    }
    return errors.size() == before ? total : BigDecimal.ZERO;
  }

  private static ObjectNode onAccountJson(
      String poaId,
      String paymentId,
      JsonNode poa,
      StoredContact contact,
      LocalDate paymentDate,
      String paymentReference,
      String currency,
      BigDecimal rate,
      BigDecimal total,
      Instant now) {
    String reference =
        Optional.ofNullable(SageJson.text(poa, "reference")).orElse(paymentReference);
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    o.put("id", poaId);
    o.put("displayed_as", reference);
    o.put("$path", "/contact_payments/" + paymentId);
    o.put("created_at", SageJson.timestamp(now));
    o.put("updated_at", SageJson.timestamp(now));
    o.put(
        "contact_name",
        Optional.ofNullable(SageJson.text(poa, "contact_name")).orElse(contact.name()));
    o.put(
        "contact_reference",
        Optional.ofNullable(SageJson.text(poa, "contact_reference")).orElse(contact.reference()));
    o.set("contact", contactLink(contact));
    o.put(
        "date",
        Optional.ofNullable(SageJson.date(SageJson.text(poa, "date")))
            .orElse(paymentDate)
            .toString());
    o.put("reference", reference);
    o.put("net_amount", SageJson.money(total));
    o.put("tax_amount", "0.0");
    o.put("total_amount", SageJson.money(total));
    o.put("outstanding_amount", SageJson.money(total));
    o.set("currency", SandboxBusiness.currencyLink(currency));
    o.put("exchange_rate", SageJson.money(rate));
    o.put("base_currency_net_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.put("base_currency_tax_amount", "0.0");
    o.put("base_currency_total_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.put("base_currency_outstanding_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.set("status", OpenItem.statusLink("UNPAID"));
    return o;
  }

  /**
   * {@code currency_id}: a known currency and the contact's; answers the contact's currency (the
   * only one its documents can be in), else the one sent, else the base currency.
   */
  static String currency(
      SandboxBusiness b, JsonNode s, StoredContact contact, String p, List<SageError> errors) {
    String currency = SageJson.text(s, "currency_id");
    if (currency != null && !SandboxBusiness.CURRENCIES.containsKey(currency)) {
      errors.add(SageError.notFound(p + "currency_id"));
    } else if (contact != null && currency != null && !currency.equals(contact.currencyId())) {
      errors.add(
          SageError.invalid(
              p + "currency_id", "Currency must be the same as the contact's currency"));
    }
    if (contact != null) {
      return contact.currencyId(); // after a mismatch, go on with the contact's (one error)
    }
    return currency != null && SandboxBusiness.CURRENCIES.containsKey(currency)
        ? currency
        : b.baseCurrency;
  }

  /**
   * {@code exchange_rate}: greater than 0, and exactly 1 for the base currency; defaults to 1 (as
   * on invoices).
   */
  private static BigDecimal exchangeRate(
      SandboxBusiness b, JsonNode s, String currency, String p, List<SageError> errors) {
    BigDecimal rate = SageJson.decimal(s.get("exchange_rate"));
    if (rate == null) {
      return BigDecimal.ONE;
    }
    if (rate.signum() <= 0) {
      errors.add(SageError.invalid(p + "exchange_rate", "Exchange rate must be greater than 0"));
      return BigDecimal.ONE;
    }
    if (currency.equals(b.baseCurrency) && rate.compareTo(BigDecimal.ONE) != 0) {
      errors.add(
          SageError.invalid(
              p + "exchange_rate",
              "Exchange rate must be 1.0 for the base currency (" + b.baseCurrency + ")"));
      return BigDecimal.ONE;
    }
    return rate;
  }

  static ObjectNode contactLink(StoredContact contact) {
    return SageJson.link(contact.id(), contact.body().get("displayed_as").asText(), "contacts");
  }

  private static BigDecimal amountOrZero(JsonNode s, String field) {
    return Optional.ofNullable(SageJson.decimal(s.get(field))).orElse(BigDecimal.ZERO);
  }
}
