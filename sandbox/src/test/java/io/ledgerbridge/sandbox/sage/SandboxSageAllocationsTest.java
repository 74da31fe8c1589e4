package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.artefact;
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

class SandboxSageAllocationsTest {

  private SageFixtures f;
  private String customerId;
  private String invoiceId;
  private String creditNoteId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(31);
    customerId = f.customer("Great Example Ltd", "GEX001");
    invoiceId = f.invoice(customerId); // 138.0
    creditNoteId = f.creditNote(customerId); // 18.0
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private Resp post(ObjectNode body) {
    return f.http.post("/contact_allocations", body);
  }

  private JsonNode invoiceNow() {
    return f.get("/sales_invoices/" + invoiceId);
  }

  private JsonNode creditNoteNow() {
    return f.get("/sales_credit_notes/" + creditNoteId);
  }

  private void assertNothingAllocated() {
    assertThat(invoiceNow().get("outstanding_amount").asText()).isEqualTo("138.0");
    assertThat(invoiceNow().get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(creditNoteNow().get("outstanding_amount").asText()).isEqualTo("18.0");
    assertThat(creditNoteNow().get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(f.sage.contactAllocations(f.business())).isEmpty();
  }

  @Test
  void creditNoteAllocatedToAnInvoiceSettlesBothSides() {
    Resp r = post(f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode a = r.body();
    String id = a.get("id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(a.get("$path").asText()).isEqualTo("/contact_allocations/" + id);
    assertThat(a.get("displayed_as").asText()).isEqualTo("Customer Allocation - 2025-07-01");
    assertThat(a.get("transaction_type").get("id").asText()).isEqualTo("CUSTOMER_ALLOCATION");
    assertThat(a.get("transaction").get("$path").asText()).startsWith("/transactions/");
    assertThat(a.get("date").asText()).isEqualTo("2025-07-01");
    assertThat(a.get("contact").get("id").asText()).isEqualTo(customerId);
    JsonNode lines = a.get("allocated_artefacts");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("artefact").get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(lines.get(0).get("amount").asText()).isEqualTo("18.0");
    assertThat(lines.get(1).get("artefact").get("$path").asText())
        .isEqualTo("/sales_credit_notes/" + creditNoteId);
    assertThat(lines.get(1).get("amount").asText()).isEqualTo("-18.0");
    assertThat(lines.get(1).has("discount")).isFalse();

    JsonNode inv = invoiceNow();
    assertThat(inv.get("status").get("id").asText()).isEqualTo("PART_PAID");
    assertThat(inv.get("outstanding_amount").asText()).isEqualTo("120.0");
    assertThat(inv.get("total_paid").asText()).isEqualTo("18.0");
    JsonNode cn = creditNoteNow();
    assertThat(cn.get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(cn.get("outstanding_amount").asText()).isEqualTo("0.0");
    assertThat(cn.get("last_paid").asText()).isEqualTo("2025-07-01");
    JsonNode shown = f.get("/sales_invoices/" + invoiceId + "?show_payments_allocations=true");
    assertThat(shown.get("payments_allocations").get(0).get("type").asText())
        .isEqualTo("Customer Allocation");
    assertThat(shown.get("payments_allocations").get(0).get("artefact").get("id").asText())
        .isEqualTo(creditNoteId);

    assertThat(f.get("/contact_allocations/" + id)).isEqualTo(a);
    assertThat(f.get("/contact_allocations").get("$total").asInt()).isEqualTo(1);
    assertThat(f.sage.contactAllocations(f.business())).containsExactly(a);
  }

  @Test
  void creditNoteAndReceiptTogetherPayTheInvoice() {
    post(f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00"));

    Resp receipt =
        f.http.post("/contact_payments", f.receiptBody(customerId, "120.00", invoiceId, "120.00"));

    assertThat(receipt.status()).isEqualTo(201);
    assertThat(invoiceNow().get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(invoiceNow().get("total_paid").asText()).isEqualTo("138.0");
  }

  @Test
  void partOfACreditNoteLeavesItPartPaid() {
    assertThat(
            post(f.allocationBody(customerId, invoiceId, "8.00", creditNoteId, "-8.00")).status())
        .isEqualTo(201);

    assertThat(creditNoteNow().get("status").get("id").asText()).isEqualTo("PART_PAID");
    assertThat(creditNoteNow().get("outstanding_amount").asText()).isEqualTo("10.0");
    assertThat(invoiceNow().get("outstanding_amount").asText()).isEqualTo("130.0");
  }

  @Test
  void paymentOnAccountAllocatedToAnInvoice() {
    ObjectNode receipt = f.receiptBody(customerId, "120.00");
    wrapped(receipt).putObject("payment_on_account").put("total_amount", "120.00");
    Resp paid = f.http.post("/contact_payments", receipt);
    String paymentId = paid.body().get("id").asText();
    String poaId = paid.body().get("payment_on_account").get("id").asText();

    Resp r = post(f.allocationBody(customerId, invoiceId, "20.00", poaId, "-20.00"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode poaLine = r.body().get("allocated_artefacts").get(1).get("artefact");
    assertThat(poaLine.get("id").asText()).isEqualTo(poaId);
    assertThat(poaLine.get("$path").asText()).isEqualTo("/contact_payments/" + paymentId);
    JsonNode payment = f.get("/contact_payments/" + paymentId);
    assertThat(payment.get("payment_on_account").get("outstanding_amount").asText())
        .isEqualTo("100.0");
    assertThat(payment.get("payment_on_account").get("status").get("id").asText())
        .isEqualTo("PART_PAID");
    assertThat(payment.get("editable").asBoolean()).isFalse();
    assertThat(invoiceNow().get("outstanding_amount").asText()).isEqualTo("118.0");
  }

  @Test
  void oneCreditNoteOverTwoInvoices() {
    String second = f.invoice(customerId);

    Resp r =
        post(
            f.allocationBody(
                customerId, invoiceId, "10.00", second, "8.00", creditNoteId, "-18.00"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(f.get("/sales_invoices/" + second).get("outstanding_amount").asText())
        .isEqualTo("130.0");
    assertThat(creditNoteNow().get("status").get("id").asText()).isEqualTo("PAID");
  }

  @Test
  void dateDefaultsToToday() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    wrapped(body).remove("date");

    Resp r = post(body);

    assertThat(r.body().get("date").asText()).isEqualTo("2025-07-01");
  }

  @Test
  void amountsMustSumToZero() {
    Resp r = post(f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-10.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts"))
        .isEqualTo("The allocated amounts must sum to zero (they sum to 8.0)");
    assertNothingAllocated();
  }

  @Test
  void invoiceAmountMustBePositive() {
    Resp r = post(f.allocationBody(customerId, invoiceId, "-18.00", creditNoteId, "18.00"));

    assertThat(sources(r))
        .containsExactly("allocated_artefacts[0].amount", "allocated_artefacts[1].amount");
    assertNothingAllocated();
  }

  @Test
  void creditNoteAmountMustBeNegative() {
    String second = f.invoice(customerId);

    Resp r = post(f.allocationBody(customerId, invoiceId, "-5.00", second, "5.00"));

    assertThat(sources(r)).containsExactly("allocated_artefacts[0].amount");
    Resp cn = post(f.allocationBody(customerId, creditNoteId, "5.00", invoiceId, "-5.00"));
    assertThat(sources(cn))
        .containsExactly("allocated_artefacts[0].amount", "allocated_artefacts[1].amount");
  }

  @Test
  void zeroAmountIsRefused() {
    Resp r =
        post(
            f.allocationBody(
                customerId, invoiceId, "1.00", creditNoteId, "-1.00", invoiceId, "0.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[2].amount"))
        .isEqualTo("Amount can't be 0");
  }

  @Test
  void creditNoteCannotBeOverAllocated() {
    String second = f.invoice(customerId);

    Resp r =
        post(
            f.allocationBody(
                customerId, invoiceId, "10.00", second, "10.00", creditNoteId, "-20.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[2].amount"))
        .isEqualTo("Amount exceeds the outstanding amount of SCN-1 (18.0)");
    assertThat(f.sage.contactAllocations(f.business())).isEmpty();
  }

  @Test
  void invoiceCannotBeOverAllocated() {
    f.http.post("/contact_payments", f.receiptBody(customerId, "130.00", invoiceId, "130.00"));

    Resp r = post(f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[0].amount"))
        .isEqualTo("Amount exceeds the outstanding amount of SI-1 (8.0)");
    assertThat(creditNoteNow().get("outstanding_amount").asText()).isEqualTo("18.0");
  }

  @Test
  void everyArtefactBelongsToTheContact() {
    String other = f.customer("Other Ltd", "OTH001");
    String othersCreditNote = f.creditNote(other);

    Resp r = post(f.allocationBody(customerId, invoiceId, "18.00", othersCreditNote, "-18.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[1].artefact_id"))
        .isEqualTo("SCN-2 does not belong to the contact");
    assertNothingAllocated();
  }

  @Test
  void unknownArtefactIsRecordNotFound() {
    Resp r =
        post(
            f.allocationBody(
                customerId, invoiceId, "1.00", "0123456789abcdef0123456789abcdef", "-1.00"));

    singleError(r, "RecordNotFound", "allocated_artefacts[1].artefact_id");
  }

  @Test
  void draftCreditNoteCannotBeAllocated() {
    ObjectNode draft = f.creditNoteBody(customerId, "10.00", "2.00");
    wrapped(draft).put("status_id", "DRAFT");
    String draftId = f.http.post("/sales_credit_notes", draft).body().get("id").asText();

    Resp r = post(f.allocationBody(customerId, invoiceId, "1.00", draftId, "-1.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[1].artefact_id"))
        .isEqualTo("SCN-DRAFT is not posted (DRAFT) and cannot be allocated");
  }

  @Test
  void unknownContactIsRecordNotFound() {
    Resp r =
        post(
            f.allocationBody(
                "ffffffffffffffffffffffffffffffff", invoiceId, "1.00", creditNoteId, "-1.00"));

    singleError(r, "RecordNotFound", "contact_id");
  }

  @Test
  void vendorContactIsNotACustomer() {
    String vendor = f.contact("Supplier", "S1", "VENDOR", "GBP");
    ObjectNode body = f.allocationBody(vendor);

    assertThat(sources(post(body))).containsExactlyInAnyOrder("contact_id", "allocated_artefacts");
  }

  @Test
  void unknownTransactionTypeIsRecordNotFound() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    wrapped(body).put("transaction_type_id", "CUSTOMER_RECEIPT");

    singleError(post(body), "RecordNotFound", "transaction_type_id");
  }

  @Test
  void vendorAllocationsAreNotModelled() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    wrapped(body).put("transaction_type_id", "VENDOR_ALLOCATION");

    singleError(post(body), "RecordInvalid", "transaction_type_id");
  }

  @Test
  void requiredFieldsAreNamed() {
    ObjectNode body = f.allocationBody(customerId);
    wrapped(body).remove("transaction_type_id");
    wrapped(body).remove("contact_id");
    wrapped(body).remove("allocated_artefacts");

    assertThat(sources(post(body)))
        .containsExactlyInAnyOrder("transaction_type_id", "contact_id", "allocated_artefacts");
  }

  @Test
  void emptyArtefactListIsRefused() {
    singleError(post(f.allocationBody(customerId)), "RecordInvalid", "allocated_artefacts");
  }

  @Test
  void amountsWithMoreThanTwoDecimalsAreRejected() {
    Resp r = post(f.allocationBody(customerId, invoiceId, "1.001", creditNoteId, "-1.001"));

    assertThat(sources(r))
        .containsExactly("allocated_artefacts[0].amount", "allocated_artefacts[1].amount");
    assertNothingAllocated();
  }

  @Test
  void discountIsNotAnAttributeOfAnAllocation() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    artefact(body, 0).put("discount", "1.00");

    singleError(post(body), "RecordInvalid", "allocated_artefacts[0].discount");
  }

  @Test
  void dateBeforeTheAccountsStartIsRejected() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    wrapped(body).put("date", "2023-12-31");

    singleError(post(body), "RecordInvalid", "date");
  }

  @Test
  void idempotentReplayDoesNotAllocateTwice() {
    ObjectNode body = f.allocationBody(customerId, invoiceId, "9.00", creditNoteId, "-9.00");
    wrapped(body).put("idempotency_id", "a110ca7ea110ca7ea110ca7ea110ca7e");

    Resp first = post(body);
    Resp replay = post(body);

    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(f.sage.contactAllocations(f.business())).hasSize(1);
    assertThat(creditNoteNow().get("outstanding_amount").asText()).isEqualTo("9.0");
  }

  @Test
  void idempotencyIdOfAPaymentIsAMismatchOnAnAllocation() {
    ObjectNode receipt = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(receipt).put("idempotency_id", "0badc0de0badc0de0badc0de0badc0de");
    assertThat(f.http.post("/contact_payments", receipt).status()).isEqualTo(201);
    ObjectNode body = f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00");
    wrapped(body).put("idempotency_id", "0badc0de0badc0de0badc0de0badc0de");

    singleError(post(body), "IdempotencyResourceMismatch", "");
    assertThat(f.sage.contactAllocations(f.business())).isEmpty();
  }
}
