package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.singleError;
import static io.ledgerbridge.sandbox.sage.SageFixtures.sources;
import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageCreditNotesTest {

  private SageFixtures f;
  private String customerId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(23);
    customerId = f.customer("Great Example Ltd", "GEX001");
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private ObjectNode body() {
    return f.creditNoteBody(customerId, "10.00", "2.00");
  }

  private static ObjectNode line(ObjectNode body, int i) {
    return (ObjectNode) wrapped(body).get("credit_note_lines").get(i);
  }

  private Resp post(ObjectNode body) {
    return f.http.post("/sales_credit_notes", body);
  }

  @Test
  void createsCreditNoteWithItsOwnNumberingAndInvoiceStyleTotals() {
    f.invoice(customerId);

    Resp r = post(body());

    assertThat(r.status()).isEqualTo(201);
    JsonNode cn = r.body();
    String id = cn.get("id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(cn.get("$path").asText()).isEqualTo("/sales_credit_notes/" + id);
    assertThat(cn.get("displayed_as").asText()).isEqualTo("SCN-1");
    assertThat(cn.get("credit_note_number").asText()).isEqualTo("SCN-1");
    assertThat(cn.get("credit_note_number_prefix").asText()).isEqualTo("SCN-");
    assertThat(cn.get("transaction_type").get("id").asText()).isEqualTo("SALES_CREDIT_NOTE");
    assertThat(cn.get("transaction").get("$path").asText()).startsWith("/transactions/");
    assertThat(cn.get("links").get(0).get("rel").asText()).isEqualTo("alternate");
    assertThat(cn.get("contact").get("displayed_as").asText())
        .isEqualTo("Great Example Ltd (GEX001)");
    assertThat(cn.get("date").asText()).isEqualTo("2025-06-30");
    assertThat(cn.get("original_invoice_date").asText()).isEqualTo("2025-06-24");
    assertThat(cn.has("due_date")).isFalse();
    assertThat(cn.get("net_amount").asText()).isEqualTo("15.0");
    assertThat(cn.get("tax_amount").asText()).isEqualTo("3.0");
    assertThat(cn.get("total_amount").asText()).isEqualTo("18.0");
    assertThat(cn.get("outstanding_amount").asText()).isEqualTo("18.0");
    assertThat(cn.get("total_paid").asText()).isEqualTo("0.0");
    assertThat(cn.get("last_paid").isNull()).isTrue();
    assertThat(cn.get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(cn.get("status").get("$path").asText()).isEqualTo("/artefact_statuses/UNPAID");
    JsonNode line = cn.get("credit_note_lines").get(0);
    assertThat(line.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(line.get("net_amount").asText()).isEqualTo("10.0");
    assertThat(line.get("total_amount").asText()).isEqualTo("12.0");
    assertThat(line.get("ledger_account").get("displayed_as").asText())
        .isEqualTo("Sales - Products (4000)");
    assertThat(cn.has("invoice_lines")).isFalse();

    assertThat(f.get("/sales_credit_notes/" + id)).isEqualTo(cn);
    assertThat(post(body()).body().get("displayed_as").asText()).isEqualTo("SCN-2");
    JsonNode settings = f.get("/invoice_settings");
    assertThat(settings.get("next_credit_note_number").asInt()).isEqualTo(3);
    assertThat(settings.get("next_invoice_number").asInt()).isEqualTo(2);
    assertThat(settings.get("sales_credit_note_number_prefix").asText()).isEqualTo("SCN-");
    assertThat(f.sage.salesCreditNotes(f.business())).hasSize(2);
    assertThat(f.sage.salesCreditNote(f.business(), id)).contains(cn);
  }

  @Test
  void listsCreditNotesWithFilters() {
    post(body());
    ObjectNode second = body();
    wrapped(second).put("reference", "RMA-2002");
    post(second);

    Resp r = f.http.get("/sales_credit_notes?search=rma-2002&attributes=total_amount");

    assertThat(r.body().get("$total").asInt()).isEqualTo(1);
    assertThat(r.body().get("$items").get(0).get("displayed_as").asText()).isEqualTo("SCN-2");
    assertThat(r.body().get("$items").get(0).get("total_amount").asText()).isEqualTo("18.0");
    assertThat(f.get("/sales_credit_notes?status_id=UNPAID").get("$total").asInt()).isEqualTo(2);
    assertThat(f.get("/sales_credit_notes?status_id=PAID").get("$total").asInt()).isZero();
  }

  @Test
  void unknownContactIsRecordNotFound() {
    Resp r = post(f.creditNoteBody("ffffffffffffffffffffffffffffffff", "10.00", "2.00"));

    singleError(r, "RecordNotFound", "contact_id");
    assertThat(f.sage.salesCreditNotes(f.business())).isEmpty();
  }

  @Test
  void vendorContactIsNotACustomer() {
    String vendor = f.contact("Supplier", "S1", "VENDOR", "GBP");

    Resp r = post(f.creditNoteBody(vendor, "10.00", "2.00"));

    assertThat(singleError(r, "RecordInvalid", "contact_id")).isEqualTo("Couldn't find Customer.");
  }

  @Test
  void currencyMustBeTheContacts() {
    ObjectNode body = body();
    wrapped(body).put("currency_id", "EUR");

    singleError(post(body), "RecordInvalid", "currency_id");
  }

  @Test
  void ledgerAccountMustBeVisibleInSales() {
    String expenseId =
        f.get("/ledger_accounts?visible_in=expenses").get("$items").get(0).get("id").asText();
    ObjectNode body = body();
    line(body, 0).put("ledger_account_id", expenseId);

    singleError(post(body), "RecordInvalid", "credit_note_lines[0].ledger_account_id");
  }

  @Test
  void unknownTaxRateIsRecordNotFound() {
    ObjectNode body = body();
    line(body, 0).put("tax_rate_id", "GB_MADE_UP");

    singleError(post(body), "RecordNotFound", "credit_note_lines[0].tax_rate_id");
  }

  @Test
  void taxAmountIsRequiredForAStandardRate() {
    ObjectNode body = body();
    line(body, 0).remove("tax_amount");

    singleError(post(body), "RecordInvalid", "credit_note_lines[0].tax_amount");
  }

  @Test
  void referenceIsAtMost25Characters() {
    ObjectNode body = body();
    wrapped(body).put("reference", "R".repeat(25));
    assertThat(post(body).status()).isEqualTo(201);

    wrapped(body).put("reference", "R".repeat(26));
    assertThat(singleError(post(body), "RecordInvalid", "reference"))
        .isEqualTo("reference is too long (maximum is 25 characters)");
  }

  @Test
  void notesAreAtMost2000Characters() {
    ObjectNode body = body();
    wrapped(body).put("notes", "n".repeat(2001));

    singleError(post(body), "RecordInvalid", "notes");
  }

  @Test
  void amountsWithMoreThanTwoDecimalsAreRejected() {
    ObjectNode body = body();
    line(body, 0).put("tax_amount", "2.001");

    assertThat(singleError(post(body), "RecordInvalid", "credit_note_lines[0].tax_amount"))
        .contains("2 decimal places");
  }

  @Test
  void requiredFieldsAreNamed() {
    ObjectNode body = body();
    wrapped(body).remove("contact_id");
    wrapped(body).remove("date");
    line(body, 0).remove("unit_price");
    line(body, 0).remove("description");

    Resp r = post(body);

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r))
        .containsExactlyInAnyOrder(
            "contact_id",
            "date",
            "credit_note_lines[0].unit_price",
            "credit_note_lines[0].description");
  }

  @Test
  void invoiceLinesAreNotCreditNoteLines() {
    ObjectNode body = body();
    wrapped(body).set("invoice_lines", wrapped(body).remove("credit_note_lines"));

    Resp r = post(body);

    assertThat(sources(r)).containsExactlyInAnyOrder("credit_note_lines", "invoice_lines");
  }

  @Test
  void dateBeforeTheAccountsStartIsRejected() {
    ObjectNode body = body();
    wrapped(body).put("date", "2023-12-31");

    singleError(post(body), "RecordInvalid", "date");
  }

  @Test
  void proFormaIsNotAStatusForACreditNote() {
    ObjectNode body = body();
    wrapped(body).put("status_id", "PRO_FORMA");

    singleError(post(body), "RecordInvalid", "status_id");
  }

  @Test
  void idempotentReplayReturnsTheFirstCreditNote() {
    ObjectNode body = body();
    wrapped(body).put("idempotency_id", "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e");

    Resp first = post(body);
    wrapped(body).put("reference", "CHANGED");
    Resp replay = post(body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(f.sage.salesCreditNotes(f.business())).hasSize(1);
    assertThat(f.sage.postCount("/sales_credit_notes")).isEqualTo(2);
    assertThat(f.get("/invoice_settings").get("next_credit_note_number").asInt()).isEqualTo(2);
  }

  @Test
  void idempotencyIdOfAnInvoiceIsAMismatchOnACreditNote() {
    ObjectNode invoice = f.invoiceBody(customerId);
    wrapped(invoice).put("idempotency_id", "0000111122223333444455556666abcd");
    assertThat(f.http.post("/sales_invoices", invoice).status()).isEqualTo(201);
    ObjectNode body = body();
    wrapped(body).put("idempotency_id", "0000111122223333444455556666abcd");

    assertThat(singleError(post(body), "IdempotencyResourceMismatch", ""))
        .isEqualTo("Entity type mismatch");
    assertThat(f.sage.salesCreditNotes(f.business())).isEmpty();
  }
}
