package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code product.upserted} (WIRE §5.1, §5.2: ProductUpsertedObserver on {@code
 * catalog_product_save_after} and {@code cataloginventory_stock_item_save_after}): product and
 * stock saves share the fixed key {@code product.upserted:<id>}, dropped while a row with that key
 * is in the outbox in any status; nothing while the store is not connected.
 */
class StoreProductOutboxTest {

  private static final Instant NOW = Instant.parse("2026-04-29T10:11:12Z");
  private static final String TENANT = "tenant-1";

  private TestLedger ledger;
  private MutableClock clock;
  private SandboxStore store;

  @BeforeEach
  void start() {
    ledger = new TestLedger();
    clock = new MutableClock(NOW);
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl(ledger.baseUrl())
                .build());
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  private long bottle() {
    return store.saveProduct(
        StoreProduct.builder().sku("WB").name("Bottle").websiteIds(2, 3).stockQty("5").build());
  }

  @Test
  void aProductSaveRaisesProductUpsertedWithTheModulesEnvelope() throws Exception {
    ledger.enqueueReply(202, "{\"sync_run_id\":\"run-p\"}");

    long id = bottle();

    TestLedger.Received r = ledger.take();
    assertThat(r.path()).isEqualTo("/webhooks/magento/tenant-1/product.upserted");
    assertThat(r.header("Idempotency-Key")).isEqualTo("product.upserted:" + id);
    // website_id is always 0: the canonical product carries website_ids
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":0,\"store_id\":0,"
                + "\"occurred_at\":\"2026-04-29T10:11:12Z\",\"payload\":{}}");
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);
    assertThat(store.syncRunIdForKey("product.upserted:1")).hasValue("run-p");
    assertThat(store.syncState("product", id).orElseThrow().syncStatus()).isEqualTo("pending");
  }

  @Test
  void aStockSaveWhileTheProductsRowIsInTheOutboxIsDroppedButTheStoreHasTheNewQty()
      throws Exception {
    ledger.enqueueReply(503, "{}"); // the first delivery waits on its (real) backoff
    long id = bottle();
    ledger.take();
    Await.until(() -> store.outbox().get(0).attempts() == 1);

    clock.advance(Duration.ofMinutes(1));
    store.setStockQty(id, "4");
    store.setStockQty(id, "3");
    assertThat(store.outbox()).hasSize(1);
    assertThat(store.outbox().get(0).status()).isEqualTo(OutboxRow.Status.PENDING);

    store.retryOutboxNow();
    assertThat(ledger.take().bodyText()).contains("\"occurred_at\":\"2026-04-29T10:11:12Z\"");
    assertThat(store.canonicalProductJson(id).orElseThrow()).contains("\"stock_qty\":3,");
    assertThat(store.syncState("product", id).orElseThrow().lastSyncAt())
        .isEqualTo("2026-04-29 10:12:12");
  }

  @Test
  void stockThatMovesEveryDayReachesTheLedgerOncePerGarbageCollectionWindow() throws Exception {
    long id = bottle();
    ledger.take();
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);

    for (int day = 1; day <= 31; day++) {
      clock.advance(Duration.ofDays(1));
      store.runOutboxGc(); // the daily GC cron
      store.setStockQty(id, Integer.toString(100 - day));
      store.drainOutboxNow();
    }

    // day 0 (the product save) and day 31, the first stock save after the GC removed the row
    Await.until(() -> ledger.all().size() == 2);
    TestLedger.Received again = ledger.all().get(1);
    assertThat(again.header("Idempotency-Key")).isEqualTo("product.upserted:" + id);
    assertThat(again.bodyText()).contains("\"occurred_at\":\"2026-05-30T10:11:12Z\"");
    assertThat(store.canonicalProductJson(id).orElseThrow()).contains("\"stock_qty\":69,");
  }

  @Test
  void eachProductHasItsOwnKeyAndACatalogueEditAfterAStockSaveIsDroppedToo() throws Exception {
    long a = bottle();
    long b = store.saveProduct(StoreProduct.builder().id(50).sku("YM").name("Mat").build());
    store.setStockQty(b, "7");
    store.saveProduct(store.product(a).orElseThrow().toBuilder().price("12.50").build());

    assertThat(b).isEqualTo(50);
    assertThat(ledger.take().header("Idempotency-Key")).isEqualTo("product.upserted:1");
    assertThat(ledger.take().header("Idempotency-Key")).isEqualTo("product.upserted:50");
    store.drainOutboxNow();
    assertThat(store.outbox())
        .extracting(OutboxRow::idempotencyKey)
        .containsExactly("product.upserted:1", "product.upserted:50");
    assertThat(store.saveProduct(StoreProduct.builder().sku("Z").build())).isEqualTo(51);
  }

  @Test
  void whileNotConnectedProductAndStockSavesEnqueueNothing() throws Exception {
    store.disconnect();
    ledger.take(); // the disconnect notification

    long id = bottle();
    store.setStockQty(id, "1");
    store.drainOutboxNow();

    assertThat(store.product(id)).isPresent();
    assertThat(store.outbox()).isEmpty();
    assertThat(store.syncState("product", id)).isEmpty();
    assertThat(ledger.all()).hasSize(1);
  }
}
