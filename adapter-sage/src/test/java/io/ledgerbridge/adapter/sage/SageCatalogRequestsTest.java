package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.BUSINESS;
import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.LEDGER_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.PRICE_TYPE_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.PURCHASE_LEDGER_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.STOCK_ITEM_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.TENANT;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageCatalogItem;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Products, services, stock items and stock movements as the adapter sends them (SAGE §2.6). */
class SageCatalogRequestsTest {
  private static final String ITEM_ID = "eeee0000eeee0000eeee0000eeee0000";

  private final MockWebServer server = new MockWebServer();
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private AccountingGateway gateway;
  private SageConnection sage;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sage = SageFixtures.connection(server);
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(300)));
    gateway = SageAdapter.accountingGateway(vault, new MutableClock(NOW));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static String created(String id, String displayedAs) {
    return "{\"id\":\"" + id + "\",\"displayed_as\":\"" + displayedAs + "\"}";
  }

  private static String business(String subscriptionId, String displayedAs) {
    return "{\"id\":\""
        + BUSINESS
        + "\",\"displayed_as\":\"Shop\",\"subscriptions\":[{\"id\":\""
        + subscriptionId
        + "\",\"displayed_as\":\""
        + displayedAs
        + "\",\"active\":true,\"status\":\"active\"}]}";
  }

  private static final String NOT_ALLOWED =
      "[{\"$severity\":\"error\",\"$dataCode\":\"MultiUserAccessDenied\",\"$message\":\"The"
          + " current user is not allowed to access that resource with that method.\","
          + "\"$source\":\"\"}]";

  @Test
  void createsAStockItemWithItsPriceAsTheOneSalesPriceOfItsType() throws Exception {
    server.enqueue(json(201, created(ITEM_ID, "Lumaflex")));

    String preview = gateway.renderCatalogItem(SageFixtures.stockItem(), IDEMPOTENCY_ID);
    SageRef ref = gateway.createCatalogItem(sage, SageFixtures.stockItem(), IDEMPOTENCY_ID);

    assertThat(ref).isEqualTo(new SageRef(ITEM_ID, "Lumaflex"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v3.1/stock_items");
    assertThat(request.getHeader("X-Business")).isEqualTo(BUSINESS);
    String body = request.getBody().readUtf8();
    assertThat(body)
        .isEqualTo(preview)
        .isEqualTo(
            "{\"stock_item\":{\"item_code\":\"LUMAFLEX-PREMIUM-WATE~0a1b2c3d\","
                + "\"description\":\"Lumaflex\u2122 Premium Water Bottle\","
                + "\"notes\":\"Magento SKU: LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE\","
                + "\"sales_ledger_account_id\":\""
                + LEDGER_ID
                + "\",\"purchase_ledger_account_id\":\""
                + PURCHASE_LEDGER_ID
                + "\",\"sales_tax_rate_id\":\"GB_STANDARD\",\"cost_price\":\"4.13\","
                + "\"sales_prices\":[{\"price\":\"12.50\",\"product_sales_price_type_id\":\""
                + PRICE_TYPE_ID
                + "\"}],\"idempotency_id\":\""
                + IDEMPOTENCY_ID
                + "\"}}");
    assertThat(body).doesNotContain("quantity_in_stock");
  }

  @Test
  void aServiceSendsItsPriceAsARateAndAProductWithoutPriceSendsNone() throws Exception {
    server.enqueue(json(201, created(ITEM_ID, "Support")));
    server.enqueue(json(201, created(ITEM_ID, "Water Bottle")));

    gateway.createCatalogItem(sage, SageFixtures.service(), IDEMPOTENCY_ID);
    gateway.createCatalogItem(sage, SageFixtures.minimalProduct(), IDEMPOTENCY_ID);

    RecordedRequest service = server.takeRequest();
    assertThat(service.getPath()).isEqualTo("/v3.1/services");
    assertThat(service.getBody().readUtf8())
        .startsWith("{\"service\":{\"item_code\":\"SUPPORT-1Y\"")
        .contains(
            "\"sales_rates\":[{\"rate\":\"99.00\",\"service_rate_type_id\":\""
                + PRICE_TYPE_ID
                + "\"}]")
        .doesNotContain("sales_prices")
        .doesNotContain("purchase_ledger_account_id");
    RecordedRequest product = server.takeRequest();
    assertThat(product.getPath()).isEqualTo("/v3.1/products");
    assertThat(product.getBody().readUtf8())
        .isEqualTo(
            "{\"product\":{\"item_code\":\"WB-01\",\"description\":\"Water Bottle\","
                + "\"sales_ledger_account_id\":\""
                + LEDGER_ID
                + "\",\"purchase_ledger_account_id\":\""
                + PURCHASE_LEDGER_ID
                + "\",\"idempotency_id\":\""
                + IDEMPOTENCY_ID
                + "\"}}");
  }

  @Test
  void updatesAnItemWithAPutOfTheSameFieldsWithoutIdempotencyId() throws Exception {
    server.enqueue(json(200, created(ITEM_ID, "Lumaflex")));

    String preview = gateway.renderCatalogItemUpdate(SageFixtures.stockItem());
    gateway.updateCatalogItem(sage, ITEM_ID, SageFixtures.stockItem());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getPath()).isEqualTo("/v3.1/stock_items/" + ITEM_ID);
    String body = request.getBody().readUtf8();
    assertThat(body).isEqualTo(preview).doesNotContain("idempotency_id");
    assertThat(body)
        .isEqualTo(
            gateway
                .renderCatalogItem(SageFixtures.stockItem(), IDEMPOTENCY_ID)
                .replace(",\"idempotency_id\":\"" + IDEMPOTENCY_ID + "\"", ""));
  }

  @Test
  void anUpdateRefusesAnIdThatIsNotASageId() {
    assertThatThrownBy(
            () -> gateway.updateCatalogItem(sage, "../contacts", SageFixtures.minimalProduct()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void thePriceTypeIsTheFirstActiveOneSageLists() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"$total\":2,\"$page\":1,\"$next\":null,\"$items\":[{\"id\":\"old\","
                + "\"displayed_as\":\"Retired\",\"active\":false},{\"id\":\""
                + PRICE_TYPE_ID
                + "\",\"displayed_as\":\"Selling Price\",\"active\":true}]}"));
    server.enqueue(
        json(200, "{\"$items\":[{\"id\":\"rate-1\",\"displayed_as\":\"Rate\",\"active\":true}]}"));
    server.enqueue(json(200, "{\"$items\":[]}"));

    assertThat(gateway.salesPriceTypeId(sage, CatalogItemKind.STOCK_ITEM)).contains(PRICE_TYPE_ID);
    assertThat(gateway.salesPriceTypeId(sage, CatalogItemKind.SERVICE)).contains("rate-1");
    assertThat(gateway.salesPriceTypeId(sage, CatalogItemKind.PRODUCT)).isEmpty();

    HttpUrl first = server.takeRequest().getRequestUrl();
    assertThat(first.encodedPath()).isEqualTo("/v3.1/product_sales_price_types");
    assertThat(first.queryParameter("attributes")).isEqualTo("active");
    assertThat(server.takeRequest().getRequestUrl().encodedPath())
        .isEqualTo("/v3.1/service_rate_types");
  }

  @Test
  void findsAnItemByItsExactCodeAmongProductsThenServices() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"$items\":[{\"id\":\"p1\",\"displayed_as\":\"Bottle XL\",\"item_code\":\"WB-01-XL\"},"
                + "{\"id\":\"p2\",\"displayed_as\":\"Bottle\",\"item_code\":\"wb-01\","
                + "\"notes\":\"Magento SKU: WB-01\",\"catalog_item_type\":{\"id\":\"STOCK_ITEM\"}}]}"));
    server.enqueue(json(200, "{\"$items\":[]}"));
    server.enqueue(
        json(
            200,
            "{\"$items\":[{\"id\":\"s1\",\"displayed_as\":\"Support\",\"item_code\":\"SUP\"}]}"));

    Optional<SageCatalogItem> stock = gateway.findCatalogItem(sage, "WB-01");
    Optional<SageCatalogItem> service = gateway.findCatalogItem(sage, "SUP");

    assertThat(stock)
        .contains(
            new SageCatalogItem(
                "p2", CatalogItemKind.STOCK_ITEM, "wb-01", "Magento SKU: WB-01", "Bottle"));
    assertThat(service)
        .contains(new SageCatalogItem("s1", CatalogItemKind.SERVICE, "SUP", null, "Support"));
    HttpUrl search = server.takeRequest().getRequestUrl();
    assertThat(search.encodedPath()).isEqualTo("/v3.1/products");
    assertThat(search.queryParameter("search")).isEqualTo("WB-01");
    assertThat(search.queryParameter("attributes")).isEqualTo("item_code,notes,catalog_item_type");
    assertThat(server.takeRequest().getRequestUrl().encodedPath()).isEqualTo("/v3.1/products");
    assertThat(server.takeRequest().getRequestUrl().encodedPath()).isEqualTo("/v3.1/services");
  }

  @Test
  void readsAStockItemsQuantityInStock() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"id\":\""
                + STOCK_ITEM_ID
                + "\",\"displayed_as\":\"Bottle\",\"quantity_in_stock\":\"9.0\"}"));

    assertThat(gateway.stockItemQuantity(sage, STOCK_ITEM_ID)).isEqualByComparingTo("9");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v3.1/stock_items/" + STOCK_ITEM_ID);
  }

  @Test
  void aStockItemWithoutAQuantityIsUnreadable() {
    server.enqueue(json(200, "{\"id\":\"" + STOCK_ITEM_ID + "\",\"displayed_as\":\"Bottle\"}"));

    assertThatThrownBy(() -> gateway.stockItemQuantity(sage, STOCK_ITEM_ID))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE));
  }

  @Test
  void postsAStockMovementWithItsQuantityAsGivenAndTheCostAtTwoDecimals() throws Exception {
    server.enqueue(json(201, created("m1", "Store stock sync (Ref: M42-0a1b2c3d)")));

    String preview = gateway.renderStockMovement(SageFixtures.movement("-3"), IDEMPOTENCY_ID);
    gateway.createStockMovement(sage, SageFixtures.movement("-3"), IDEMPOTENCY_ID);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v3.1/stock_movements");
    assertThat(request.getBody().readUtf8())
        .isEqualTo(preview)
        .isEqualTo(
            "{\"stock_movement\":{\"stock_item_id\":\""
                + STOCK_ITEM_ID
                + "\",\"date\":\"2025-06-24\",\"quantity\":\"-3\",\"cost_price\":\"4.13\","
                + "\"details\":\"Store stock sync\",\"reference\":\"M42-0a1b2c3d\","
                + "\"idempotency_id\":\""
                + IDEMPOTENCY_ID
                + "\"}}");
  }

  @Test
  void inventoryRefusedOnStandardFailsPermanentlyNamingTheEdition() throws Exception {
    server.enqueue(json(403, NOT_ALLOWED));
    server.enqueue(json(200, business("ACCOUNTING_10", "Accounting Standard")));

    assertThatThrownBy(
            () -> gateway.createCatalogItem(sage, SageFixtures.stockItem(), IDEMPOTENCY_ID))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.isTransient()).isFalse();
              assertThat(e.errorClass()).isEqualTo(ErrorClass.VALIDATION);
              assertThat(e.operation()).isEqualTo("create_stock_item");
              assertThat(e.httpStatus()).isEqualTo(403);
              assertThat(e.getMessage())
                  .startsWith(
                      "Sage Accounting Standard (subscription ACCOUNTING_10) has no inventory")
                  .contains("sync_stock");
            });
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v3.1/businesses/" + BUSINESS);
  }

  @Test
  void everyInventoryCallNamesTheEditionOnStart() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(403, NOT_ALLOWED));
      server.enqueue(json(200, business("START", "Sage Accounting Start")));
    }

    assertThatThrownBy(() -> gateway.stockItemQuantity(sage, STOCK_ITEM_ID))
        .hasMessageStartingWith("Sage Accounting Start (subscription START) has no inventory");
    assertThatThrownBy(
            () -> gateway.createStockMovement(sage, SageFixtures.movement("2"), IDEMPOTENCY_ID))
        .hasMessageStartingWith("Sage Accounting Start (subscription START) has no inventory");
  }

  @Test
  void productWritesRefusedOnStartNameTheEditionButOnStandardTheyAreAnAccessProblem() {
    server.enqueue(json(403, NOT_ALLOWED));
    server.enqueue(json(200, business("START", "Accounting Start")));
    server.enqueue(json(403, NOT_ALLOWED));
    server.enqueue(json(200, business("ACCOUNTING_10", "Accounting Standard")));

    assertThatThrownBy(
            () -> gateway.createCatalogItem(sage, SageFixtures.minimalProduct(), IDEMPOTENCY_ID))
        .hasMessageStartingWith("Sage Accounting Start (subscription START) cannot create")
        .hasMessageContaining("sync_products");
    assertThatThrownBy(
            () -> gateway.createCatalogItem(sage, SageFixtures.minimalProduct(), IDEMPOTENCY_ID))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
              assertThat(e.getMessage()).startsWith("Sage denied access");
            });
  }

  @Test
  void aRefusalOnPlusOrWithoutABusinessRecordStaysAnAccessProblem() {
    server.enqueue(json(403, NOT_ALLOWED));
    server.enqueue(json(200, business("ACCOUNTING", "Accounting Plus")));
    server.enqueue(json(403, NOT_ALLOWED));
    server.enqueue(json(404, "[]"));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> gateway.createCatalogItem(sage, SageFixtures.stockItem(), IDEMPOTENCY_ID))
          .isInstanceOfSatisfying(
              GatewayException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH));
    }
  }

  @Test
  void aTakenItemCodeIsAValidationFailureAndNoEditionIsAskedFor() {
    server.enqueue(
        SageFixtures.envelope(
            422, "RecordInvalid", "Item code has already been taken", "item_code"));

    assertThatThrownBy(
            () -> gateway.createCatalogItem(sage, SageFixtures.stockItem(), IDEMPOTENCY_ID))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorClass()).isEqualTo(ErrorClass.VALIDATION);
              assertThat(e.httpStatus()).isEqualTo(422);
              assertThat(e.getMessage()).contains("Item code has already been taken");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
