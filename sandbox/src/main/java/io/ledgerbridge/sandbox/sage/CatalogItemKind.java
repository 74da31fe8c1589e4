package io.ledgerbridge.sandbox.sage;

/**
 * The three kinds of Sage catalogue record (SAGE.md §2.6, D-INVENT; {@code GET
 * /catalog_item_types}): what differs between {@code /products} (non-stock), {@code /services} and
 * {@code /stock_items}.
 */
enum CatalogItemKind {
  /** A non-stock product, {@code POST /products}. */
  PRODUCT("products", "product", "Products", "Product", "PRODUCT", "Non-stock", 255),
  /** A service, {@code POST /services}. */
  SERVICE("services", "service", "Services", "Service", "SERVICE", "Service", 255),
  /** A stock item, {@code POST /stock_items}: {@code item_code} required, at most 30 characters. */
  STOCK_ITEM("stock_items", "stock_item", "StockItems", "StockItem", "STOCK_ITEM", "Stock", 30);

  /** Collection path segment. */
  final String collection;

  /** Key of the request wrapper object. */
  final String wrapper;

  /** Suffix of the Swagger request definitions ({@code post<definition>}, {@code put...}). */
  final String definition;

  /** The Swagger read-model definition, whose {@code maxLength}s apply to requests. */
  final String readModel;

  /** Id and name in {@code GET /catalog_item_types}. */
  final String typeId;

  final String typeName;

  /** {@code maxLength} of {@code item_code} in the read model. */
  final int maxItemCode;

  CatalogItemKind(
      String collection,
      String wrapper,
      String definition,
      String readModel,
      String typeId,
      String typeName,
      int maxItemCode) {
    this.collection = collection;
    this.wrapper = wrapper;
    this.definition = definition;
    this.readModel = readModel;
    this.typeId = typeId;
    this.typeName = typeName;
    this.maxItemCode = maxItemCode;
  }

  /** Products and stock items carry {@code sales_prices}; services carry {@code sales_rates}. */
  boolean hasSalesPrices() {
    return this != SERVICE;
  }

  /** The price array's field: {@code sales_prices} or {@code sales_rates}. */
  String pricesField() {
    return hasSalesPrices() ? "sales_prices" : "sales_rates";
  }

  /** The type id field of one price: {@code product_sales_price_type_id} or {@code ...rate...}. */
  String priceTypeField() {
    return hasSalesPrices() ? "product_sales_price_type_id" : "service_rate_type_id";
  }

  /** Whether {@code /products} lists and answers this kind (non-stock and stock, D-INVENT). */
  boolean listedAsProduct() {
    return this != SERVICE;
  }
}
