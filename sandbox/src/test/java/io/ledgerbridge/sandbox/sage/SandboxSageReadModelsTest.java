package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read models the sandbox answers with use only properties Sage's read-model definitions
 * declare ({@code SalesInvoice}, {@code SalesCreditNote}, {@code ContactPayment}, {@code
 * PaymentOnAccount}, {@code ContactAllocation}, ...), so a client written against the Swagger reads
 * them as it would read Sage's.
 */
class SandboxSageReadModelsTest {

  private SageFixtures f;
  private JsonNode sales;
  private JsonNode payments;

  @BeforeEach
  void start() throws Exception {
    f = SageFixtures.start(43);
    sales = definitions(SageSchemas.SALES_FILE);
    payments = definitions(SageSchemas.PAYMENTS_FILE);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static JsonNode definitions(String file) throws Exception {
    try (InputStream in = SageSchemas.class.getResourceAsStream("/sandbox/sage/" + file)) {
      return SageJson.MAPPER.readTree(in).get("definitions");
    }
  }

  /** Properties of {@code node} that {@code definition} does not declare. */
  private static List<String> undeclared(JsonNode node, JsonNode definitions, String definition) {
    JsonNode declared = definitions.get(definition).get("properties");
    List<String> out = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!declared.has(name)) {
                out.add(definition + "." + name);
              }
            });
    return out;
  }

  @Test
  void documentsPaymentsAndAllocationsUseOnlyDeclaredProperties() {
    String customer = f.customer("Great Example Ltd", "GEX001");
    String invoiceId = f.invoice(customer);
    String creditNoteId = f.creditNote(customer);
    ObjectNode receipt = f.receiptBody(customer, "150.00", invoiceId, "100.00");
    wrapped(receipt).putObject("payment_on_account").put("total_amount", "50.00");
    JsonNode payment = f.http.post("/contact_payments", receipt).body();
    String poaId = payment.get("payment_on_account").get("id").asText();
    JsonNode allocation =
        f.http
            .post(
                "/contact_allocations",
                f.allocationBody(
                    customer, invoiceId, "38.00", poaId, "-20.00", creditNoteId, "-18.00"))
            .body();
    JsonNode invoice = f.get("/sales_invoices/" + invoiceId + "?show_payments_allocations=true");
    JsonNode creditNote =
        f.get("/sales_credit_notes/" + creditNoteId + "?show_payments_allocations=true");
    payment = f.get("/contact_payments/" + payment.get("id").asText());

    List<String> undeclared = new ArrayList<>();
    undeclared.addAll(undeclared(invoice, sales, "SalesInvoice"));
    undeclared.addAll(
        undeclared(invoice.get("invoice_lines").get(0), sales, "SalesInvoiceLineItem"));
    invoice
        .get("payments_allocations")
        .forEach(p -> undeclared.addAll(undeclared(p, sales, "PaymentAllocation")));
    undeclared.addAll(undeclared(creditNote, sales, "SalesCreditNote"));
    undeclared.addAll(
        undeclared(creditNote.get("credit_note_lines").get(0), sales, "SalesCreditNoteLineItem"));
    undeclared.addAll(undeclared(payment, payments, "ContactPayment"));
    undeclared.addAll(undeclared(payment.get("payment_on_account"), payments, "PaymentOnAccount"));
    undeclared.addAll(
        undeclared(
            payment.get("allocated_artefacts").get(0), payments, "AllocatedPaymentArtefact"));
    undeclared.addAll(undeclared(allocation, payments, "ContactAllocation"));
    allocation
        .get("allocated_artefacts")
        .forEach(
            a -> {
              undeclared.addAll(undeclared(a, payments, "AllocatedArtefact"));
              undeclared.addAll(undeclared(a.get("artefact"), payments, "Generic"));
            });

    assertThat(invoice.get("payments_allocations")).hasSize(2);
    assertThat(creditNote.get("payments_allocations")).hasSize(1);
    assertThat(undeclared).isEmpty();
  }
}
