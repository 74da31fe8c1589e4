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

  private JsonNode products;

  @BeforeEach
  void start() throws Exception {
    f = SageFixtures.start(43);
    sales = definitions(SageSchemas.SALES_FILE);
    payments = definitions(SageSchemas.PAYMENTS_FILE);
    products = definitions(SageSchemas.PRODUCTS_FILE);
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

  /**
   * Products, services and stock items also carry {@code links}: their definitions omit it, but
   * Sage's own examples of {@code GET /products/{key}}, {@code /services/{key}} and {@code
   * /stock_items/{key}} in the same Swagger file show it.
   */
  @Test
  void catalogueAndStockMovementsUseOnlyDeclaredProperties() {
    String vendor = f.contact("Wallace Office Equipment", "WAL001", "VENDOR", "GBP");
    ObjectNode productBody = f.productBody("MUG", "Mug");
    wrapped(productBody).put("usual_supplier_id", vendor);
    JsonNode product = f.get("/products/" + f.created("/products", productBody));
    JsonNode service = f.get("/services/" + f.created("/services", f.serviceBody("ENG", "Eng")));
    String stockItemId = f.created("/stock_items", f.stockItemBody("TEE", "T-shirt"));
    JsonNode stockItem = f.get("/stock_items/" + stockItemId);
    JsonNode stockAsProduct = f.get("/products/" + stockItemId);
    String movementId = f.created("/stock_movements", f.movementBody(stockItemId, "2", "7.00"));
    JsonNode movement = f.get("/stock_movements/" + movementId);
    JsonNode expanded = f.get("/stock_movements/" + movementId + "?nested_attributes=all");

    List<String> undeclared = new ArrayList<>();
    for (JsonNode p : List.of(product, stockAsProduct)) {
      undeclared.addAll(undeclared(without(p, "links"), products, "Product"));
      p.get("sales_prices").forEach(x -> undeclared.addAll(undeclared(x, products, "SalesPrice")));
    }
    undeclared.addAll(undeclared(without(service, "links"), products, "Service"));
    service.get("sales_rates").forEach(x -> undeclared.addAll(undeclared(x, products, "Rate")));
    undeclared.addAll(undeclared(without(stockItem, "links"), products, "StockItem"));
    undeclared.addAll(undeclared(movement, products, "StockMovement"));
    undeclared.addAll(
        undeclared(without(expanded.get("stock_item"), "links"), products, "StockItem"));
    for (JsonNode link :
        List.of(
            product.get("usual_supplier"),
            product.get("sales_ledger_account"),
            movement.get("stock_item"),
            product.get("sales_prices").get(0).get("product_sales_price_type"))) {
      undeclared.addAll(undeclared(link, products, "Base"));
    }

    assertThat(product.get("usual_supplier").isObject()).isTrue();
    assertThat(undeclared).isEmpty();
    // and every property each definition declares is there
    assertThat(missing(product, "Product")).containsOnly("Product.deleted_at");
    assertThat(missing(service, "Service")).containsOnly("Service.deleted_at");
    assertThat(missing(stockItem, "StockItem")).containsOnly("StockItem.deleted_at");
    assertThat(missing(movement, "StockMovement")).isEmpty();
  }

  private static JsonNode without(JsonNode node, String field) {
    ObjectNode copy = node.deepCopy();
    copy.remove(field);
    return copy;
  }

  private List<String> missing(JsonNode node, String definition) {
    List<String> out = new ArrayList<>();
    products
        .get(definition)
        .get("properties")
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!node.has(name)) {
                out.add(definition + "." + name);
              }
            });
    return out;
  }
}
