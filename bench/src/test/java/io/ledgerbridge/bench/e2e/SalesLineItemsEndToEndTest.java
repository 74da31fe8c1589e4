package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.sync.SageItemXrefs;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.StoreLine;
import io.ledgerbridge.sandbox.store.SyncState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invoice and credit-note lines naming Sage items, over real HTTP: a stock item, a product and a
 * service exist in the sandbox Sage (created through its API, as {@code product.upserted} creates
 * them) with their {@code product_sku} cross-references in the chassis. The store's invoice reaches
 * Sage with the product's {@code product_id} and the service's {@code service_id} beside free-text
 * lines; the stock item's line stays free text, so Sage's stock (which the stock sync sets to the
 * store's) is not moved twice; a refund of the product names it too.
 */
class SalesLineItemsEndToEndTest {
  private static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");

  @TempDir Path dataDir;
  private DemoEnvironment env;
  private String business;

  @BeforeEach
  void start() {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), p -> p, 0.01);
    business = env.sage().defaultBusinessId();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void anInvoiceNamesItsProductAndServiceAndLeavesStockItemsToTheStockSync() throws Exception {
    SandboxSage sage = env.sage();
    String bottle = created("/stock_items", stockItem("WB-01", "Water Bottle"));
    created("/stock_movements", movement(bottle, "10"));
    String mat = created("/products", product("YM-02", "Yoga Mat"));
    String engraving = created("/services", service("GIFT-ENGRAVE", "Engraving"));
    recordItem("WB-01", SageItemXrefs.STOCK_ITEM_KIND, bottle);
    recordItem("YM-02", SageItemXrefs.PRODUCT_KIND, mat);
    recordItem("GIFT-ENGRAVE", SageItemXrefs.SERVICE_KIND, engraving);

    long id =
        env.store()
            .raiseInvoice(
                StoreInvoice.builder()
                    .currency("GBP")
                    .customer(
                        StoreContact.registered(61, "sam.lee@example.com", "Sam", "Lee")
                            .withDefaultAddresses(LONDON, LONDON))
                    .billingAddress(LONDON)
                    .shippingAddress(LONDON)
                    .line("WB-01", "Water Bottle", "2", "10.00", "4.00")
                    .line("YM-02", "Yoga Mat", "1", "30.00", "6.00")
                    .line(
                        StoreLine.of("GIFT-ENGRAVE", "Engraving", "1", "5.00", "1.00")
                            .withProductType("virtual"))
                    .line("BK-001", "Yoga for Beginners (book)", "1", "12.99", "0.00")
                    .shipping("5.00", "1.00")
                    .paymentMethod("checkmo")
                    .build());
    await("invoice synced", () -> terminal("invoice", id));

    SyncState row = state("invoice", id);
    assertThat(row.syncStatus()).as("%s", row).isEqualTo("synced");
    JsonNode lines =
        sage.salesInvoice(business, row.providerEntityId()).orElseThrow().path("invoice_lines");
    assertThat(lines).hasSize(4);
    // the stock item stays free text: the store's stock sync sets Sage's quantity, so the line
    // must not move it a second time
    assertThat(lines.get(0).path("product").isNull()).isTrue();
    assertThat(lines.get(0).path("description").asText()).isEqualTo("Water Bottle");
    assertThat(lines.get(1).path("product").path("id").asText()).isEqualTo(mat);
    assertThat(lines.get(1).path("service").isNull()).isTrue();
    assertThat(lines.get(2).path("service").path("id").asText()).isEqualTo(engraving);
    assertThat(lines.get(2).path("product").isNull()).isTrue();
    assertThat(lines.get(3).path("product").isNull()).isTrue();
    assertThat(lines.get(3).path("service").isNull()).isTrue();
    assertThat(lines.get(3).path("description").asText()).isEqualTo("Yoga for Beginners (book)");
    assertThat(sage.quantityInStock(business, bottle)).isEqualByComparingTo("10");

    long memo =
        env.store().raiseCreditMemo(env.store().creditMemoFor(id).refundLine("YM-02", "1").build());
    await("memo synced", () -> terminal("creditmemo", memo));

    SyncState memoRow = state("creditmemo", memo);
    assertThat(memoRow.syncStatus()).as("%s", memoRow).isEqualTo("synced");
    JsonNode noteLines =
        sage.salesCreditNote(business, memoRow.providerEntityId())
            .orElseThrow()
            .path("credit_note_lines");
    assertThat(noteLines).hasSize(1);
    assertThat(noteLines.get(0).path("product").path("id").asText()).isEqualTo(mat);
    assertThat(sage.quantityInStock(business, bottle)).isEqualByComparingTo("10");
  }

  // ------------------------------------------------------------------ helpers

  /** What {@code product.upserted} records once it has created the item in Sage. */
  private void recordItem(String sku, String kind, String sageId) {
    env.chassis()
        .persistence()
        .entityXrefs()
        .record(
            new EntityXref(
                env.tenant(),
                SageItemXrefs.PRODUCT_SKU_ENTITY,
                sku,
                kind,
                sageId,
                sku,
                Instant.now()));
  }

  private boolean terminal(String type, long id) {
    SyncState s = state(type, id);
    return s != null && !"pending".equals(s.syncStatus());
  }

  private SyncState state(String type, long id) {
    return env.store().syncState(type, id).orElse(null);
  }

  /** POSTs {@code body} to the sandbox Sage's API as a connected app would; the new record's id. */
  private String created(String path, ObjectNode body) {
    ConnectE2e.Answer answer =
        ConnectE2e.send(
            HttpRequest.newBuilder(URI.create(env.sage().apiBaseUrl() + path))
                .header(
                    "Authorization",
                    "Bearer " + env.sage().issueAccessToken(DemoEnvironment.CLIENT_ID))
                .header("X-Business", business)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    assertThat(answer.status()).as("POST %s: %s", path, answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private ObjectNode stockItem(String itemCode, String description) {
    ObjectNode body = ConnectE2e.JSON.createObjectNode();
    ObjectNode s = body.putObject("stock_item");
    s.put("item_code", itemCode);
    s.put("description", description);
    s.put("sales_ledger_account_id", env.sage().defaultSalesLedgerAccountId());
    s.put("purchase_ledger_account_id", env.sage().defaultPurchaseLedgerAccountId());
    s.put("sales_tax_rate_id", "GB_STANDARD");
    s.put("cost_price", "4.00");
    s.putArray("sales_prices")
        .addObject()
        .put("product_sales_price_type_id", env.sage().salesPriceTypeId(business))
        .put("price", "10.00");
    return body;
  }

  private ObjectNode movement(String stockItemId, String quantity) {
    ObjectNode body = ConnectE2e.JSON.createObjectNode();
    body.putObject("stock_movement")
        .put("stock_item_id", stockItemId)
        .put("date", LocalDate.now(ZoneOffset.UTC).toString())
        .put("quantity", quantity)
        .put("cost_price", "4.00")
        .put("details", "Opening stock");
    return body;
  }

  private ObjectNode product(String itemCode, String description) {
    ObjectNode body = ConnectE2e.JSON.createObjectNode();
    ObjectNode s = body.putObject("product");
    s.put("item_code", itemCode);
    s.put("description", description);
    s.put("sales_ledger_account_id", env.sage().defaultSalesLedgerAccountId());
    s.put("purchase_ledger_account_id", env.sage().defaultPurchaseLedgerAccountId());
    s.put("sales_tax_rate_id", "GB_STANDARD");
    s.putArray("sales_prices")
        .addObject()
        .put("product_sales_price_type_id", env.sage().salesPriceTypeId(business))
        .put("price", "30.00");
    return body;
  }

  private ObjectNode service(String itemCode, String description) {
    ObjectNode body = ConnectE2e.JSON.createObjectNode();
    ObjectNode s = body.putObject("service");
    s.put("item_code", itemCode);
    s.put("description", description);
    s.put("sales_ledger_account_id", env.sage().defaultSalesLedgerAccountId());
    s.put("sales_tax_rate_id", "GB_STANDARD");
    s.putArray("sales_rates")
        .addObject()
        .put("service_rate_type_id", env.sage().serviceRateTypeId(business))
        .put("rate", "5.00");
    return body;
  }
}
