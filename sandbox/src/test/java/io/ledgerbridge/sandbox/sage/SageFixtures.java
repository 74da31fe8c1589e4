package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.sandbox.sage.SageHttp.Sent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test helper for the settlement tests: a sandbox on a fixed clock (2025-07-01 09:00 UTC, accounts
 * start 2024-01-01), request bodies for the documents, payments and allocations, and the check that
 * every request the sandbox accepted validates against Sage's official request schema.
 */
final class SageFixtures {

  static final Instant NOW = Instant.parse("2025-07-01T09:00:00Z");

  private static final Map<String, String> DEFINITIONS =
      Map.ofEntries(
          Map.entry("POST /contacts", OfficialSchemas.POST_CONTACTS),
          Map.entry("POST /sales_invoices", OfficialSchemas.POST_SALES_INVOICES),
          Map.entry("POST /sales_credit_notes", OfficialSchemas.POST_SALES_CREDIT_NOTES),
          Map.entry("POST /contact_payments", OfficialSchemas.POST_CONTACT_PAYMENTS),
          Map.entry("POST /contact_allocations", OfficialSchemas.POST_CONTACT_ALLOCATIONS),
          Map.entry("PUT /contacts", OfficialSchemas.PUT_CONTACTS),
          Map.entry("POST /products", OfficialSchemas.POST_PRODUCTS),
          Map.entry("PUT /products", OfficialSchemas.PUT_PRODUCTS),
          Map.entry("POST /services", OfficialSchemas.POST_SERVICES),
          Map.entry("PUT /services", OfficialSchemas.PUT_SERVICES),
          Map.entry("POST /stock_items", OfficialSchemas.POST_STOCK_ITEMS),
          Map.entry("PUT /stock_items", OfficialSchemas.PUT_STOCK_ITEMS),
          Map.entry("POST /stock_movements", OfficialSchemas.POST_STOCK_MOVEMENTS));

  final SandboxSage sage;
  final SageHttp http;

  private SageFixtures(SandboxSage sage) {
    this.sage = sage;
    this.http = new SageHttp(sage).authorised();
  }

  static SageFixtures start(long seed) {
    return new SageFixtures(
        SandboxSage.start(
            SandboxSageConfig.defaults()
                .withSeed(seed)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withAccountsStartDate(LocalDate.of(2024, 1, 1))));
  }

  String business() {
    return sage.defaultBusinessId();
  }

  // ---- contacts and documents ----------------------------------------------------------------

  String customer(String name, String reference) {
    return contact(name, reference, "CUSTOMER", "GBP");
  }

  String contact(String name, String reference, String type, String currency) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode c = body.putObject("contact");
    c.put("name", name);
    c.put("reference", reference);
    c.putArray("contact_type_ids").add(type);
    c.put("currency_id", currency);
    Resp r = http.post("/contacts", body);
    assertThat(r.status()).as("contact %s: %s", name, r.body()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  /** Two lines at 20 % plus 5.00 shipping at 20 %: net 115.0, tax 23.0, total 138.0. */
  ObjectNode invoiceBody(String contactId) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode s = body.putObject("sales_invoice");
    s.put("contact_id", contactId);
    s.put("date", "2025-06-24");
    s.put("reference", "ORDER-1001");
    s.put("shipping_net_amount", "5.00");
    s.put("shipping_tax_rate_id", "GB_STANDARD");
    ArrayNode lines = s.putArray("invoice_lines");
    lines.add(line("Widget", "2", "10.00", "0.00", "4.00"));
    lines.add(line("Gadget", "1", "100.00", "10.00", "18.00"));
    return body;
  }

