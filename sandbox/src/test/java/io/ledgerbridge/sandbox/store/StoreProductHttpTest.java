package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /rest/V1/byte8/product/{id} byte format (WIRE §3.0, §3.7: ProductRepository with the default
 * stock item), stock saves, its error bodies and auth.
 */
class StoreProductHttpTest {

  private static final Instant NOW = Instant.ofEpochSecond(IAT); // 2026-01-01T00:00:00Z
  private static final Instant CREATED = Instant.parse("2025-06-07T08:09:10Z");

  private MutableClock clock;
  private SandboxStore store;
  private StoreClient client;

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    store = SandboxStore.start(SandboxStoreConfig.builder(TENANT, MASTER).clock(clock).build());
    client = new StoreClient(store, MASTER, IAT);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void simpleProductWithStockIsServedInPhpJsonEncodeBytes() throws Exception {
    long id =
        store.saveProduct(
            StoreProduct.builder()
                .sku("WB/01")
                .name("Water Bottle – 750 ml \"Blue\"")
                .price("10.000000")
                // expired: the module sends the special price whatever its dates say
                .specialPrice("8.50", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"))
                .cost("4.2500")
                .weight("0.75")
                .stockQty("100.0000")
                .websiteIds(2, 1, 2)
                .createdAt(CREATED)
                .build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/product/" + id);

    assertThat(id).isEqualTo(1);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"magento_id\":1,\"sku\":\"WB\\/01\","
                + "\"name\":\"Water Bottle \\u2013 750 ml \\\"Blue\\\"\",\"product_type\":\"simple\","
                + "\"price\":10,\"special_price\":8.5,\"cost\":4.25,\"weight\":0.75,"
                + "\"stock_qty\":100,\"manage_stock\":true,\"tax_class\":\"2\","
                + "\"website_ids\":[1,2],\"created_at\":\"2025-06-07T08:09:10Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    assertThat(store.canonicalProductJson(id)).hasValue(r.body());
  }

  @Test
  void withoutAStockItemStockQtyIsOmittedAndManageStockFalse() throws Exception {
    long parent =
        store.saveProduct(
            StoreProduct.builder()
                .sku("TEE")
                .name("Lumaflex&trade; Tee &amp; Cap")
                .type(StoreProduct.CONFIGURABLE)
                .createdAt(CREATED)
                .updatedAt(CREATED)
                .build());

    assertThat(client.get("/rest/V1/byte8/product/" + parent).body())
        .isEqualTo(
            "{\"magento_id\":1,\"sku\":\"TEE\",\"name\":\"Lumaflex&trade; Tee &amp; Cap\","
                + "\"product_type\":\"configurable\",\"manage_stock\":false,\"tax_class\":\"2\","
                + "\"website_ids\":[1],\"created_at\":\"2025-06-07T08:09:10Z\","
                + "\"updated_at\":\"2025-06-07T08:09:10Z\"}");
  }

  @Test
  void taxClassZeroIsSentAsAStringNoTaxClassAndEmptyWebsitesAndUnmanagedStock() throws Exception {
    long service =
        store.saveProduct(
            StoreProduct.builder()
                .sku("SVC-1")
                .name("Setup")
                .type(StoreProduct.VIRTUAL)
                .price("23.99")
                .taxClassId(0)
                .stockItem(new StoreProduct.StockItem(java.math.BigDecimal.ZERO, false))
                .websiteIds()
                .build());
    long ebook =
        store.saveProduct(
            StoreProduct.builder()
                .sku("EB-1")
                .name("E-book")
                .type(StoreProduct.DOWNLOADABLE)
                .price("0.1")
                .cost("0.30000000000000004")
                .taxClassId(null)
                .stockItem(new StoreProduct.StockItem(null, true))
                .build());

    assertThat(client.get("/rest/V1/byte8/product/" + service).body())
        .isEqualTo(
            "{\"magento_id\":1,\"sku\":\"SVC-1\",\"name\":\"Setup\",\"product_type\":\"virtual\","
                + "\"price\":23.99,\"stock_qty\":0,\"manage_stock\":false,\"tax_class\":\"0\","
                + "\"website_ids\":[],\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    assertThat(client.get("/rest/V1/byte8/product/" + ebook).body())
        .isEqualTo(
            "{\"magento_id\":2,\"sku\":\"EB-1\",\"name\":\"E-book\","
                + "\"product_type\":\"downloadable\",\"price\":0.1,"
                + "\"cost\":0.30000000000000004,\"manage_stock\":true,\"website_ids\":[1],"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}");
  }

  @Test
  void aStockSaveChangesStockQtyButNotTheProductRowAndCreatesAMissingStockItem() throws Exception {
    long bottle =
        store.saveProduct(
            StoreProduct.builder().sku("WB").name("Bottle").price("10").stockQty("5").build());
    long mat = store.saveProduct(StoreProduct.builder().sku("YM").name("Mat").build());

    clock.advance(Duration.ofHours(2));
    store.setStockQty(bottle, "4.5");
    store.setStockQty(mat, "12");

    StoreClient later = new StoreClient(store, MASTER, clock.instant().getEpochSecond());
    assertThat(later.get("/rest/V1/byte8/product/" + bottle).body())
        .isEqualTo(
            "{\"magento_id\":1,\"sku\":\"WB\",\"name\":\"Bottle\",\"product_type\":\"simple\","
                + "\"price\":10,\"stock_qty\":4.5,\"manage_stock\":true,\"tax_class\":\"2\","
                + "\"website_ids\":[1],\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    assertThat(later.get("/rest/V1/byte8/product/" + mat).body())
        .contains("\"product_type\":\"simple\",\"stock_qty\":12,\"manage_stock\":true,");

    // an edit keeps created_at and the stock item, and stamps updated_at
    clock.advance(Duration.ofMinutes(1));
    store.saveProduct(store.product(bottle).orElseThrow().toBuilder().name("Bottle 2").build());
    StoreProduct edited = store.product(bottle).orElseThrow();
    assertThat(edited.createdAt()).isEqualTo(NOW);
    assertThat(edited.updatedAt()).isEqualTo(Instant.parse("2026-01-01T02:01:00Z"));
    assertThat(edited.stockItem()).isEqualTo(StoreProduct.StockItem.managed("4.5"));
    assertThatThrownBy(() -> store.setStockQty(99, "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownOrDeletedProductIs404AndIdZeroToo() throws Exception {
    String notFound =
        "{\"message\":\"The product that was requested doesn't exist. Verify the product and try"
            + " again.\"}";
    long id = store.saveProduct(StoreProduct.builder().sku("X").name("X").build());
    assertThat(store.deleteProduct(id)).isTrue();
    assertThat(store.deleteProduct(id)).isFalse();

    HttpResponse<String> deleted = client.get("/rest/V1/byte8/product/" + id);
    assertThat(deleted.statusCode()).isEqualTo(404);
    assertThat(deleted.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(deleted.body()).isEqualTo(notFound);
    assertThat(store.canonicalProductJson(id)).isEmpty();
    HttpResponse<String> zero = client.get("/rest/V1/byte8/product/0");
    assertThat(zero.statusCode()).isEqualTo(404);
    assertThat(zero.body()).isEqualTo(notFound);
    HttpResponse<String> text = client.get("/rest/V1/byte8/product/WB-01");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("value's type is invalid");
    assertThat(client.get("/rest/V1/byte8/product/").statusCode()).isEqualTo(404);
    // ids keep counting after a delete
    assertThat(store.saveProduct(StoreProduct.builder().sku("Y").build())).isEqualTo(2);
  }

  @Test
  void productRouteNeedsTheInboundTokenAndHonoursMaintenanceMode() throws Exception {
    long id = store.saveProduct(StoreProduct.builder().sku("X").name("X").build());

    HttpResponse<String> anonymous = client.getAnonymous("/rest/V1/byte8/product/" + id);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo(InboundAuthHttpTest.UNAUTHORIZED);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NO_BEARER);

    String expired =
        SandboxStore.inboundToken(MASTER, TENANT, IAT - 600, IAT - 300, "e5d4c3b2-a1f0");
    assertThat(client.getWithBearer("/rest/V1/byte8/product/" + id, expired).statusCode())
        .isEqualTo(401);
    String otherTenant = SandboxStore.inboundToken(MASTER, "tenant-x", IAT, IAT + 300, "j-1");
    assertThat(client.getWithBearer("/rest/V1/byte8/product/" + id, otherTenant).statusCode())
        .isEqualTo(401);
    assertThat(store.authFailures()).hasSize(3);
    assertThat(client.get("/rest/V1/byte8/product/" + id).statusCode()).isEqualTo(200);

    store.setUnavailable(true);
    assertThat(client.get("/rest/V1/byte8/product/" + id).statusCode()).isEqualTo(503);
    store.setUnavailable(false);
    assertThat(client.get("/rest/V1/byte8/product/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void badProductsAreRefused() {
    assertThatThrownBy(() -> StoreProduct.builder().name("no sku").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StoreProduct.builder().sku("S").type(null).build())
        .isInstanceOf(NullPointerException.class);
  }
}
