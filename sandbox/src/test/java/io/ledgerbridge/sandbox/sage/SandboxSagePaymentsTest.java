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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxSagePaymentsTest {

  private SageFixtures f;
  private String customerId;
  private String invoiceId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(29);
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

  private Resp post(ObjectNode body) {
    return f.http.post("/contact_payments", body);
  }

  private JsonNode invoiceNow() {
    return f.get("/sales_invoices/" + invoiceId);
  }

  private void assertInvoiceUntouched() {
    JsonNode inv = invoiceNow();
    assertThat(inv.get("outstanding_amount").asText()).isEqualTo("138.0");
    assertThat(inv.get("status").get("id").asText()).isEqualTo("UNPAID");
  }

  // ---- happy paths and transitions -----------------------------------------------------------

  @Test
  void receiptPaysTheInvoiceInFull() {
    Resp r = post(f.receiptBody(customerId, "138.00", invoiceId, "138.00"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode p = r.body();
    String id = p.get("id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(p.get("$path").asText()).isEqualTo("/contact_payments/" + id);
    assertThat(p.get("displayed_as").asText()).isEqualTo("STRIPE-ch_1");
    assertThat(p.get("transaction_type").get("id").asText()).isEqualTo("CUSTOMER_RECEIPT");
    assertThat(p.get("transaction_type").get("displayed_as").asText())
        .isEqualTo("Customer Receipt");
    assertThat(p.get("payment_method").get("displayed_as").asText()).isEqualTo("Credit/Debit Card");
    assertThat(p.get("bank_account").get("displayed_as").asText()).isEqualTo("Bank Account (1200)");
    assertThat(p.get("contact").get("$path").asText()).isEqualTo("/contacts/" + customerId);
    assertThat(p.get("total_amount").asText()).isEqualTo("138.0");
    assertThat(p.get("exchange_rate").asText()).isEqualTo("1.0");
    assertThat(p.get("base_currency_total_amount").asText()).isEqualTo("138.0");
    assertThat(p.get("currency").get("id").asText()).isEqualTo("GBP");
    assertThat(p.get("payment_on_account").isNull()).isTrue();
    JsonNode allocated = p.get("allocated_artefacts").get(0);
    assertThat(allocated.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(allocated.get("artefact").get("id").asText()).isEqualTo(invoiceId);
    assertThat(allocated.get("artefact").get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(allocated.get("artefact").get("$path").asText())
        .isEqualTo("/sales_invoices/" + invoiceId);
    assertThat(allocated.get("amount").asText()).isEqualTo("138.0");
    assertThat(allocated.get("discount").asText()).isEqualTo("0.0");

    JsonNode inv = invoiceNow();
    assertThat(inv.get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(inv.get("status").get("displayed_as").asText()).isEqualTo("Paid");
    assertThat(inv.get("outstanding_amount").asText()).isEqualTo("0.0");
    assertThat(inv.get("base_currency_outstanding_amount").asText()).isEqualTo("0.0");
    assertThat(inv.get("total_paid").asText()).isEqualTo("138.0");
    assertThat(inv.get("payments_allocations_total_amount").asText()).isEqualTo("138.0");
    assertThat(inv.get("last_paid").asText()).isEqualTo("2025-07-01");
    assertThat(f.get("/contact_payments/" + id)).isEqualTo(p);
    assertThat(f.sage.contactPayments(f.business())).containsExactly(p);
    assertThat(f.sage.salesInvoice(f.business(), invoiceId)).contains(inv);
  }

  @Test
  void partPaymentsMoveTheInvoiceFromUnpaidToPartPaidToPaid() {
    assertThat(invoiceNow().get("status").get("id").asText()).isEqualTo("UNPAID");

    assertThat(post(f.receiptBody(customerId, "38.00", invoiceId, "38.00")).status())
        .isEqualTo(201);
    JsonNode part = invoiceNow();
    assertThat(part.get("status").get("id").asText()).isEqualTo("PART_PAID");
    assertThat(part.get("status").get("displayed_as").asText()).isEqualTo("Part Paid");
    assertThat(part.get("outstanding_amount").asText()).isEqualTo("100.0");
    assertThat(part.get("total_paid").asText()).isEqualTo("38.0");
    assertThat(f.get("/sales_invoices?status_id=PART_PAID").get("$total").asInt()).isEqualTo(1);

    assertThat(post(f.receiptBody(customerId, "100.00", invoiceId, "100.00")).status())
        .isEqualTo(201);
    JsonNode paid = invoiceNow();
    assertThat(paid.get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(paid.get("outstanding_amount").asText()).isEqualTo("0.0");
    assertThat(paid.get("total_paid").asText()).isEqualTo("138.0");

    JsonNode shown = f.get("/sales_invoices/" + invoiceId + "?show_payments_allocations=true");
    assertThat(shown.get("payments_allocations")).hasSize(2);
    assertThat(shown.get("payments_allocations").get(0).get("amount").asText()).isEqualTo("38.0");
    assertThat(shown.get("payments_allocations").get(1).get("type").asText())
        .isEqualTo("Customer Receipt");
    assertThat(invoiceNow().has("payments_allocations")).isFalse();
    assertThat(f.get("/contact_payments?contact_id=" + customerId).get("$total").asInt())
        .isEqualTo(2);
  }

  @Test
  void discountSettlesTheRestOfTheInvoice() {
    ObjectNode body = f.receiptBody(customerId, "130.00", invoiceId, "130.00");
    artefact(body, 0).put("discount", "8.00");

    assertThat(post(body).status()).isEqualTo(201);

    JsonNode inv = invoiceNow();
    assertThat(inv.get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(inv.get("payments_allocations_total_amount").asText()).isEqualTo("130.0");
    assertThat(inv.get("payments_allocations_total_discount").asText()).isEqualTo("8.0");
    assertThat(inv.get("total_paid").asText()).isEqualTo("138.0");
  }

  @Test
  void oneReceiptPaysTwoInvoices() {
    String second = f.invoice(customerId);

    Resp r = post(f.receiptBody(customerId, "176.00", invoiceId, "138.00", second, "38.00"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(invoiceNow().get("status").get("id").asText()).isEqualTo("PAID");
    JsonNode other = f.get("/sales_invoices/" + second);
    assertThat(other.get("status").get("id").asText()).isEqualTo("PART_PAID");
    assertThat(other.get("outstanding_amount").asText()).isEqualTo("100.0");
  }

  @Test
  void remainderOnAccountBecomesAnOpenPaymentOnAccount() {
    ObjectNode body = f.receiptBody(customerId, "150.00", invoiceId, "138.00");
    wrapped(body).putObject("payment_on_account").put("total_amount", "12.00");

    Resp r = post(body);

    assertThat(r.status()).isEqualTo(201);
    String paymentId = r.body().get("id").asText();
    JsonNode poa = r.body().get("payment_on_account");
    assertThat(poa.get("id").asText()).matches("[0-9a-f]{32}").isNotEqualTo(paymentId);
    assertThat(poa.get("$path").asText()).isEqualTo("/contact_payments/" + paymentId);
    assertThat(poa.get("total_amount").asText()).isEqualTo("12.0");
    assertThat(poa.get("outstanding_amount").asText()).isEqualTo("12.0");
    assertThat(poa.get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(poa.get("contact_name").asText()).isEqualTo("Great Example Ltd");
    assertThat(poa.get("reference").asText()).isEqualTo("STRIPE-ch_1");
    assertThat(invoiceNow().get("status").get("id").asText()).isEqualTo("PAID");
  }

  @Test
  void wholeReceiptOnAccount() {
    ObjectNode body = f.receiptBody(customerId, "120.00");
    wrapped(body).putObject("payment_on_account").put("total_amount", "120.00");

    Resp r = post(body);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().get("allocated_artefacts")).isEmpty();
    assertThat(r.body().get("payment_on_account").get("outstanding_amount").asText())
        .isEqualTo("120.0");
    assertInvoiceUntouched();
  }

  @Test
  void refundPaysOutACreditNote() {
    String creditNoteId = f.creditNote(customerId);

    Resp part = post(f.refundBody(customerId, "8.00", creditNoteId, "8.00"));
    assertThat(part.status()).isEqualTo(201);
    assertThat(part.body().get("transaction_type").get("displayed_as").asText())
        .isEqualTo("Customer Refund");
    JsonNode partCn = f.get("/sales_credit_notes/" + creditNoteId);
    assertThat(partCn.get("status").get("id").asText()).isEqualTo("PART_PAID");
    assertThat(partCn.get("outstanding_amount").asText()).isEqualTo("10.0");

    assertThat(post(f.refundBody(customerId, "10.00", creditNoteId, "10.00")).status())
        .isEqualTo(201);
    JsonNode cn = f.get("/sales_credit_notes/" + creditNoteId);
    assertThat(cn.get("status").get("id").asText()).isEqualTo("PAID");
    assertThat(cn.get("outstanding_amount").asText()).isEqualTo("0.0");
    assertThat(cn.get("total_paid").asText()).isEqualTo("18.0");
    assertThat(f.sage.salesCreditNote(f.business(), creditNoteId)).contains(cn);
    assertThat(f.get("/contact_payments?transaction_type_id=CUSTOMER_REFUND").get("$total").asInt())
        .isEqualTo(2);
    assertInvoiceUntouched();
  }

  @Test
  void refundPaysBackAPaymentOnAccount() {
    ObjectNode receipt = f.receiptBody(customerId, "20.00");
    wrapped(receipt).putObject("payment_on_account").put("total_amount", "20.00");
    Resp paid = post(receipt);
    String poaId = paid.body().get("payment_on_account").get("id").asText();

    Resp refund = post(f.refundBody(customerId, "20.00", poaId, "20.00"));

    assertThat(refund.status()).isEqualTo(201);
    JsonNode payment = f.get("/contact_payments/" + paid.body().get("id").asText());
    assertThat(payment.get("payment_on_account").get("outstanding_amount").asText())
        .isEqualTo("0.0");
    assertThat(payment.get("payment_on_account").get("status").get("id").asText())
        .isEqualTo("PAID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CASH", "CHECK", "ELECTRONIC", "CREDIT_DEBIT", "ONLINE_PAYMENT"})
  void acceptsEveryReferencePaymentMethod(String method) {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("payment_method_id", method);

    Resp r = post(body);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().get("payment_method").get("displayed_as").asText())
        .isEqualTo(f.get("/payment_methods/" + method).get("displayed_as").asText());
  }

  @Test
  void servesThePaymentMethods() {
    JsonNode methods = f.get("/payment_methods");

    assertThat(methods.get("$total").asInt()).isEqualTo(5);
    assertThat(methods.get("$items").get(1).get("displayed_as").asText()).isEqualTo("Cheque");
  }

  // ---- the amounts rule ----------------------------------------------------------------------

  @Test
  void unallocatedRemainderWithoutPaymentOnAccountIsRefused() {
    Resp r = post(f.receiptBody(customerId, "150.00", invoiceId, "138.00"));

    assertThat(singleError(r, "RecordInvalid", "total_amount"))
        .isEqualTo(
            "The total amount (150.0) must equal the allocated amounts (138.0) plus the payment"
                + " on account (0.0); send the remainder as payment_on_account");
    assertThat(f.sage.contactPayments(f.business())).isEmpty();
    assertInvoiceUntouched();
  }

  @Test
  void receiptWithNeitherAllocationsNorPaymentOnAccountIsRefused() {
    singleError(post(f.receiptBody(customerId, "10.00")), "RecordInvalid", "total_amount");
  }

  @Test
  void allocationsAboveTheTotalAreRefused() {
    singleError(
        post(f.receiptBody(customerId, "100.00", invoiceId, "138.00")),
        "RecordInvalid",
        "total_amount");
    assertInvoiceUntouched();
  }

  @Test
  void refundCannotBeLeftOnAccount() {
    String creditNoteId = f.creditNote(customerId);
    ObjectNode body = f.refundBody(customerId, "18.00", creditNoteId, "8.00");
    wrapped(body).putObject("payment_on_account").put("total_amount", "10.00");

    singleError(post(body), "RecordInvalid", "payment_on_account");
  }

  @Test
  void paymentOnAccountNeedsATotal() {
    ObjectNode body = f.receiptBody(customerId, "10.00");
    wrapped(body).putObject("payment_on_account").put("reference", "no total");

    singleError(post(body), "RecordInvalid", "payment_on_account.total_amount");
  }

  @Test
  void paymentOnAccountBelongsToThePaymentsContact() {
    String other = f.customer("Other Ltd", "OTH001");
    ObjectNode body = f.receiptBody(customerId, "10.00");
    wrapped(body)
        .putObject("payment_on_account")
        .put("total_amount", "10.00")
        .put("contact_id", other);

    singleError(post(body), "RecordInvalid", "payment_on_account.contact_id");
  }

  // ---- allocated artefacts -------------------------------------------------------------------

  @Test
  void overAllocationIsRefused() {
    Resp r = post(f.receiptBody(customerId, "138.01", invoiceId, "138.01"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[0].amount"))
        .isEqualTo("Amount exceeds the outstanding amount of SI-1 (138.0)");
    assertInvoiceUntouched();
  }

  @Test
  void overAllocationCountsEveryLineOfTheSameInvoice() {
    Resp r = post(f.receiptBody(customerId, "140.00", invoiceId, "70.00", invoiceId, "70.00"));

    singleError(r, "RecordInvalid", "allocated_artefacts[1].amount");
    assertInvoiceUntouched();
  }

  @Test
  void overAllocationCountsWhatIsAlreadyPaid() {
    post(f.receiptBody(customerId, "100.00", invoiceId, "100.00"));

    Resp r = post(f.receiptBody(customerId, "40.00", invoiceId, "40.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[0].amount")).contains("(38.0)");
    assertThat(invoiceNow().get("outstanding_amount").asText()).isEqualTo("38.0");
  }

  @Test
  void unknownArtefactIsRecordNotFound() {
    Resp r = post(f.receiptBody(customerId, "1.00", "0123456789abcdef0123456789abcdef", "1.00"));

    singleError(r, "RecordNotFound", "allocated_artefacts[0].artefact_id");
  }

  @Test
  void artefactOfAnotherContactIsRefused() {
    String other = f.customer("Other Ltd", "OTH001");

    Resp r = post(f.receiptBody(other, "1.00", invoiceId, "1.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[0].artefact_id"))
        .isEqualTo("SI-1 does not belong to the contact");
    assertInvoiceUntouched();
  }

  @Test
  void receiptCannotBeAllocatedToACreditNote() {
    String creditNoteId = f.creditNote(customerId);

    Resp r = post(f.receiptBody(customerId, "1.00", creditNoteId, "1.00"));

    singleError(r, "RecordInvalid", "allocated_artefacts[0].artefact_id");
  }

  @Test
  void refundCannotBeAllocatedToAnInvoice() {
    Resp r = post(f.refundBody(customerId, "1.00", invoiceId, "1.00"));

    singleError(r, "RecordInvalid", "allocated_artefacts[0].artefact_id");
    assertInvoiceUntouched();
  }

  @Test
  void allocatedAmountMustBePositive() {
    singleError(
        post(f.receiptBody(customerId, "1.00", invoiceId, "-1.00")),
        "RecordInvalid",
        "allocated_artefacts[0].amount");
  }

  @Test
  void allocatedArtefactNeedsAnIdAndAnAmount() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    artefact(body, 0).remove("artefact_id");
    artefact(body, 0).remove("amount");

    assertThat(sources(post(body)))
        .containsExactlyInAnyOrder(
            "allocated_artefacts[0].artefact_id", "allocated_artefacts[0].amount");
  }

  @Test
  void draftInvoiceCannotBePaid() {
    ObjectNode draft = f.invoiceBody(customerId);
    wrapped(draft).put("status_id", "DRAFT");
    String draftId = f.http.post("/sales_invoices", draft).body().get("id").asText();

    Resp r = post(f.receiptBody(customerId, "1.00", draftId, "1.00"));

    assertThat(singleError(r, "RecordInvalid", "allocated_artefacts[0].artefact_id"))
        .isEqualTo("SI-DRAFT is not posted (DRAFT) and cannot be allocated");
  }

  // ---- header rules ----------------------------------------------------------------------------

  @Test
  void requiredFieldsAreNamed() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    for (String field :
        new String[] {"transaction_type_id", "contact_id", "bank_account_id", "date"}) {
      wrapped(body).remove(field);
    }
    wrapped(body).remove("total_amount");

    assertThat(sources(post(body)))
        .containsExactlyInAnyOrder(
            "transaction_type_id", "contact_id", "bank_account_id", "date", "total_amount");
  }

  @Test
  void unknownTransactionTypeIsRecordNotFound() {
    singleError(
        post(f.paymentBody("CUSTOMER_GIFT", customerId, "1.00", invoiceId, "1.00")),
        "RecordNotFound",
        "transaction_type_id");
  }

  @Test
  void vendorPaymentsAreNotModelled() {
    singleError(
        post(f.paymentBody("VENDOR_PAYMENT", customerId, "1.00", invoiceId, "1.00")),
        "RecordInvalid",
        "transaction_type_id");
  }

  @Test
  void unknownContactIsRecordNotFound() {
    Resp r = post(f.receiptBody("ffffffffffffffffffffffffffffffff", "1.00"));

    singleError(r, "RecordNotFound", "contact_id");
  }

  @Test
  void vendorContactIsNotACustomer() {
    String vendor = f.contact("Supplier", "S1", "VENDOR", "GBP");

    ObjectNode body = f.receiptBody(vendor, "1.00");
    wrapped(body).putObject("payment_on_account").put("total_amount", "1.00");

    assertThat(singleError(post(body), "RecordInvalid", "contact_id"))
        .isEqualTo("Couldn't find Customer.");
  }

  @Test
  void unknownBankAccountIsRecordNotFound() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("bank_account_id", "0123456789abcdef0123456789abcdef");

    singleError(post(body), "RecordNotFound", "bank_account_id");
  }

  @Test
  void unknownPaymentMethodIsRecordNotFound() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("payment_method_id", "BITCOIN");

    singleError(post(body), "RecordNotFound", "payment_method_id");
  }

  @Test
  void currencyMustBeTheContacts() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("currency_id", "EUR");

    singleError(post(body), "RecordInvalid", "currency_id");
  }

  @Test
  void exchangeRateOfTheBaseCurrencyIsOne() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("exchange_rate", "1.1");

    singleError(post(body), "RecordInvalid", "exchange_rate");
    wrapped(body).put("exchange_rate", "1.0");
    assertThat(post(body).status()).isEqualTo(201);
  }

  @Test
  void foreignCurrencyReceiptPaysAForeignInvoice() {
    String french = f.contact("Client FR", "F1", "CUSTOMER", "EUR");
    ObjectNode inv = f.invoiceBody(french);
    wrapped(inv).put("currency_id", "EUR").put("exchange_rate", "1.25");
    String euroInvoice = f.http.post("/sales_invoices", inv).body().get("id").asText();
    ObjectNode body = f.receiptBody(french, "38.00", euroInvoice, "38.00");
    wrapped(body).put("currency_id", "EUR").put("exchange_rate", "1.25");

    Resp r = post(body);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().get("base_currency_total_amount").asText()).isEqualTo("30.4");
    JsonNode paid = f.get("/sales_invoices/" + euroInvoice);
    assertThat(paid.get("outstanding_amount").asText()).isEqualTo("100.0");
    assertThat(paid.get("base_currency_outstanding_amount").asText()).isEqualTo("80.0");
  }

  @Test
  void referenceIsAtMost25Characters() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("reference", "R".repeat(26));

    singleError(post(body), "RecordInvalid", "reference");
  }

  @Test
  void amountsWithMoreThanTwoDecimalsAreRejected() {
    Resp r = post(f.receiptBody(customerId, "1.005", invoiceId, "1.005"));

    assertThat(sources(r))
        .containsExactlyInAnyOrder("total_amount", "allocated_artefacts[0].amount");
  }

  @Test
  void totalAmountMustBePositive() {
    ObjectNode body = f.receiptBody(customerId, "0.00");
    wrapped(body).putObject("payment_on_account").put("total_amount", "0.00");

    assertThat(sources(post(body)))
        .containsExactlyInAnyOrder("total_amount", "payment_on_account.total_amount");
  }

  @Test
  void dateBeforeTheAccountsStartIsRejected() {
    ObjectNode body = f.receiptBody(customerId, "1.00", invoiceId, "1.00");
    wrapped(body).put("date", "2023-12-31");

    singleError(post(body), "RecordInvalid", "date");
  }

  // ---- idempotency ---------------------------------------------------------------------------

  @Test
  void idempotentReplayDoesNotPayTwice() {
    ObjectNode body = f.receiptBody(customerId, "38.00", invoiceId, "38.00");
    wrapped(body).put("idempotency_id", "feedfacefeedfacefeedfacefeedface");

    Resp first = post(body);
    Resp replay = post(body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(f.sage.contactPayments(f.business())).hasSize(1);
    assertThat(f.sage.postCount("/contact_payments")).isEqualTo(2);
    assertThat(invoiceNow().get("outstanding_amount").asText()).isEqualTo("100.0");
  }

  @Test
  void idempotencyIdOfAnInvoiceIsAMismatchOnAPayment() {
    ObjectNode invoice = f.invoiceBody(customerId);
    wrapped(invoice).put("idempotency_id", "abcdabcdabcdabcdabcdabcdabcdabcd");
    assertThat(f.http.post("/sales_invoices", invoice).status()).isEqualTo(201);
    ObjectNode body = f.receiptBody(customerId, "38.00", invoiceId, "38.00");
    wrapped(body).put("idempotency_id", "abcdabcdabcdabcdabcdabcdabcdabcd");

    assertThat(singleError(post(body), "IdempotencyResourceMismatch", ""))
        .isEqualTo("Entity type mismatch");
    assertInvoiceUntouched();
  }
}
