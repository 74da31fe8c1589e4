package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageEditionsTest {

  private SageFixtures f;
  private String customerId;
  private String invoiceId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(37);
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

  private static void assertNotInEdition(Resp r) {
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).hasSize(1);
    JsonNode e = r.body().get(0);
    assertThat(e.get("$severity").asText()).isEqualTo("error");
    assertThat(e.get("$dataCode").asText()).isEqualTo("MultiUserAccessDenied");
    assertThat(e.get("$message").asText())
        .isEqualTo("The current user is not allowed to access that resource with that method.");
    assertThat(e.get("$source").asText()).isEmpty();
  }

  @Test
  void plusIsTheDefaultAndOffersEverything() {
    assertThat(f.sage.edition(f.business())).isEqualTo(Edition.PLUS);
    String creditNoteId = f.creditNote(customerId);

    Resp r =
        f.http.post(
            "/contact_allocations",
            f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode subscription = f.get("/businesses/" + f.business()).get("subscriptions").get(0);
    assertThat(subscription.get("id").asText()).isEqualTo("ACCOUNTING");
  }

  @Test
  void startRefusesAllocationsAndTheCreditNoteStaysOpen() {
    String creditNoteId = f.creditNote(customerId);
    f.sage.setEdition(f.business(), Edition.START);

    Resp r =
        f.http.post(
            "/contact_allocations",
            f.allocationBody(customerId, invoiceId, "18.00", creditNoteId, "-18.00"));

    assertNotInEdition(r);
    JsonNode cn = f.get("/sales_credit_notes/" + creditNoteId);
    assertThat(cn.get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(cn.get("outstanding_amount").asText()).isEqualTo("18.0");
    JsonNode inv = f.get("/sales_invoices/" + invoiceId);
    assertThat(inv.get("status").get("id").asText()).isEqualTo("UNPAID");
    assertThat(inv.get("outstanding_amount").asText()).isEqualTo("138.0");
    assertThat(f.sage.contactAllocations(f.business())).isEmpty();
    assertThat(f.sage.postCount("/contact_allocations")).isEqualTo(1);
    assertThat(f.get("/contact_allocations").get("$total").asInt()).isZero();
    assertThat(f.get("/businesses/" + f.business()).get("subscriptions").get(0).get("id").asText())
        .isEqualTo("START");
  }

  @Test
  void startRefusesAllocationsEvenWhenTheBodyIsInvalid() {
    f.sage.setEdition(f.business(), Edition.START);

    assertNotInEdition(f.http.post("/contact_allocations", "{\"contact_allocation\":{}}"));
  }

  @Test
  void startStillOffersCreditNotesReceiptsAndRefunds() {
    f.sage.setEdition(f.business(), Edition.START);
    String creditNoteId = f.creditNote(customerId);

    Resp receipt =
        f.http.post("/contact_payments", f.receiptBody(customerId, "138.00", invoiceId, "138.00"));
    Resp refund =
        f.http.post("/contact_payments", f.refundBody(customerId, "18.00", creditNoteId, "18.00"));

    assertThat(receipt.status()).isEqualTo(201);
    assertThat(refund.status()).isEqualTo(201);
    assertThat(f.get("/sales_credit_notes/" + creditNoteId).get("status").get("id").asText())
        .isEqualTo("PAID");
  }

  @Test
  void standardRefusesCreditNotes() {
    f.sage.setEdition(f.business(), Edition.STANDARD);

    Resp cn = f.http.post("/sales_credit_notes", f.creditNoteBody(customerId, "10.00", "2.00"));

    assertNotInEdition(cn);
    assertThat(f.sage.salesCreditNotes(f.business())).isEmpty();
    assertThat(f.get("/sales_credit_notes").get("$total").asInt()).isZero();
    assertThat(f.get("/invoice_settings").get("next_credit_note_number").asInt()).isEqualTo(1);
  }

  @Test
  void standardOffersAllocations() {
    f.sage.setEdition(f.business(), Edition.STANDARD);
    ObjectNode receipt = f.receiptBody(customerId, "20.00");
    wrapped(receipt).putObject("payment_on_account").put("total_amount", "20.00");
    String poaId =
        f.http
            .post("/contact_payments", receipt)
            .body()
            .get("payment_on_account")
            .get("id")
            .asText();

    Resp allocation =
        f.http.post(
            "/contact_allocations",
            f.allocationBody(customerId, invoiceId, "20.00", poaId, "-20.00"));

    assertThat(allocation.status()).isEqualTo(201);
    assertThat(f.get("/sales_invoices/" + invoiceId).get("outstanding_amount").asText())
        .isEqualTo("118.0");
  }

  @Test
  void inventoryIsPlusOnly() {
    String stockItemId = f.created("/stock_items", f.stockItemBody("TEE", "T-shirt"));
    f.created("/stock_movements", f.movementBody(stockItemId, "4", "7.00"));

    for (Edition edition : new Edition[] {Edition.STANDARD, Edition.START}) {
      f.sage.setEdition(f.business(), edition);

      assertNotInEdition(f.http.get("/stock_items"));
      assertNotInEdition(f.http.get("/stock_items/" + stockItemId));
      assertNotInEdition(f.http.post("/stock_items", f.stockItemBody("MUG", "Mug")));
      assertNotInEdition(
          f.http.put("/stock_items/" + stockItemId, "{\"stock_item\":{\"notes\":\"x\"}}"));
      assertNotInEdition(f.http.get("/stock_movements"));
      assertNotInEdition(f.http.post("/stock_movements", f.movementBody(stockItemId, "1", "7.00")));
      // even an invalid body: the edition answers first
      assertNotInEdition(f.http.post("/stock_movements", "{\"stock_movement\":{}}"));
    }
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("4");
    assertThat(f.sage.stockItems(f.business())).hasSize(1);
    assertThat(f.sage.stockMovements(f.business())).hasSize(1);

    f.sage.setEdition(f.business(), Edition.PLUS);
    assertThat(f.get("/stock_items").get("$total").asInt()).isEqualTo(1);
  }

  @Test
  void standardOffersProductsAndServices() {
    f.sage.setEdition(f.business(), Edition.STANDARD);

    String productId = f.created("/products", f.productBody("MUG", "Mug"));
    String serviceId = f.created("/services", f.serviceBody("ENG", "Engraving"));

    assertThat(f.http.put("/products/" + productId, "{\"product\":{\"notes\":\"x\"}}").status())
        .isEqualTo(200);
    assertThat(f.http.put("/services/" + serviceId, "{\"service\":{\"notes\":\"x\"}}").status())
        .isEqualTo(200);
    assertThat(f.get("/products").get("$total").asInt()).isEqualTo(1);
  }

  @Test
  void startReadsButDoesNotWriteProductsAndServices() {
    String productId = f.created("/products", f.productBody("MUG", "Mug"));
    String serviceId = f.created("/services", f.serviceBody("ENG", "Engraving"));
    f.sage.setEdition(f.business(), Edition.START);

    assertNotInEdition(f.http.post("/products", f.productBody("PLATE", "Plate")));
    assertNotInEdition(f.http.post("/services", f.serviceBody("FIT", "Fitting")));
    assertNotInEdition(f.http.put("/products/" + productId, "{\"product\":{\"notes\":\"x\"}}"));
    assertNotInEdition(f.http.put("/services/" + serviceId, "{\"service\":{\"notes\":\"x\"}}"));
    assertThat(f.get("/products/" + productId).get("notes").isNull()).isTrue();
    assertThat(f.get("/services").get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/product_sales_price_types").get("$total").asInt()).isEqualTo(3);
    assertThat(f.sage.postCount("/products")).isEqualTo(2);
  }

  @Test
  void editionIsPerBusiness() {
    String other = "0d40342d0287cd6b13555c54afca6c90";
    f.sage.addBusiness(other, "GB", "GBP");
    f.sage.setEdition(other, Edition.START);

    assertThat(f.sage.edition(f.business())).isEqualTo(Edition.PLUS);
    assertThat(f.sage.edition(other)).isEqualTo(Edition.START);
    String creditNoteId = f.creditNote(customerId);
    assertThat(
            f.http
                .post(
                    "/contact_allocations",
                    f.allocationBody(customerId, invoiceId, "1.00", creditNoteId, "-1.00"))
                .status())
        .isEqualTo(201);
    assertThatThrownBy(() -> f.sage.setEdition(f.business(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