  /** Posts {@link #invoiceBody} (total 138.0) and answers the invoice id. */
  String invoice(String contactId) {
    Resp r = http.post("/sales_invoices", invoiceBody(contactId));
    assertThat(r.status()).as("invoice: %s", r.body()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  /**
   * A credit note of one returned line (quantity 1, the given unit price and tax at 20 %) plus 5.00
   * of shipping refunded at 20 %, so a unit price of 10.00 gives net 15.0, tax 3.0, total 18.0.
   */
  ObjectNode creditNoteBody(String contactId, String unitPrice, String taxAmount) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode s = body.putObject("sales_credit_note");
    s.put("contact_id", contactId);
    s.put("date", "2025-06-30");
    s.put("original_invoice_date", "2025-06-24");
    s.put("reference", "RMA-1001");
    s.put("shipping_net_amount", "5.00");
    s.put("shipping_tax_rate_id", "GB_STANDARD");
    s.putArray("credit_note_lines").add(line("Returned widget", "1", unitPrice, "0.00", taxAmount));
    return body;
  }

  /** Posts a credit note of total 18.0 and answers its id. */
  String creditNote(String contactId) {
    Resp r = http.post("/sales_credit_notes", creditNoteBody(contactId, "10.00", "2.00"));
    assertThat(r.status()).as("credit note: %s", r.body()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  private ObjectNode line(
      String description, String quantity, String unitPrice, String discount, String tax) {
    ObjectNode l = SageHttp.JSON.createObjectNode();
    l.put("description", description);
    l.put("ledger_account_id", sage.defaultSalesLedgerAccountId());
    l.put("quantity", quantity);
    l.put("unit_price", unitPrice);
    l.put("discount_amount", discount);
    l.put("tax_rate_id", "GB_STANDARD");
    l.put("tax_amount", tax);
    return l;
  }

  // ---- products, services, stock items ------------------------------------------------------

  /** A product (non-stock) on the default sales and purchase ledgers, selling at 12.50. */
  ObjectNode productBody(String itemCode, String description) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode p = body.putObject("product");
    p.put("item_code", itemCode);
    p.put("description", description);
    p.put("sales_ledger_account_id", sage.defaultSalesLedgerAccountId());
    p.put("purchase_ledger_account_id", sage.defaultPurchaseLedgerAccountId());
    p.put("sales_tax_rate_id", "GB_STANDARD");
    p.put("cost_price", "4.20");
    p.putArray("sales_prices")
        .addObject()
        .put("product_sales_price_type_id", sage.salesPriceTypeId(business()))
        .put("price", "12.50")
        .put("price_includes_tax", false);
    return body;
  }

  /** A service on the default sales ledger, at a rate of 45.00. */
  ObjectNode serviceBody(String itemCode, String description) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode s = body.putObject("service");
    s.put("item_code", itemCode);
    s.put("description", description);
    s.put("sales_ledger_account_id", sage.defaultSalesLedgerAccountId());
    s.put("sales_tax_rate_id", "GB_STANDARD");
    s.putArray("sales_rates")
        .addObject()
        .put("service_rate_type_id", sage.serviceRateTypeId(business()))
        .put("rate", "45.00");
    return body;
  }

  /** A stock item on the default ledgers, selling at 19.99, costing 7.00. */
  ObjectNode stockItemBody(String itemCode, String description) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode s = body.putObject("stock_item");
    s.put("item_code", itemCode);
    s.put("description", description);
    s.put("sales_ledger_account_id", sage.defaultSalesLedgerAccountId());
    s.put("purchase_ledger_account_id", sage.defaultPurchaseLedgerAccountId());
    s.put("sales_tax_rate_id", "GB_STANDARD");
    s.put("cost_price", "7.00");
    s.putArray("sales_prices")
        .addObject()
        .put("product_sales_price_type_id", sage.salesPriceTypeId(business()))
        .put("price", "19.99");
    return body;
  }

  /** Posts {@code body} to {@code path}, asserts 201 and answers the new record's id. */
  String created(String path, ObjectNode body) {
    Resp r = http.post(path, body);
    assertThat(r.status()).as("POST %s: %s", path, r.body()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  /** A stock movement of {@code quantity} at {@code costPrice}, dated 2025-07-01. */
  ObjectNode movementBody(String stockItemId, String quantity, String costPrice) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode m = body.putObject("stock_movement");
    m.put("stock_item_id", stockItemId);
    m.put("date", "2025-07-01");
    m.put("quantity", quantity);
    m.put("cost_price", costPrice);
    m.put("details", "Store stock sync");
    return body;
  }

  // ---- payments and allocations --------------------------------------------------------------

  /**
   * A {@code contact_payment} of {@code type} for {@code total}, allocated to {@code idsAndAmounts}
   * (artefact id, amount, artefact id, amount, ...).
   */
  ObjectNode paymentBody(String type, String contactId, String total, String... idsAndAmounts) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode p = body.putObject("contact_payment");
    p.put("transaction_type_id", type);
    p.put("contact_id", contactId);
    p.put("bank_account_id", sage.bankAccountId(business()));
    p.put("payment_method_id", "CREDIT_DEBIT");
    p.put("date", "2025-07-01");
    p.put("total_amount", total);
    p.put("reference", "STRIPE-ch_1");
    artefacts(p, idsAndAmounts);
    return body;
  }

