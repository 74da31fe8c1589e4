package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SageSchemasTest {

  private static JsonNode json(String s) throws Exception {
    return SageJson.MAPPER.readTree(s);
  }

  @Test
  void classpathCopiesCarryTheOfficialSchemas() throws Exception {
    SageSchemas schemas = SageSchemas.load(null, true);

    assertThat(
            schemas.validateSalesInvoice(
                json(
                    "{\"sales_invoice\":{\"contact_id\":\"c\",\"date\":\"2025-01-01\",\"idempotency_id\":\"k\","
                        + "\"invoice_lines\":[{\"description\":\"d\",\"ledger_account_id\":\"l\",\"unit_price\":\"1.00\"}]}}")))
        .isEmpty();
    assertThat(
            schemas.validateContact(
                json(
                    "{\"contact\":{\"name\":\""
                        + "n".repeat(101)
                        + "\",\"contact_type_ids\":[\"CUSTOMER\"]}}")))
        .extracting(SageJson.SageError::source)
        .containsExactly("name");
  }

  @Test
  void classpathCopiesCarryTheCreditNotePaymentAndAllocationSchemas() throws Exception {
    SageSchemas schemas = SageSchemas.load(null, true);

    assertThat(
            schemas.validateSalesCreditNote(
                json(
                    "{\"sales_credit_note\":{\"contact_id\":\"c\",\"date\":\"2025-01-01\","
                        + "\"original_invoice_date\":\"2024-12-01\",\"reference\":\""
                        + "r".repeat(26)
                        + "\",\"credit_note_lines\":[{\"ledger_account_id\":\"l\","
                        + "\"unit_price\":\"1.00\"}]}}")))
        .extracting(SageJson.SageError::source)
        .containsExactlyInAnyOrder("reference", "credit_note_lines[0].description");
    assertThat(
            schemas.validateContactPayment(
                json(
                    "{\"contact_payment\":{\"transaction_type_id\":\"CUSTOMER_RECEIPT\","
                        + "\"contact_id\":\"c\",\"bank_account_id\":\"b\",\"date\":\"2025-01-01\","
                        + "\"total_amount\":\"ten\",\"idempotency_id\":\"k\","
                        + "\"allocated_artefacts\":[{\"artefact_id\":\"a\",\"amount\":\"1\","
                        + "\"colour\":\"red\"}],\"payment_on_account\":{\"total_amount\":\"1\"}}}")))
        .extracting(SageJson.SageError::source)
        .containsExactlyInAnyOrder("total_amount", "allocated_artefacts[0].colour");
    assertThat(
            schemas.validateContactAllocation(
                json(
                    "{\"contact_allocation\":{\"contact_id\":\"c\",\"date\":\"01/07/2025\","
                        + "\"allocated_artefacts\":[{\"artefact_id\":\"a\",\"amount\":\"-1\"}]}}")))
        .extracting(SageJson.SageError::source)
        .containsExactlyInAnyOrder("transaction_type_id", "date");
  }

  @Test
  void officialSchemasNameEveryDefinitionTheSandboxServes() throws Exception {
    assertThat(
            OfficialSchemas.validate(
                OfficialSchemas.POST_CONTACT_ALLOCATIONS,
                json(
                    "{\"contact_allocation\":{\"transaction_type_id\":\"CUSTOMER_ALLOCATION\","
                        + "\"contact_id\":\"c\",\"allocated_artefacts\":[]}}")))
        .isEmpty();
    assertThat(
            OfficialSchemas.validate(
                OfficialSchemas.POST_CONTACT_PAYMENTS, json("{\"contact_payment\":{}}")))
        .hasSize(5);
    assertThat(
            OfficialSchemas.validate(
                OfficialSchemas.POST_SALES_CREDIT_NOTES, json("{\"sales_invoice\":{}}")))
        .containsExactlyInAnyOrder(
            "sales_credit_note: sales_credit_note can't be blank",
            "sales_invoice: sales_invoice is not a valid attribute");
  }

  @Test
  void findsTheSharedDirectoryWalkingUp() {
    Path shared =
        SageSchemas.findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    if (shared != null) { // present in the development tree, absent in a bare checkout
      SageSchemas schemas = SageSchemas.load(shared, true);
      assertThat(schemas.validateContact(json0("{\"contact\":{\"contact_type_ids\":[]}}")))
          .extracting(SageJson.SageError::source)
          .containsExactly("name");
    }
  }

  private static JsonNode json0(String s) {
    try {
      return json(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void classpathCopiesCarryTheContactUpdateAndCatalogueSchemas() throws Exception {
    SageSchemas schemas = SageSchemas.load(null, true);

    assertThat(schemas.validateContactUpdate(json("{\"contact\":{\"notes\":\"n\"}}"))).isEmpty();
    assertThat(
            schemas.validateContactUpdate(
                json("{\"contact\":{\"reference\":\"ABCDEFGHIJK\",\"idempotency_id\":\"k\"}}")))
        .extracting(SageJson.SageError::source)
        .containsExactly("reference");
    assertThat(
            schemas.validateCatalogItem(
                CatalogItemKind.STOCK_ITEM,
                json(
                    "{\"stock_item\":{\"item_code\":\""
                        + "x".repeat(31)
                        + "\",\"description\":\"d\",\"sales_ledger_account_id\":\"s\"}}")))
        .extracting(SageJson.SageError::source)
        .containsExactlyInAnyOrder("item_code", "purchase_ledger_account_id");
    assertThat(
            schemas.validateCatalogItem(
                CatalogItemKind.PRODUCT,
                json(
                    "{\"product\":{\"item_code\":\""
                        + "x".repeat(31)
                        + "\",\"description\":\"d\",\"sales_ledger_account_id\":\"s\","
                        + "\"purchase_ledger_account_id\":\"p\"}}")))
        .isEmpty();
    assertThat(
            schemas.validateCatalogItemUpdate(
                CatalogItemKind.SERVICE,
                json("{\"service\":{\"notes\":\"" + "n".repeat(501) + "\"}}")))
        .extracting(SageJson.SageError::source)
        .containsExactly("notes");
    assertThat(
            schemas.validateStockMovement(
                json(
                    "{\"stock_movement\":{\"stock_item_id\":\"s\",\"date\":\"2025-07-01\","
                        + "\"quantity\":\"-1\",\"cost_price\":\"1\",\"details\":\"d\","
                        + "\"reference\":\""
                        + "r".repeat(32)
                        + "\"}}")))
        .extracting(SageJson.SageError::source)
        .containsExactly("reference");
  }

  @Test
  void officialSchemasNameTheNewDefinitions() throws Exception {
    assertThat(
            OfficialSchemas.validate(
                OfficialSchemas.PUT_CONTACTS, json("{\"contact\":{\"colour\":\"red\"}}")))
        .containsExactly("colour: colour is not a valid attribute");
    for (String definition :
        java.util.List.of(
            OfficialSchemas.POST_PRODUCTS,
            OfficialSchemas.PUT_PRODUCTS,
            OfficialSchemas.POST_SERVICES,
            OfficialSchemas.PUT_SERVICES,
            OfficialSchemas.POST_STOCK_ITEMS,
            OfficialSchemas.PUT_STOCK_ITEMS,
            OfficialSchemas.POST_STOCK_MOVEMENTS)) {
      assertThat(OfficialSchemas.validate(definition, json("{}"))).isNotEmpty();
    }
  }
}
