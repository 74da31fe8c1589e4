package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every body the adapter renders validates against Sage's own published request schemas ({@code
 * postSalesInvoices}, {@code postContacts}); {@code idempotency_id} is the one documented extra
 * (SAGE §2.0).
 */
class SageRequestSchemaTest {
  private static final SwaggerSubsetValidator SALES =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.invoicing_sales.json"))
          .allowingExtraProperty("/sales_invoice/idempotency_id");
  private static final SwaggerSubsetValidator CONTACTS =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.contacts.json"))
          .allowingExtraProperty("/contact/idempotency_id");

  private static final SwaggerSubsetValidator CATALOG =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.products_services.json"))
          .allowingExtraProperty("/product/idempotency_id")
          .allowingExtraProperty("/service/idempotency_id")
          .allowingExtraProperty("/stock_item/idempotency_id")
          .allowingExtraProperty("/stock_movement/idempotency_id");

  private final SageRequestBodies bodies = new SageRequestBodies(SageAdapter.objectMapper());

  @Test
  void fullSalesInvoiceMatchesPostSalesInvoices() {
    assertValidInvoice(SageFixtures.invoice());
  }

  @Test
  void minimalSalesInvoiceMatchesPostSalesInvoices() {
    assertValidInvoice(SageFixtures.minimalInvoice());
  }

  @Test
  void fullContactMatchesPostContacts() {
    assertValidContact(SageFixtures.contact());
  }

  @Test
  void minimalContactMatchesPostContacts() {
    assertValidContact(SageFixtures.minimalContact());
  }

  @Test
  void contactWithOnlyAnEmailStillMatchesPostContacts() {
    assertValidContact(
        new SageContactDraft("Jane", "M7", "EUR", "jane@example.com", null, null, null, null));
  }

  @Test
  void contactPreviewOfTheGatewayMatchesPostContacts() {
    AccountingGateway gateway =
        SageAdapter.accountingGateway(new InMemoryTokenVault(), new MutableClock(NOW));
    for (SageContactDraft draft : List.of(SageFixtures.contact(), SageFixtures.minimalContact())) {
      String rendered = gateway.renderContact(draft, IDEMPOTENCY_ID);
      assertThat(CONTACTS.validate("postContacts", rendered)).as(rendered).isEmpty();
    }
  }

  @Test
  void aMisspelledPropertyInARenderedBodyWouldFailTheSchemaCheck() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body =
        (ObjectNode) json.readTree(bodies.salesInvoice(SageFixtures.invoice(), IDEMPOTENCY_ID));
    ((ObjectNode) body.get("sales_invoice").get("invoice_lines").get(0))
        .put("tax_rate", "GB_STANDARD");

    assertThat(SALES.validate("postSalesInvoices", body))
        .containsExactly("/sales_invoice/invoice_lines/0: unknown property 'tax_rate'");
  }

  @Test
  void idempotencyIdIsOnlyAllowedInsideTheWrapper() throws Exception {
    ObjectNode body =
        (ObjectNode)
            new ObjectMapper()
                .readTree(bodies.contact(SageFixtures.minimalContact(), IDEMPOTENCY_ID));
    body.put("idempotency_id", IDEMPOTENCY_ID);

    assertThat(CONTACTS.validate("postContacts", body))
        .containsExactly("/: unknown property 'idempotency_id'");
  }

  private void assertValidInvoice(SageInvoiceDraft draft) {
    String rendered = bodies.salesInvoice(draft, IDEMPOTENCY_ID);
    List<String> errors = SALES.validate("postSalesInvoices", rendered);
    assertThat(errors).as(rendered).isEmpty();
  }

  @Test
  void contactUpdatesMatchPutContacts() {
    for (SageContactDraft draft : List.of(SageFixtures.contact(), SageFixtures.minimalContact())) {
      String rendered = bodies.contactUpdate(draft);
      assertThat(CONTACTS.validate("putContacts", rendered)).as(rendered).isEmpty();
    }
  }

  @Test
  void catalogueItemsMatchTheirPostAndPutSchemas() {
    record Case(SageCatalogItemDraft draft, String post, String put) {}
    List<Case> cases =
        List.of(
            new Case(SageFixtures.stockItem(), "postStockItems", "putStockItems"),
            new Case(SageFixtures.minimalProduct(), "postProducts", "putProducts"),
            new Case(
                SageFixtures.stockItem().withSalesPriceTypeId(null),
                "postStockItems",
                "putStockItems"),
            new Case(SageFixtures.service(), "postServices", "putServices"));
    for (Case c : cases) {
      String created = bodies.catalogItem(c.draft(), IDEMPOTENCY_ID);
      String updated = bodies.catalogItemUpdate(c.draft());
      assertThat(CATALOG.validate(c.post(), created)).as(created).isEmpty();
      assertThat(CATALOG.validate(c.put(), updated)).as(updated).isEmpty();
    }
    // a product with every field, as a non-stock product
    SageCatalogItemDraft full = SageFixtures.stockItem();
    SageCatalogItemDraft asProduct =
        new SageCatalogItemDraft(
            io.ledgerbridge.core.product.CatalogItemKind.PRODUCT,
            full.itemCode(),
            full.description(),
            full.notes(),
            full.salesLedgerAccountId(),
            full.purchaseLedgerAccountId(),
            full.salesTaxRateId(),
            full.salesPrice(),
            full.salesPriceTypeId(),
            full.costPrice());
    assertThat(CATALOG.validate("postProducts", bodies.catalogItem(asProduct, IDEMPOTENCY_ID)))
        .isEmpty();
    assertThat(CATALOG.validate("putProducts", bodies.catalogItemUpdate(asProduct))).isEmpty();
  }

  @Test
  void stockMovementsMatchPostStockMovementsBothWays() {
    for (String quantity : List.of("12", "-3", "1.5")) {
      String rendered = bodies.stockMovement(SageFixtures.movement(quantity), IDEMPOTENCY_ID);
      assertThat(CATALOG.validate("postStockMovements", rendered)).as(rendered).isEmpty();
    }
  }

  @Test
  void aStockItemBodyNeverCarriesAStockLevel() {
    assertThat(bodies.catalogItem(SageFixtures.stockItem(), IDEMPOTENCY_ID))
        .doesNotContain("quantity_in_stock");
  }

  private void assertValidContact(SageContactDraft draft) {
    String rendered = bodies.contact(draft, IDEMPOTENCY_ID);
    List<String> errors = CONTACTS.validate("postContacts", rendered);
    assertThat(errors).as(rendered).isEmpty();
  }
}
