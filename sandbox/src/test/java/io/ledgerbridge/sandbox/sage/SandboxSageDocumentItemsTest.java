package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invoice and credit-note lines that name a product, service or stock item: the ids must be the
 * business's, and stock items move stock (D-INVENT).
 */
class SandboxSageDocumentItemsTest {

  private SageFixtures f;
  private String customerId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(67);
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

  private static ObjectNode line(ObjectNode body, String linesField, int i) {
    return (ObjectNode) wrapped(body).get(linesField).get(i);
  }

  private String stockItemWith(String quantity) {
    String id = f.created("/stock_items", f.stockItemBody("WIDGET", "Widget"));
    f.created("/stock_movements", f.movementBody(id, quantity, "7.00"));
    return id;
  }

  @Test
  void linesLinkTheirProductAndService() {
    String productId = f.created("/products", f.productBody("GADGET", "Gadget (boxed)"));
    String serviceId = f.created("/services", f.serviceBody("ENG", "Engraving"));
    ObjectNode body = f.invoiceBody(customerId);
    line(body, "invoice_lines", 0).put("service_id", serviceId);
    line(body, "invoice_lines", 1).put("product_id", productId);

    Resp r = f.http.post("/sales_invoices", body);

    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    JsonNode lines = r.body().get("invoice_lines");
    assertThat(lines.get(0).get("service").get("$path").asText())
        .isEqualTo("/services/" + serviceId);
    assertThat(lines.get(0).get("service").get("displayed_as").asText()).isEqualTo("Engraving");
    assertThat(lines.get(0).get("product").isNull()).isTrue();
    assertThat(lines.get(1).get("product").get("$path").asText())
        .isEqualTo("/products/" + productId);
    assertThat(lines.get(1).get("product").get("displayed_as").asText())
        .isEqualTo("Gadget (boxed)");
    assertThat(f.get("/products/" + productId).get("deletable").asBoolean()).isFalse();
    assertThat(f.sage.stockMovements(f.business())).isEmpty();
  }

  @Test
  void unknownOrMismatchedItemsAreNotFound() {
    String productId = f.created("/products", f.productBody("GADGET", "Gadget"));
    String serviceId = f.created("/services", f.serviceBody("ENG", "Engraving"));
    ObjectNode body = f.invoiceBody(customerId);
    line(body, "invoice_lines", 0).put("product_id", serviceId);
    line(body, "invoice_lines", 1).put("service_id", productId);

    assertThat(SageFixtures.sources(f.http.post("/sales_invoices", body)))
        .containsExactly("invoice_lines[0].product_id", "invoice_lines[1].service_id");
    ObjectNode both = f.invoiceBody(customerId);
    line(both, "invoice_lines", 0).put("product_id", productId).put("service_id", serviceId);
    SageFixtures.singleError(
        f.http.post("/sales_invoices", both), "RecordInvalid", "invoice_lines[0].service_id");
    ObjectNode unknown = f.creditNoteBody(customerId, "10.00", "2.00");
    line(unknown, "credit_note_lines", 0).put("product_id", "0123456789abcdef0123456789abcdef");
    SageFixtures.singleError(
        f.http.post("/sales_credit_notes", unknown),
        "RecordNotFound",
        "credit_note_lines[0].product_id");
    assertThat(f.sage.salesInvoices(f.business())).isEmpty();
  }

  @Test
  void aPostedInvoiceTakesItsStockItemsOutOfStock() {
    String stockItemId = stockItemWith("5");
    ObjectNode body = f.invoiceBody(customerId); // Widget x2 and Gadget x1
    line(body, "invoice_lines", 0).put("product_id", stockItemId);
    line(body, "invoice_lines", 1).put("product_id", stockItemId);

    Resp r = f.http.post("/sales_invoices", body);

    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("2");
    JsonNode movement = f.sage.stockMovements(f.business()).get(1);
    assertThat(movement.get("quantity").asText()).isEqualTo("-3.0");
    assertThat(movement.get("reference").asText()).isEqualTo("SI-1");
    assertThat(movement.get("details").asText()).isEqualTo("Great Example Ltd");
    assertThat(movement.get("displayed_as").asText()).isEqualTo("Great Example Ltd (Ref: SI-1)");
    assertThat(movement.get("cost_price").asText()).isEqualTo("7.0");
    assertThat(movement.get("date").asText()).isEqualTo("2025-06-24T00:00:00.000Z");
    assertThat(movement.get("movement_number").asInt()).isEqualTo(2);
    assertThat(r.body().get("invoice_lines").get(0).get("product").get("$path").asText())
        .isEqualTo("/products/" + stockItemId);
  }

  @Test
  void anInvoiceThatWouldTakeStockBelowZeroIsRefused() {
    String stockItemId = stockItemWith("2");
    ObjectNode body = f.invoiceBody(customerId);
    line(body, "invoice_lines", 0).put("product_id", stockItemId);
    line(body, "invoice_lines", 1).put("product_id", stockItemId);

    Resp r = f.http.post("/sales_invoices", body);

    assertThat(SageFixtures.singleError(r, "RecordInvalid", ""))
        .isEqualTo("You cannot fulfil this invoice as you do not have enough stock.");
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("2");
    assertThat(f.sage.salesInvoices(f.business())).isEmpty();
    assertThat(f.get("/invoice_settings").get("next_invoice_number").asInt()).isEqualTo(1);
    assertThat(f.sage.stockMovements(f.business())).hasSize(1);

    // a draft is not posted: no check, no movement
    wrapped(body).put("status_id", "DRAFT");
    assertThat(f.http.post("/sales_invoices", body).status()).isEqualTo(201);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("2");
  }

  @Test
  void aCreditNotePutsStockBackWithoutChangingTheCostPrices() {
    String stockItemId = stockItemWith("5");
    ObjectNode body = f.creditNoteBody(customerId, "10.00", "2.00");
    line(body, "credit_note_lines", 0).put("product_id", stockItemId);

    Resp r = f.http.post("/sales_credit_notes", body);

    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("6");
    JsonNode movement = f.sage.stockMovements(f.business()).get(1);
    assertThat(movement.get("quantity").asText()).isEqualTo("1.0");
    assertThat(movement.get("reference").asText()).isEqualTo("SCN-1");
    JsonNode item = f.get("/stock_items/" + stockItemId);
    assertThat(item.get("last_cost_price").asText()).isEqualTo("7.0");
    assertThat(item.get("average_cost_price").asText()).isEqualTo("7.0");
  }
}
