package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /products}, {@code /services}, {@code /stock_items} and their price types. */
class SandboxSageCatalogTest {

  private SageFixtures f;

  @BeforeEach
  void start() {
    f = SageFixtures.start(59);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.get(field).asText()));
    return out;
  }

  // ---- products ---------------------------------------------------------------------------------

  @Test
  void createsAProductLikeSage() {
    Resp r = f.http.post("/products", f.productBody("MUG-1", "Coffee mug &amp; saucer"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode p = r.body();
    String id = p.get("id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(p.get("displayed_as").asText()).isEqualTo("Coffee mug &amp; saucer");
    assertThat(p.get("$path").asText()).isEqualTo("/products/" + id);
    assertThat(p.get("created_at").asText()).isEqualTo("2025-07-01T09:00:00Z");
    assertThat(p.get("item_code").asText()).isEqualTo("MUG-1");
    assertThat(p.get("sales_ledger_account").get("displayed_as").asText())
        .isEqualTo("Sales - Products (4000)");
    assertThat(p.get("purchase_ledger_account").get("displayed_as").asText())
        .isEqualTo("Cost of sales - goods (5000)");
    assertThat(p.get("purchase_ledger_account").get("id").asText())
        .isEqualTo(f.sage.defaultPurchaseLedgerAccountId());
    assertThat(p.get("sales_tax_rate").get("id").asText()).isEqualTo("GB_STANDARD");
    assertThat(p.get("purchase_tax_rate").isNull()).isTrue();
    assertThat(p.get("usual_supplier").isNull()).isTrue();
    assertThat(p.get("cost_price").asText()).isEqualTo("4.2");
    assertThat(p.get("active").asBoolean()).isTrue();
    assertThat(p.get("deletable").asBoolean()).isTrue();
    assertThat(p.get("catalog_item_type").get("id").asText()).isEqualTo("PRODUCT");
    assertThat(p.get("catalog_item_type").get("displayed_as").asText()).isEqualTo("Non-stock");
    // one price per price type, 0.0 where none was sent (the SW-MOD example)
    JsonNode prices = p.get("sales_prices");
    assertThat(texts(prices, "price_name")).containsExactly("Sales Price", "Trade", "Wholesale");
    assertThat(texts(prices, "price")).containsExactly("12.5", "0.0", "0.0");
    assertThat(prices.get(0).get("product_sales_price_type").get("id").asText())
        .isEqualTo(f.sage.salesPriceTypeId(f.business()));
    assertThat(prices.get(0).get("product_sales_price_type").get("$path").asText())
        .isEqualTo("/product_sales_price_types/" + f.sage.salesPriceTypeId(f.business()));
    assertThat(prices.get(0).get("id").asText()).matches("[0-9a-f]{32}");

    assertThat(f.get("/products/" + id)).isEqualTo(p);
    assertThat(f.sage.product(f.business(), id).orElseThrow()).isEqualTo(p);
    assertThat(f.sage.products(f.business())).containsExactly(p);
    assertThat(f.sage.postCount("/products")).isEqualTo(1);
  }

  @Test
  void priceTypesAndCatalogItemTypesAreReferenceData() {
    JsonNode types = f.get("/product_sales_price_types");
    assertThat(types.get("$total").asInt()).isEqualTo(3);
    assertThat(texts(types.get("$items"), "displayed_as"))
        .containsExactly("Sales Price", "Trade", "Wholesale");
    JsonNode salesPrice =
        f.get("/product_sales_price_types/" + f.sage.salesPriceTypeId(f.business()));
    assertThat(salesPrice.get("name").asText()).isEqualTo("Sales Price");
    assertThat(salesPrice.get("active").asBoolean()).isTrue();
    assertThat(f.get("/product_sales_price_types?active=false").get("$total").asInt()).isZero();
    JsonNode rates = f.get("/service_rate_types");
    assertThat(texts(rates.get("$items"), "id"))
        .containsExactly(f.sage.serviceRateTypeId(f.business()));
    assertThat(texts(f.get("/catalog_item_types").get("$items"), "id"))
        .containsExactly("STOCK_ITEM", "PRODUCT", "SERVICE");
    assertThat(f.get("/catalog_item_types/PRODUCT").get("displayed_as").asText())
        .isEqualTo("Non-stock");
    // derived per business, stable across seeds
    String other = "0d40342d0287cd6b13555c54afca6c90";
    f.sage.addBusiness(other, "GB", "GBP");
    assertThat(f.sage.salesPriceTypeId(other)).isNotEqualTo(f.sage.salesPriceTypeId(f.business()));
    try (SandboxSage another = SandboxSage.start(SandboxSageConfig.defaults().withSeed(1))) {
      another.addBusiness(other, "GB", "GBP");
      assertThat(another.salesPriceTypeId(other)).isEqualTo(f.sage.salesPriceTypeId(other));
    }
  }

  @Test
  void productRulesRequiredFieldsAndLedgers() {
    ObjectNode noDescription = f.productBody("A", "x");
    wrapped(noDescription).remove("description");
    wrapped(noDescription).remove("purchase_ledger_account_id");
    assertThat(SageFixtures.sources(f.http.post("/products", noDescription)))
        .containsExactlyInAnyOrder("description", "purchase_ledger_account_id");

    ObjectNode unknownLedger = f.productBody("A", "x");
    wrapped(unknownLedger).put("sales_ledger_account_id", "0123456789abcdef0123456789abcdef");
    SageFixtures.singleError(
        f.http.post("/products", unknownLedger), "RecordNotFound", "sales_ledger_account_id");

    ObjectNode notSales = f.productBody("A", "x");
    wrapped(notSales).put("sales_ledger_account_id", f.sage.defaultPurchaseLedgerAccountId());
    assertThat(
            SageFixtures.singleError(
                f.http.post("/products", notSales), "RecordInvalid", "sales_ledger_account_id"))
        .isEqualTo("Ledger account is not valid for sales");

    ObjectNode unknownPurchase = f.productBody("A", "x");
    wrapped(unknownPurchase).put("purchase_ledger_account_id", "nope");
    wrapped(unknownPurchase).put("purchase_tax_rate_id", "GB_NOPE");
    assertThat(SageFixtures.sources(f.http.post("/products", unknownPurchase)))
        .containsExactlyInAnyOrder("purchase_ledger_account_id", "purchase_tax_rate_id");

    ObjectNode negativeCost = f.productBody("A", "x");
    wrapped(negativeCost).put("cost_price", "-1");
    SageFixtures.singleError(f.http.post("/products", negativeCost), "RecordInvalid", "cost_price");

    ObjectNode stockType = f.productBody("A", "x");
    wrapped(stockType).put("catalog_item_type_id", "STOCK_ITEM");
    SageFixtures.singleError(
        f.http.post("/products", stockType), "RecordInvalid", "catalog_item_type_id");

    assertThat(f.sage.products(f.business())).isEmpty();
    assertThat(f.sage.postCount("/products")).isEqualTo(6);
  }

  @Test
  void productSchemaRejections() {
    ObjectNode body = f.productBody("C".repeat(256), "d".repeat(256));
    wrapped(body).put("notes", "n".repeat(501));
    wrapped(body).put("colour", "red");
    wrapped(body).put("cost_price", "cheap");
    ((ObjectNode) wrapped(body).get("sales_prices").get(0)).put("currency", "GBP");

    assertThat(SageFixtures.sources(f.http.post("/products", body)))
        .containsExactlyInAnyOrder(
            "item_code",
            "description",
            "notes",
            "colour",
            "cost_price",
            "sales_prices[0].currency");
    assertThat(SageFixtures.sources(f.http.post("/products", "{\"service\":{}}")))
        .contains("product", "service");
  }

  @Test
  void salesPricesNeedAKnownTypeOnce() {
    ObjectNode body = f.productBody("A", "x");
    ObjectNode first = (ObjectNode) wrapped(body).get("sales_prices").get(0);
    wrapped(body).withArray("sales_prices").add(first.deepCopy());
    wrapped(body)
        .withArray("sales_prices")
        .addObject()
        .put("price_name", "Sales Price")
        .put("price", "1.00");
    wrapped(body)
        .withArray("sales_prices")
        .addObject()
        .put("product_sales_price_type_id", "0123456789abcdef0123456789abcdef")
        .put("price", "1.00");

    assertThat(SageFixtures.sources(f.http.post("/products", body)))
        .containsExactly(
            "sales_prices[1].product_sales_price_type_id",
            "sales_prices[2].product_sales_price_type_id",
            "sales_prices[3].product_sales_price_type_id");
  }

  // ---- item codes -------------------------------------------------------------------------------

  @Test
  void itemCodesAreUniqueAcrossProductsServicesAndStockItems() {
    f.created("/products", f.productBody("SKU-1", "Mug"));

    Resp service = f.http.post("/services", f.serviceBody("sku-1", "Engraving"));
    Resp stock = f.http.post("/stock_items", f.stockItemBody("Sku-1", "Mug (stock)"));
    Resp product = f.http.post("/products", f.productBody("SKU-1", "Mug again"));

    for (Resp r : List.of(service, stock, product)) {
      assertThat(SageFixtures.singleError(r, "RecordInvalid", "item_code"))
          .isEqualTo("Item code has already been taken");
    }
    String stockId = f.created("/stock_items", f.stockItemBody("SKU-2", "Plate"));
    SageFixtures.singleError(
        f.http.put(
            "/products/" + f.sage.products(f.business()).get(0).get("id").asText(),
            "{\"product\":{\"item_code\":\"sku-2\"}}"),
        "RecordInvalid",
        "item_code");
    // its own code is not "taken"; products without a code do not collide
    assertThat(
            f.http
                .put("/stock_items/" + stockId, "{\"stock_item\":{\"item_code\":\"SKU-2\"}}")
                .status())
        .isEqualTo(200);
    ObjectNode noCode1 = f.productBody("x", "No code 1");
    wrapped(noCode1).remove("item_code");
    ObjectNode noCode2 = f.productBody("", "No code 2");
    f.created("/products", noCode1);
    assertThat(f.created("/products", noCode2)).isNotBlank();
    assertThat(f.sage.products(f.business()).get(2).get("item_code").isNull()).isTrue();
  }

  @Test
  void stockItemCodesStopAt30CharactersProductCodesAt255() {
    String thirty = "S".repeat(30);
    String thirtyOne = "T".repeat(31);

    assertThat(f.http.post("/stock_items", f.stockItemBody(thirty, "ok")).status()).isEqualTo(201);
    Resp tooLong = f.http.post("/stock_items", f.stockItemBody(thirtyOne, "too long"));
    assertThat(SageFixtures.singleError(tooLong, "RecordInvalid", "item_code"))
        .isEqualTo("item_code is too long (maximum is 30 characters)");
    assertThat(f.http.post("/products", f.productBody(thirtyOne, "fine")).status()).isEqualTo(201);
    assertThat(f.http.post("/services", f.serviceBody("V".repeat(255), "fine")).status())
        .isEqualTo(201);
    SageFixtures.singleError(
        f.http.post("/services", f.serviceBody("W".repeat(256), "long")),
        "RecordInvalid",
        "item_code");
    // through /products a stock item keeps its 30-character limit
    String stockId = f.sage.stockItems(f.business()).get(0).get("id").asText();
    SageFixtures.singleError(
        f.http.put(
            "/products/" + stockId, "{\"product\":{\"item_code\":\"" + "U".repeat(31) + "\"}}"),
        "RecordInvalid",
        "item_code");
    ObjectNode noCode = f.stockItemBody("x", "no code");
    wrapped(noCode).remove("item_code");
    SageFixtures.singleError(f.http.post("/stock_items", noCode), "RecordInvalid", "item_code");
  }

  // ---- services ---------------------------------------------------------------------------------

  @Test
  void createsAServiceLikeSage() {
    ObjectNode body = f.serviceBody("ENG-1", "Engraving");
    wrapped(body).remove("sales_tax_rate_id");

    Resp r = f.http.post("/services", body);

    assertThat(r.status()).isEqualTo(201);
    JsonNode s = r.body();
    String id = s.get("id").asText();
    assertThat(s.get("$path").asText()).isEqualTo("/services/" + id);
    assertThat(s.get("displayed_as").asText()).isEqualTo("Engraving");
    assertThat(s.get("purchase_ledger_account").isNull()).isTrue();
    assertThat(s.get("sales_tax_rate").isNull()).isTrue();
    assertThat(s.get("cost_price").asText()).isEqualTo("0.0");
    assertThat(s.get("oss_service").asBoolean()).isFalse();
    assertThat(s.has("sales_prices")).isFalse();
    JsonNode rate = s.get("sales_rates").get(0);
    assertThat(s.get("sales_rates")).hasSize(1);
    assertThat(rate.get("rate_name").asText()).isEqualTo("Rate");
    assertThat(rate.get("rate").asText()).isEqualTo("45.0");
    assertThat(rate.get("rate_includes_tax").asBoolean()).isFalse();
    assertThat(rate.get("service_rate_type").get("id").asText())
        .isEqualTo(f.sage.serviceRateTypeId(f.business()));
    assertThat(f.get("/services/" + id)).isEqualTo(s);
    assertThat(f.sage.service(f.business(), id).orElseThrow()).isEqualTo(s);
    // a service is not a product
    assertThat(f.http.get("/products/" + id).status()).isEqualTo(404);
    assertThat(f.get("/products").get("$total").asInt()).isZero();
    assertThat(f.sage.product(f.business(), id)).isEmpty();
  }

  @Test
  void serviceRules() {
    ObjectNode noLedger = f.serviceBody("E", "Engraving");
    wrapped(noLedger).remove("sales_ledger_account_id");
    wrapped(noLedger).put("quantity_in_stock", "1");
    assertThat(SageFixtures.sources(f.http.post("/services", noLedger)))
        .containsExactlyInAnyOrder("sales_ledger_account_id", "quantity_in_stock");
    ObjectNode badRate = f.serviceBody("E", "Engraving");
    ((ObjectNode) wrapped(badRate).get("sales_rates").get(0))
        .put("service_rate_type_id", f.sage.salesPriceTypeId(f.business()));
    SageFixtures.singleError(
        f.http.post("/services", badRate), "RecordNotFound", "sales_rates[0].service_rate_type_id");
  }

  // ---- stock items ------------------------------------------------------------------------------

  @Test
  void createsAStockItemLikeSageAndProductsListsIt() {
    Resp r = f.http.post("/stock_items", f.stockItemBody("TEE-RED-L", "Red T-shirt (L)"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode s = r.body();
    String id = s.get("id").asText();
    assertThat(s.get("$path").asText()).isEqualTo("/stock_items/" + id);
    assertThat(s.get("displayed_as").asText()).isEqualTo("Red T-shirt (L)");
    assertThat(s.get("quantity_in_stock").asText()).isEqualTo("0.0");
    assertThat(s.get("last_cost_price").asText()).isEqualTo("0.0");
    assertThat(s.get("average_cost_price").asText()).isEqualTo("0.0");
    assertThat(s.get("cost_price_last_updated").isNull()).isTrue();
    assertThat(s.get("cost_price").asText()).isEqualTo("7.0");
    assertThat(s.get("reorder_level").asText()).isEqualTo("0.0");
    assertThat(s.get("weight").isNumber()).isTrue();
    assertThat(s.get("location").asText()).isEmpty();
    assertThat(texts(s.get("sales_prices"), "price")).containsExactly("19.99", "0.0", "0.0");
    assertThat(s.has("catalog_item_type")).isFalse();
    assertThat(f.get("/stock_items/" + id)).isEqualTo(s);
    assertThat(f.sage.stockItem(f.business(), id).orElseThrow()).isEqualTo(s);
    assertThat(f.sage.stockItems(f.business())).containsExactly(s);
    assertThat(f.sage.products(f.business())).isEmpty();
    assertThat(f.sage.quantityInStock(f.business(), id)).isEqualByComparingTo("0");

    // GET /products lists stock and non-stock items (D-INVENT), as products
    String productId = f.created("/products", f.productBody("MUG-1", "Mug"));
    JsonNode products = f.get("/products");
    assertThat(products.get("$total").asInt()).isEqualTo(2);
    assertThat(texts(products.get("$items"), "$path"))
        .containsExactly("/products/" + id, "/products/" + productId);
    JsonNode asProduct = f.get("/products/" + id);
    assertThat(asProduct.get("catalog_item_type").get("id").asText()).isEqualTo("STOCK_ITEM");
    assertThat(asProduct.get("catalog_item_type").get("displayed_as").asText()).isEqualTo("Stock");
    assertThat(asProduct.has("quantity_in_stock")).isFalse();
    assertThat(asProduct.get("sales_prices")).isEqualTo(s.get("sales_prices"));
    assertThat(f.get("/stock_items").get("$total").asInt()).isEqualTo(1);
    assertThat(f.http.get("/stock_items/" + productId).status()).isEqualTo(404);
    assertThat(f.http.get("/services/" + id).status()).isEqualTo(404);
  }

  @Test
  void quantityInStockAndTheDerivedValuesAreReadOnly() {
    ObjectNode body = f.stockItemBody("TEE", "T-shirt");
    wrapped(body).put("quantity_in_stock", "12");
    wrapped(body).put("average_cost_price", "3.00");

    assertThat(SageFixtures.sources(f.http.post("/stock_items", body)))
        .containsExactlyInAnyOrder("quantity_in_stock", "average_cost_price");
    String id = f.created("/stock_items", f.stockItemBody("TEE", "T-shirt"));
    Resp put = f.http.put("/stock_items/" + id, "{\"stock_item\":{\"quantity_in_stock\":\"5\"}}");
    assertThat(SageFixtures.singleError(put, "RecordInvalid", "quantity_in_stock"))
        .contains("stock movement");
    assertThat(f.sage.quantityInStock(f.business(), id)).isEqualByComparingTo("0");
  }

  // ---- PUT --------------------------------------------------------------------------------------

  @Test
  void putChangesOnlyWhatItSendsAndPricesByType() {
    JsonNode before = f.http.post("/products", f.productBody("MUG-1", "Mug")).body();
    String id = before.get("id").asText();
    String tradeType =
        before.get("sales_prices").get(1).get("product_sales_price_type").get("id").asText();

    Resp r =
        f.http.put(
            "/products/" + id,
            "{\"product\":{\"description\":\"Large mug\",\"sales_prices\":[{"
                + "\"product_sales_price_type_id\":\""
                + tradeType
                + "\",\"price\":\"9.00\"}]}}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode p = r.body();
    assertThat(p.get("displayed_as").asText()).isEqualTo("Large mug");
    assertThat(p.get("description").asText()).isEqualTo("Large mug");
    assertThat(p.get("item_code").asText()).isEqualTo("MUG-1");
    assertThat(p.get("cost_price").asText()).isEqualTo("4.2");
    assertThat(p.get("sales_ledger_account")).isEqualTo(before.get("sales_ledger_account"));
    assertThat(texts(p.get("sales_prices"), "price")).containsExactly("12.5", "9.0", "0.0");
    assertThat(texts(p.get("sales_prices"), "id"))
        .containsExactlyElementsOf(texts(before.get("sales_prices"), "id"));
    assertThat(p.get("created_at")).isEqualTo(before.get("created_at"));
    assertThat(f.get("/products/" + id)).isEqualTo(p);
    assertThat(f.get("/products?search=large").get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/products?search=mug-1").get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/products?search=plate").get("$total").asInt()).isZero();

    Resp inactive =
        f.http.put("/products/" + id, "{\"product\":{\"active\":false,\"notes\":null}}");
    assertThat(inactive.body().get("active").asBoolean()).isFalse();
    assertThat(inactive.body().get("description").asText()).isEqualTo("Large mug");
    assertThat(f.get("/products?active=true").get("$total").asInt()).isZero();
    assertThat(f.get("/products?active=false").get("$total").asInt()).isEqualTo(1);
    assertThat(f.sage.putCount("/products/" + id)).isEqualTo(2);
  }

  @Test
  void putRulesAndUnknownIds() {
    String productId = f.created("/products", f.productBody("MUG-1", "Mug"));
    String serviceId = f.created("/services", f.serviceBody("ENG-1", "Engraving"));

    assertThat(
            SageFixtures.singleError(
                f.http.put("/products/" + productId, "{\"product\":{\"description\":\"\"}}"),
                "RecordInvalid",
                "description"))
        .isEqualTo("Description can't be blank");
    SageFixtures.singleError(
        f.http.put("/products/" + productId, "{\"product\":{\"purchase_ledger_account_id\":null}}"),
        "RecordInvalid",
        "purchase_ledger_account_id");
    // a service may drop its purchase ledger account
    assertThat(
            f.http
                .put(
                    "/services/" + serviceId,
                    "{\"service\":{\"purchase_ledger_account_id\":null,\"oss_service\":true}}")
                .body()
                .get("oss_service")
                .asBoolean())
        .isTrue();
    SageFixtures.sources(
        f.http.put("/services/" + serviceId, "{\"service\":{\"sales_prices\":[]}}"));
    Resp unknown = f.http.put("/products/" + serviceId, "{\"product\":{\"notes\":\"x\"}}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get(0).get("$dataCode").asText()).isEqualTo("RecordNotFound");
    assertThat(
            f.http
                .put("/stock_items/0123456789abcdef0123456789abcdef", "{\"stock_item\":{}}")
                .status())
        .isEqualTo(404);
    assertThat(f.http.put("/products", "{\"product\":{}}").status()).isEqualTo(405);
    assertThat(f.http.post("/products/" + productId, "{\"product\":{}}").status()).isEqualTo(405);
  }

  @Test
  void usualSupplierMustBeAVendor() {
    String vendor = f.contact("Wallace Office Equipment", "WAL001", "VENDOR", "GBP");
    String customer = f.customer("Great Example Ltd", "GEX001");
    ObjectNode body = f.productBody("MUG-1", "Mug");
    wrapped(body).put("usual_supplier_id", customer);
    assertThat(
            SageFixtures.singleError(
                f.http.post("/products", body), "RecordInvalid", "usual_supplier_id"))
        .isEqualTo("Couldn't find Supplier.");

    wrapped(body).put("usual_supplier_id", vendor);
    JsonNode p = f.http.post("/products", body).body();
    assertThat(p.get("usual_supplier").get("displayed_as").asText())
        .isEqualTo("Wallace Office Equipment (WAL001)");
    assertThat(p.get("usual_supplier").get("$path").asText())
        .isEqualTo("/usual_suppliers/" + vendor);
  }

  @Test
  void listsPageAndFilterStockItems() {
    for (int i = 1; i <= 25; i++) {
      f.created("/stock_items", f.stockItemBody("ITEM-" + i, "Item " + i));
    }
    JsonNode page = f.get("/stock_items?items_per_page=10&search=item&attributes=item_code");
    assertThat(page.get("$total").asInt()).isEqualTo(25);
    assertThat(page.get("$next").asText())
        .isEqualTo("/stock_items?page=2&items_per_page=10&search=item&attributes=item_code");
    assertThat(page.get("$items").get(0).get("item_code").asText()).isEqualTo("ITEM-1");
    assertThat(page.get("$items").get(0).size()).isEqualTo(4);
    assertThat(f.get("/stock_items?out_of_stock=true").get("$total").asInt()).isEqualTo(25);
    String id = f.sage.stockItems(f.business()).get(0).get("id").asText();
    f.created("/stock_movements", f.movementBody(id, "3", "7.00"));
    assertThat(f.get("/stock_items?out_of_stock=true").get("$total").asInt()).isEqualTo(24);
    f.http.put("/stock_items/" + id, "{\"stock_item\":{\"reorder_level\":\"5\"}}");
    assertThat(f.get("/stock_items?below_reorder_level=true").get("$total").asInt()).isEqualTo(1);
  }

  @Test
  void faultsAndIdempotencyReachTheNewPaths() {
    f.sage.failNext("/stock_items", 429, 1);
    f.sage.failNext("/v3.1/services", 503, 1);

    assertThat(f.http.post("/stock_items", f.stockItemBody("A", "a")).status()).isEqualTo(429);
    assertThat(f.http.get("/services").status()).isEqualTo(503);
    assertThat(f.http.post("/stock_items", f.stockItemBody("A", "a")).status()).isEqualTo(201);
    assertThat(f.sage.postCount("/stock_items")).isEqualTo(2);

    f.sage.failNextAfterCommit("/products", 1);
    ObjectNode body = f.productBody("P", "p");
    wrapped(body).put("idempotency_id", "0123456789abcdef0123456789abcdef");
    assertThat(f.http.post("/products", body).status()).isEqualTo(500);
    Resp retry = f.http.post("/products", body);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(f.sage.products(f.business())).hasSize(1);
    assertThat(retry.body().get("id").asText())
        .isEqualTo(f.sage.products(f.business()).get(0).get("id").asText());
    ObjectNode asService = f.serviceBody("S", "s");
    wrapped(asService).put("idempotency_id", "0123456789abcdef0123456789abcdef");
    SageFixtures.singleError(
        f.http.post("/services", asService), "IdempotencyResourceMismatch", "");
  }
}
