package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageInvoicesTest {

  private SandboxSage sage;
  private SageHttp http;
  private String customerId;

  @BeforeEach
  void start() {
    sage =
        SandboxSage.start(
            SandboxSageConfig.defaults()
                .withSeed(11)
                .withAccountsStartDate(LocalDate.of(2024, 1, 1)));
    http = new SageHttp(sage).authorised();
    customerId = createContact("Great Example Ltd", "GEX001", "CUSTOMER", "GB", "GBP");
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private String createContact(
      String name, String ref, String type, String country, String currency) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode c = body.putObject("contact");
    c.put("name", name);
    c.put("reference", ref);
    c.putArray("contact_type_ids").add(type);
    c.put("currency_id", currency);
    c.putObject("main_address").put("address_line_1", "1 Street").put("country_id", country);
    Resp r = http.post("/contacts", body);
    assertThat(r.status()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  /** Two lines at 20 % plus 5.00 shipping at 20 %. */
  private ObjectNode invoice(String contactId) {
    ObjectNode body = SageHttp.JSON.createObjectNode();
    ObjectNode s = body.putObject("sales_invoice");
    s.put("contact_id", contactId);
    s.put("date", "2025-06-24");
    s.put("reference", "ORDER-1001");
    s.put("shipping_net_amount", "5.00");
    s.put("shipping_tax_rate_id", "GB_STANDARD");
    ArrayNode lines = s.putArray("invoice_lines");
    lines
        .addObject()
        .put("description", "Widget")
        .put("ledger_account_id", sage.defaultSalesLedgerAccountId())
        .put("quantity", "2")
        .put("unit_price", "10.00")
        .put("discount_amount", "0.00")
        .put("tax_rate_id", "GB_STANDARD")
        .put("tax_amount", "4.00");
    lines
        .addObject()
        .put("description", "Gadget")
        .put("ledger_account_id", sage.defaultSalesLedgerAccountId())
        .put("quantity", 1)
        .put("unit_price", 100)
        .put("discount_amount", "10.00")
        .put("tax_rate_id", "GB_STANDARD")
        .put("tax_amount", "18.00");
    return body;
  }

  private static ObjectNode wrapped(ObjectNode body) {
    return (ObjectNode) body.get("sales_invoice");
  }

  private static ObjectNode line(ObjectNode body, int i) {
    return (ObjectNode) body.get("sales_invoice").get("invoice_lines").get(i);
  }

  private static List<String> sources(Resp r) {
    List<String> out = new ArrayList<>();
    r.body().forEach(e -> out.add(e.get("$source").asText()));
    return out;
  }

  @Test
  void createsInvoiceWithSageNumberingAndStringDecimals() {
    Resp r = http.post("/sales_invoices", invoice(customerId));

    assertThat(r.status()).isEqualTo(201);
    JsonNode inv = r.body();
    assertThat(inv.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(inv.get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(inv.get("invoice_number").asText()).isEqualTo("SI-1");
    assertThat(inv.get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(inv.get("net_amount").isTextual()).isTrue();
    assertThat(inv.get("net_amount").asText()).isEqualTo("115.0");
    assertThat(inv.get("tax_amount").asText()).isEqualTo("23.0");
    assertThat(inv.get("shipping_tax_amount").asText()).isEqualTo("1.0");
    assertThat(inv.get("total_amount").asText()).isEqualTo("138.0");
    assertThat(inv.get("outstanding_amount").asText()).isEqualTo("138.0");
    assertThat(inv.get("due_date").asText()).isEqualTo("2025-07-24");
    assertThat(inv.get("contact").get("displayed_as").asText())
        .isEqualTo("Great Example Ltd (GEX001)");
    JsonNode second = inv.get("invoice_lines").get(1);
    assertThat(second.get("net_amount").asText()).isEqualTo("90.0");
    assertThat(second.get("total_amount").asText()).isEqualTo("108.0");
    assertThat(second.get("ledger_account").get("displayed_as").asText())
        .isEqualTo("Sales - Products (4000)");

    Resp next = http.post("/sales_invoices", invoice(customerId));
    assertThat(next.body().get("displayed_as").asText()).isEqualTo("SI-2");
    assertThat(http.get("/sales_invoices/" + inv.get("id").asText()).body()).isEqualTo(inv);
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(2);
  }

  @Test
  void numbersInvoicesPerBusiness() {
    http.post("/sales_invoices", invoice(customerId));
    String other = "0d40342d0287cd6b13555c54afca6c90";
    sage.addBusiness(other, "GB", "GBP");
    http.business = other;
    String otherCustomer = createContact("Other", "O1", "CUSTOMER", "GB", "GBP");
    ObjectNode body = invoice(otherCustomer);
    line(body, 0).put("ledger_account_id", sage.salesLedgerAccountId(other));
    line(body, 1).put("ledger_account_id", sage.salesLedgerAccountId(other));

    Resp r = http.post("/sales_invoices", body);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(r.header("X-Business")).isEqualTo(other);
  }

  @Test
  void taxAmountIsRequiredForStandardRate() {
    ObjectNode body = invoice(customerId);
    line(body, 1).remove("tax_amount");

    Resp r = http.post("/sales_invoices", body);

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).containsExactly("invoice_lines[1].tax_amount");
  }

  @Test
  void schemaViolationsNameTheField() {
    ObjectNode body = invoice(customerId);
    line(body, 0).remove("unit_price");
    wrapped(body).put("reference", "X".repeat(26));
    wrapped(body).put("notes", "n".repeat(2001));
    wrapped(body).put("colour", "blue");

    Resp r = http.post("/sales_invoices", body);

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r))
        .containsExactlyInAnyOrder("invoice_lines[0].unit_price", "reference", "notes", "colour");
    assertThat(r.body().get(0).get("$dataCode").asText()).isEqualTo("RecordInvalid");
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).isEmpty();
  }

  @Test
  void amountsWithMoreThanTwoDecimalsAreRejected() {
    ObjectNode body = invoice(customerId);
    line(body, 0).put("tax_amount", "4.001");

    Resp r = http.post("/sales_invoices", body);

    assertThat(sources(r)).containsExactly("invoice_lines[0].tax_amount");
  }

  @Test
  void unknownContactIsRecordNotFoundAndVendorIsRejected() {
    Resp unknown = http.post("/sales_invoices", invoice("ffffffffffffffffffffffffffffffff"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body().get(0).get("$dataCode").asText()).isEqualTo("RecordNotFound");
    assertThat(unknown.body().get(0).get("$source").asText()).isEqualTo("contact_id");

    String vendor = createContact("Supplier", "S1", "VENDOR", "GB", "GBP");
    Resp r = http.post("/sales_invoices", invoice(vendor));
    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).containsExactly("contact_id");
  }

  @Test
  void currencyMustMatchTheContact() {
    ObjectNode body = invoice(customerId);
    wrapped(body).put("currency_id", "EUR");

    Resp r = http.post("/sales_invoices", body);

    assertThat(sources(r)).containsExactly("currency_id");
  }

  @Test
  void ledgerAccountMustBeVisibleInSales() {
    Resp expenses = http.get("/ledger_accounts?visible_in=expenses");
    String expenseId = expenses.body().get("$items").get(0).get("id").asText();
    Resp sales = http.get("/ledger_accounts?visible_in=sales&attributes=visible_in_sales");
    assertThat(sales.body().get("$items")).allMatch(i -> i.get("visible_in_sales").asBoolean());
    ObjectNode body = invoice(customerId);
    line(body, 0).put("ledger_account_id", expenseId);

    Resp r = http.post("/sales_invoices", body);

    assertThat(sources(r)).containsExactly("invoice_lines[0].ledger_account_id");
  }

  @Test
  void dateBeforeAccountsStartIsRejected() {
    ObjectNode body = invoice(customerId);
    wrapped(body).put("date", "2023-12-31");

    Resp r = http.post("/sales_invoices", body);

    assertThat(sources(r)).containsExactly("date");
  }

  @Test
  void crossBorderInvoiceNeedsZeroRateAndGoodsType() {
    String french = createContact("Client FR", "F1", "CUSTOMER", "FR", "EUR");
    ObjectNode body = invoice(french);
    wrapped(body).put("currency_id", "EUR");
    wrapped(body).put("shipping_tax_rate_id", "GB_ZERO");

    Resp rejected = http.post("/sales_invoices", body);
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(sources(rejected))
        .contains(
            "invoice_lines[0].tax_rate_id",
            "invoice_lines[0].eu_goods_services_type_id",
            "invoice_lines[1].tax_rate_id");

    for (int i = 0; i < 2; i++) {
      line(body, i).put("tax_rate_id", "GB_ZERO").put("eu_goods_services_type_id", "GOODS");
      line(body, i).remove("tax_amount");
    }
    wrapped(body).put("exchange_rate", "1.25");
    Resp ok = http.post("/sales_invoices", body);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().get("tax_amount").asText()).isEqualTo("0.0");
    assertThat(ok.body().get("total_amount").asText()).isEqualTo("115.0");
    assertThat(ok.body().get("base_currency_total_amount").asText()).isEqualTo("92.0");
    assertThat(ok.body().get("currency").get("id").asText()).isEqualTo("EUR");
  }

  @Test
  void idempotentReplayReturnsTheFirstInvoice() {
    ObjectNode body = invoice(customerId);
    wrapped(body).put("idempotency_id", "c3a8d1f2b4e54a6f8a9b0c1d2e3f3323");

    Resp first = http.post("/sales_invoices", body);
    wrapped(body).put("reference", "CHANGED");
    Resp replay = http.post("/sales_invoices", body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(1);
    assertThat(sage.postCount("/sales_invoices")).isEqualTo(2);
  }

  @Test
  void idempotencyIdReusedOnAnotherResourceTypeIsAMismatch() {
    ObjectNode body = invoice(customerId);
    wrapped(body).put("idempotency_id", "aaaabbbbccccddddeeeeffff00001111");
    assertThat(http.post("/sales_invoices", body).status()).isEqualTo(201);

    Resp r =
        http.post(
            "/contacts",
            "{\"contact\":{\"name\":\"X\",\"contact_type_ids\":[\"CUSTOMER\"],"
                + "\"idempotency_id\":\"aaaabbbbccccddddeeeeffff00001111\"}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get(0).get("$dataCode").asText()).isEqualTo("IdempotencyResourceMismatch");
    assertThat(r.body().get(0).get("$message").asText()).isEqualTo("Entity type mismatch");
  }

  @Test
  void listsInvoicesWithFilters() {
    http.post("/sales_invoices", invoice(customerId));
    ObjectNode body = invoice(customerId);
    wrapped(body).put("reference", "ORDER-2002");
    http.post("/sales_invoices", body);

    Resp r = http.get("/sales_invoices?search=order-2002&attributes=total_amount");

    assertThat(r.body().get("$total").asInt()).isEqualTo(1);
    assertThat(r.body().get("$items").get(0).get("displayed_as").asText()).isEqualTo("SI-2");
    assertThat(r.body().get("$items").get(0).get("total_amount").asText()).isEqualTo("138.0");
  }

  @Test
  void servesReferenceLists() {
    Resp rates = http.get("/tax_rates?attributes=percentage");
    assertThat(rates.body().get("$total").asInt()).isEqualTo(5);
    assertThat(rates.body().get("$items").get(0).get("id").asText()).isEqualTo("GB_STANDARD");
    assertThat(rates.body().get("$items").get(0).get("percentage").asText()).isEqualTo("20.0");
    assertThat(http.get("/tax_rates/GB_LOWER").body().get("percentage").asText()).isEqualTo("5.0");
    assertThat(http.get("/eu_goods_services_types").body().get("$total").asInt()).isEqualTo(2);
    assertThat(http.get("/currencies/EUR").body().get("displayed_as").asText())
        .isEqualTo("Euro (EUR)");
    assertThat(http.get("/bank_accounts").body().get("$items").get(0).get("displayed_as").asText())
        .isEqualTo("Bank Account (1200)");
    Resp settings = http.get("/financial_settings");
    assertThat(settings.body().get("accounts_start_date").asText()).isEqualTo("2024-01-01");
    assertThat(
            http.get("/ledger_accounts/" + sage.defaultSalesLedgerAccountId())
                .body()
                .get("nominal_code")
                .asInt())
        .isEqualTo(4000);
  }
}