  ObjectNode receiptBody(String contactId, String total, String... idsAndAmounts) {
    return paymentBody("CUSTOMER_RECEIPT", contactId, total, idsAndAmounts);
  }

  ObjectNode refundBody(String contactId, String total, String... idsAndAmounts) {
    return paymentBody("CUSTOMER_REFUND", contactId, total, idsAndAmounts);
  }

  /** A {@code CUSTOMER_ALLOCATION} of {@code idsAndAmounts} dated 2025-07-01. */
  ObjectNode allocationBody(String contactId, String... idsAndAmounts) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode a = body.putObject("contact_allocation");
    a.put("transaction_type_id", "CUSTOMER_ALLOCATION");
    a.put("contact_id", contactId);
    a.put("date", "2025-07-01");
    artefacts(a, idsAndAmounts);
    return body;
  }

  private static void artefacts(ObjectNode wrapped, String... idsAndAmounts) {
    ArrayNode artefacts = wrapped.putArray("allocated_artefacts");
    for (int i = 0; i < idsAndAmounts.length; i += 2) {
      artefacts
          .addObject()
          .put("artefact_id", idsAndAmounts[i])
          .put("amount", idsAndAmounts[i + 1]);
    }
  }

  static ObjectNode wrapped(ObjectNode body) {
    return (ObjectNode) body.elements().next();
  }

  static ObjectNode artefact(ObjectNode body, int i) {
    return (ObjectNode) wrapped(body).get("allocated_artefacts").get(i);
  }

  // ---- reads and checks ----------------------------------------------------------------------

  JsonNode get(String path) {
    Resp r = http.get(path);
    assertThat(r.status()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  /** Asserts a 422 in Sage's error envelope; answers the {@code $source} of each error. */
  static List<String> sources(Resp r) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(422);
    assertThat(r.body().isArray()).isTrue();
    List<String> out = new ArrayList<>();
    r.body()
        .forEach(
            e -> {
              assertThat(e.get("$severity").asText()).isEqualTo("error");
              assertThat(e.get("$dataCode").asText()).isIn("RecordInvalid", "RecordNotFound");
              assertThat(e.get("$message").asText()).isNotBlank();
              out.add(e.get("$source").asText());
            });
    return out;
  }

  /** Asserts a one-error 422 envelope with that data code and source; answers the message. */
  static String singleError(Resp r, String dataCode, String source) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(422);
    assertThat(r.body().isArray()).isTrue();
    assertThat(r.body()).hasSize(1);
    JsonNode e = r.body().get(0);
    assertThat(e.get("$severity").asText()).isEqualTo("error");
    assertThat(e.get("$dataCode").asText()).isEqualTo(dataCode);
    assertThat(e.get("$source").asText()).isEqualTo(source);
    return e.get("$message").asText();
  }

  /**
   * Every POST (201) and PUT (200) the sandbox accepted validates against Sage's official request
   * schema of its path; answers how many were checked.
   */
  int assertAcceptedRequestsMatchOfficialSchemas() throws Exception {
    int checked = 0;
    for (Sent s : List.copyOf(http.sent)) {
      if (s.status() != 201 && s.status() != 200) {
        continue;
      }
      int slash = s.path().indexOf('/', 1);
      String collection = slash < 0 ? s.path() : s.path().substring(0, slash);
      String definition = DEFINITIONS.get(s.method() + " " + collection);
      assertThat(definition).as("official schema for %s", s.path()).isNotNull();
      assertThat(OfficialSchemas.validate(definition, SageHttp.JSON.readTree(s.body())))
          .as("%s %s %s", s.method(), s.path(), s.body())
          .isEmpty();
      checked++;
    }
    return checked;
  }

  void close() {
    sage.close();
  }
}
