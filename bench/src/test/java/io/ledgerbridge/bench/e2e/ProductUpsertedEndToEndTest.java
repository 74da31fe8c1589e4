package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.sage.Edition;
import io.ledgerbridge.sandbox.store.StoreProduct;
import io.ledgerbridge.sandbox.store.SyncState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code product.upserted} over real HTTP: the sandbox store's product and stock saves reach the
 * chassis, which fetches {@code GET /product/{id}} and creates or updates the product's Sage
 * product, service or stock item in the sandbox Sage (each request validated against Sage's schema
 * there), moving stock to the store's quantity. The store drops a repeat of the fixed key while the
 * first row is in its outbox, so each later save here follows the store's 30-day outbox clean-up.
 */
class ProductUpsertedEndToEndTest {
  private static final String LONG_SKU = "LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE";

  @TempDir Path dataDir;
  private DemoEnvironment env;
  private String business;

  /** The demo, then the demo policy with products (and stock) synced as the merchant sets it. */
  private void start(boolean syncProducts, boolean syncStock) {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), p -> p, 0.01);
    business = env.sage().defaultBusinessId();
    SyncPolicy demo = env.demoPolicy();
    SyncPolicy.DefaultMappings m = demo.mappings();
    env.chassis()
        .persistence()
        .policies()
        .save(
            env.tenant(),
            demo.withBehaviour(
                    new SyncPolicy.SyncBehaviour(
                        true, false, null, Set.of(), Set.of(), syncProducts, syncStock))
                .withMappings(
                    new SyncPolicy.DefaultMappings(
                        m.defaultTaxRateId(),
                        m.defaultLedgerAccountId(),
                        m.defaultBankAccountId(),
                        env.sage().defaultPurchaseLedgerAccountId(),
                        m.zeroTaxRateId())));
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private static StoreProduct.Builder bottle() {
    return StoreProduct.builder()
        .sku("WB-01")
        .name("Lumaflex&trade; Water Bottle")
        .price("12.50")
        .specialPrice("9.99", null, null)
        .cost("4.00")
        .stockQty("10");
  }

  @Test
  void aManagedProductBecomesAStockItemWhoseStockFollowsTheStoreAndAnUnchangedSaveSendsNothing()
      throws Exception {
    start(true, true);
    long id = env.store().saveProduct(bottle().build());

    SyncState created = awaitProductRun(id, 1);

    assertThat(created.syncStatus()).isEqualTo("synced");
    assertThat(created.providerReference()).isEqualTo("WB-01");
    String itemId = created.providerEntityId();
    JsonNode item = env.sage().stockItem(business, itemId).orElseThrow();
    assertThat(item.path("item_code").asText()).isEqualTo("WB-01");
    assertThat(item.path("description").asText()).isEqualTo("Lumaflex\u2122 Water Bottle");
    assertThat(item.path("cost_price").asText()).isEqualTo("4.0");
    assertThat(salesPrice(item, env.sage().salesPriceTypeId(business))).isEqualTo("12.5");
    assertThat(item.path("purchase_ledger_account").path("id").asText())
        .isEqualTo(env.sage().defaultPurchaseLedgerAccountId());
    assertThat(env.sage().quantityInStock(business, itemId)).isEqualByComparingTo("10");
    assertThat(env.sage().stockMovements(business))
        .singleElement()
        .satisfies(
            mv -> {
              assertThat(mv.path("quantity").asText()).isEqualTo("10.0");
              assertThat(mv.path("details").asText()).isEqualTo("Store stock sync");
              assertThat(mv.path("reference").asText()).startsWith("M" + id + "-");
            });

    // stock moves twice: each save converges on the store's quantity, up and then down
    nextOutboxDay();
    env.store().setStockQty(id, "25");
    assertThat(awaitProductRun(id, 2).syncStatus()).isEqualTo("synced");
    assertThat(env.sage().quantityInStock(business, itemId)).isEqualByComparingTo("25");
    nextOutboxDay();
    env.store().setStockQty(id, "7");
    assertThat(awaitProductRun(id, 3).syncStatus()).isEqualTo("synced");
    assertThat(env.sage().quantityInStock(business, itemId)).isEqualByComparingTo("7");
    assertThat(env.sage().stockMovements(business))
        .extracting(mv -> mv.path("quantity").asText())
        .containsExactly("10.0", "15.0", "-18.0");

    // saved again unchanged: the run ends synced without a Sage write
    int puts = env.sage().putCount("/stock_items");
    int posts = env.sage().postCount("/stock_items") + env.sage().postCount("/stock_movements");
    nextOutboxDay();
    env.store().saveProduct(env.store().product(id).orElseThrow().toBuilder().build());
    SyncState same = awaitProductRun(id, 4);

    assertThat(same.syncStatus()).isEqualTo("synced");
    assertThat(env.sage().putCount("/stock_items")).isEqualTo(puts);
    assertThat(env.sage().postCount("/stock_items") + env.sage().postCount("/stock_movements"))
        .isEqualTo(posts);
    assertThat(env.sage().stockItems(business)).hasSize(1);
    assertThat(env.chassis().query().attempts(latestRun(id).id()))
        .anySatisfy(a -> assertThat(a.toString()).contains("nothing sent"));

    // a new price is one PUT
    nextOutboxDay();
    env.store().saveProduct(env.store().product(id).orElseThrow().toBuilder().price("14").build());
    assertThat(awaitProductRun(id, 5).syncStatus()).isEqualTo("synced");
    assertThat(env.sage().putCount("/stock_items")).isEqualTo(puts + 1);
    assertThat(
            salesPrice(
                env.sage().stockItem(business, itemId).orElseThrow(),
                env.sage().salesPriceTypeId(business)))
        .isEqualTo("14.0");
  }

  @Test
  void servicesNonStockProductsShortCodesAndSkippedCompositesEachFindTheirPlace() throws Exception {
    start(true, true);
    long service =
        env.store()
            .saveProduct(
                StoreProduct.builder()
                    .sku("SUPPORT-1Y")
                    .name("Support, one year")
                    .type(StoreProduct.VIRTUAL)
                    .price("99")
                    .build());
    long unmanaged =
        env.store()
            .saveProduct(
                bottle()
                    .sku("MUG-01")
                    .name("Mug")
                    .stockItem(new StoreProduct.StockItem(new BigDecimal("40"), false))
                    .build());
    long parent =
        env.store()
            .saveProduct(
                StoreProduct.builder()
                    .sku("TEE")
                    .name("Tee")
                    .type(StoreProduct.CONFIGURABLE)
                    .noStockItem()
                    .build());
    long longSku = env.store().saveProduct(bottle().sku(LONG_SKU).stockQty("3").build());

    SyncState serviceState = awaitProductRun(service, 1);
    SyncState unmanagedState = awaitProductRun(unmanaged, 1);
    SyncState parentState = awaitProductRun(parent, 1);
    SyncState longState = awaitProductRun(longSku, 1);

    assertThat(serviceState.syncStatus()).isEqualTo("synced");
    JsonNode s = env.sage().service(business, serviceState.providerEntityId()).orElseThrow();
    assertThat(s.path("item_code").asText()).isEqualTo("SUPPORT-1Y");
    assertThat(s.path("sales_rates").get(0).path("rate").asText()).isEqualTo("99.0");

    assertThat(unmanagedState.syncStatus()).isEqualTo("synced");
    assertThat(env.sage().product(business, unmanagedState.providerEntityId())).isPresent();
    assertThat(env.sage().products(business))
        .extracting(p -> p.path("item_code").asText())
        .containsExactly("MUG-01");

    assertThat(parentState.syncStatus()).isEqualTo("skipped");
    assertThat(parentState.skipReason()).isEqualTo("product_type_not_supported");

    assertThat(longState.syncStatus()).isEqualTo("synced");
    JsonNode stock = env.sage().stockItem(business, longState.providerEntityId()).orElseThrow();
    assertThat(stock.path("item_code").asText())
        .hasSize(30)
        .startsWith("LUMAFLEX-PREMIUM-WATE~")
        .isEqualTo(longState.providerReference());
    assertThat(stock.path("notes").asText()).isEqualTo("Magento SKU: " + LONG_SKU);
    assertThat(env.sage().quantityInStock(business, longState.providerEntityId()))
        .isEqualByComparingTo("3");

    assertThat(env.sage().stockItems(business)).hasSize(1);
    assertThat(env.sage().services(business)).hasSize(1);
  }

  @Test
  void withoutSyncProductsAProductIsSkippedAndSageIsNotCalled() throws Exception {
    start(false, false);
    long id = env.store().saveProduct(bottle().build());

    SyncState skipped = awaitProductRun(id, 1);

    assertThat(skipped.syncStatus()).isEqualTo("skipped");
    assertThat(skipped.skipReason()).isEqualTo("products_not_synced");
    assertThat(env.sage().stockItems(business)).isEmpty();
    assertThat(env.sage().products(business)).isEmpty();
  }

  @Test
  void aSageEditionWithoutInventoryFailsClearlyNamingIt() throws Exception {
    start(true, true);
    env.sage().setEdition(business, Edition.STANDARD);
    long id = env.store().saveProduct(bottle().build());

    SyncState failed = awaitProductRun(id, 1);

    assertThat(failed.syncStatus()).isEqualTo("failed");
    assertThat(failed.errorCode()).isEqualTo("validation");
    SyncRun run = latestRun(id);
    assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run.errorMessage())
        .contains("Sage Accounting Standard (subscription ACCOUNTING_10) has no inventory")
        .contains("sync_stock");
    assertThat(env.sage().stockMovements(business)).isEmpty();
    assertThat(env.sage().products(business)).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static String salesPrice(JsonNode item, String priceTypeId) {
    for (JsonNode p : item.path("sales_prices")) {
      if (p.path("product_sales_price_type").path("id").asText().equals(priceTypeId)) {
        return p.path("price").asText();
      }
    }
    throw new AssertionError("no sales price of type " + priceTypeId + " in " + item);
  }

  /**
   * The store's outbox clean-up as it runs 31 days on: the next save of the key is sent. The
   * chassis tells deliveries of one key apart by their {@code occurred_at}, which the store writes
   * to the second, so the next save waits for the store clock's next second (a store could not
   * deliver two saves of one product within a second anyway: the second one meets the first's
   * outbox row).
   */
  private void nextOutboxDay() throws InterruptedException {
    assertThat(env.store().runOutboxGcAsOf(Instant.now().plus(Duration.ofDays(31)))).isPositive();
    long second = Instant.now().getEpochSecond();
    while (Instant.now().getEpochSecond() == second) {
      Thread.sleep(20);
    }
  }

  private List<SyncRun> runs(long productId) {
    return env.chassis()
        .query()
        .recent(new RunQuery(null, null, "product.upserted", productId, 20));
  }

  private SyncRun latestRun(long productId) {
    return runs(productId).get(0);
  }

  /** Waits until the product's {@code n}-th run has ended; returns the store's state row. */
  private SyncState awaitProductRun(long productId, int n) throws InterruptedException {
    await(
        "product " + productId + " run " + n + " ended",
        () -> {
          List<SyncRun> r = runs(productId);
          return r.size() >= n && r.get(0).status().isTerminal();
        });
    SyncRun run = latestRun(productId);
    await(
        "product state pushed",
        () ->
            env.store()
                .syncState("product", productId)
                .map(s -> !"pending".equals(s.syncStatus()))
                .orElse(false));
    assertThat(run.status())
        .isIn(SyncRunStatus.SUCCEEDED, SyncRunStatus.SKIPPED_BY_POLICY, SyncRunStatus.FAILED);
    return env.store().syncState("product", productId).orElseThrow();
  }
}
