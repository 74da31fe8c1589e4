package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.singleError;
import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault knobs on the credit note, payment and allocation paths. */
class SandboxSageSettlementFaultsTest {

  private SageFixtures f;
  private String customerId;
  private String invoiceId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(41);
    customerId = f.customer("Great Example Ltd", "GEX001");
    invoiceId = f.invoice(customerId);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private String outstanding(String collection, String id) {
    return f.get("/" + collection + "/" + id).get("outstanding_amount").asText();
  }

  @Test
  void receiptLostAfterCommitIsReturnedOnRetryWithoutPayingTwice() {
    f.sage.failNextAfterCommit("/contact_payments", 1);
    ObjectNode body = f.receiptBody(customerId, "38.00", invoiceId, "38.00");
    wrapped(body).put("idempotency_id", "11112222333344445555666677778888");

    Resp lost = f.http.post("/contact_payments", body);
    assertThat(lost.status()).isEqualTo(500);
    assertThat(lost.body().get(0).get("$dataCode").asText()).isEqualTo("UnexpectedError");
    assertThat(outstanding("sales_invoices", invoiceId)).isEqualTo("100.0");

    Resp retry = f.http.post("/contact_payments", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(f.sage.contactPayments(f.business())).hasSize(1);
    assertThat(retry.body().get("id").asText())
        .isEqualTo(f.sage.contactPayments(f.business()).get(0).get("id").asText());
    assertThat(outstanding("sales_invoices", invoiceId)).isEqualTo("100.0");
    assertThat(f.get("/sales_invoices/" + invoiceId).get("status").get("id").asText())
        .isEqualTo("PART_PAID");
    assertThat(f.sage.postCount("/contact_payments")).isEqualTo(2);
  }

  @Test
  void receiptLostAfterCommitAndRetriedWithoutIdempotencyIdOverAllocates() {
    f.sage.failNextAfterCommit("/contact_payments", 1);
    ObjectNode body = f.receiptBody(customerId, "138.00", invoiceId, "138.00");

    assertThat(f.http.post("/contact_payments", body).status()).isEqualTo(500);
    Resp retry = f.http.post("/contact_payments", body);

    singleError(retry, "RecordInvalid", "allocated_artefacts[0].amount");
    assertThat(f.sage.contactPayments(f.business())).hasSize(1);
    assertThat(outstanding("sales_invoices", invoiceId)).isEqualTo("0.0");
  }

  @Test
  void creditNoteLostAfterCommitKeepsOneDocumentAndOneNumber() {
    f.sage.failNextAfterCommit("/sales_credit_notes", 1);
    ObjectNode body = f.creditNoteBody(customerId, "10.00", "2.00");
    wrapped(body).put("idempotency_id", "99990000aaaabbbbccccddddeeeeffff");

    assertThat(f.http.post("/sales_credit_notes", body).status()).isEqualTo(500);
    Resp retry = f.http.post("/sales_credit_notes", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body().get("displayed_as").asText()).isEqualTo("SCN-1");
    assertThat(f.sage.salesCreditNotes(f.business())).hasSize(1);
    assertThat(f.get("/invoice_settings").get("next_credit_note_number").asInt()).isEqualTo(2);
  }

  @Test
  void allocationLostAfterCommitIsNotAppliedTwice() {
    String creditNoteId = f.creditNote(customerId);
    f.sage.failNextAfterCommit("/contact_allocations", 1);
    ObjectNode body = f.allocationBody(customerId, invoiceId, "9.00", creditNoteId, "-9.00");
    wrapped(body).put("idempotency_id", "cafebabecafebabecafebabecafebabe");

    assertThat(f.http.post("/contact_allocations", body).status()).isEqualTo(500);
    Resp retry = f.http.post("/contact_allocations", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(f.sage.contactAllocations(f.business())).hasSize(1);
    assertThat(retry.body().get("id").asText())
        .isEqualTo(f.sage.contactAllocations(f.business()).get(0).get("id").asText());
    assertThat(outstanding("sales_credit_notes", creditNoteId)).isEqualTo("9.0");
    assertThat(outstanding("sales_invoices", invoiceId)).isEqualTo("129.0");
  }

  @Test
  void injectedFaultsAnswerBeforeProcessingThenRecover() {
    String creditNoteId = f.creditNote(customerId);
    f.sage.failNext("/contact_allocations", 503, 1);
    f.sage.failNext("/v3.1/contact_payments", 429, 1);
    ObjectNode allocation =
        f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00");
    ObjectNode receipt = f.receiptBody(customerId, "120.00", invoiceId, "120.00");

    List<Integer> statuses =
        List.of(
            f.http.post("/contact_payments", receipt).status(),
            f.http.post("/contact_allocations", allocation).status());
    assertThat(statuses).containsExactly(429, 503);
    assertThat(outstanding("sales_invoices", invoiceId)).isEqualTo("138.0");
    assertThat(f.sage.contactPayments(f.business())).isEmpty();
    assertThat(f.sage.contactAllocations(f.business())).isEmpty();

    assertThat(f.http.post("/contact_allocations", allocation).status()).isEqualTo(201);
    assertThat(f.http.post("/contact_payments", receipt).status()).isEqualTo(201);
    assertThat(f.get("/sales_invoices/" + invoiceId).get("status").get("id").asText())
        .isEqualTo("PAID");
  }

  @Test
  void faultsOnOnePathLeaveTheOthersAlone() {
    String creditNoteId = f.creditNote(customerId);
    f.sage.failNext("/contact_payments", 500, 1);
    f.sage.setLatency(Duration.ofMillis(1), Duration.ofMillis(3));

    assertThat(
            f.http
                .post(
                    "/contact_allocations",
                    f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00"))
                .status())
        .isEqualTo(201);
    assertThat(f.http.get("/contact_payments").status()).isEqualTo(500);
    assertThat(f.http.get("/contact_payments").status()).isEqualTo(200);
  }
}
