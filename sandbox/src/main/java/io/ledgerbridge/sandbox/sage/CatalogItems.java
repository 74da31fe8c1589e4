package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.CatalogItem.Price;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.LedgerAccount;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.PriceType;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Sage's rules for creating and updating products, services and stock items (after schema
 * validation), and their read models (SAGE.md §2.6, D-INVENT, the SW-MOD examples of {@code GET
 * /products/{key}}, {@code /services/{key}} and {@code /stock_items/{key}}). Callers hold the
 * business lock.
 *
 * <p>Documented rules: {@code description} required (at most 255); {@code item_code} at most 255 on
 * products and services, required and at most 30 on stock items; {@code sales_ledger_account_id}
 * required, {@code purchase_ledger_account_id} required on products and stock items; ids must name
 * records of the business (404-style {@code RecordNotFound} "Couldn't find record." with the
 * property as {@code $source}, as ISS-32 shows for invoice lines). {@code GET /products} lists
 * stock items as well (D-INVENT). {@code PUT} changes only the properties it sends, like {@code PUT
 * /contacts}; a price (or rate) is updated by its type id.
 *
 * <p>The sandbox's own choices, where SAGE.md and the Swagger say nothing:
 *
 * <ul>
 *   <li>{@code item_code} is unique per business across products, services and stock items,
 *       case-insensitively: 422 {@code RecordInvalid} "Item code has already been taken" (Sage's
 *       Rails validation style, as for contact references). Sage's web app keys every catalogue
 *       record by its item code in one list; the strictest reading keeps a client honest.
 *   <li>{@code quantity_in_stock} and the derived stock values ({@code last_cost_price}, {@code
 *       average_cost_price}, their {@code _stock_value}s, {@code cost_price_last_updated}) are
 *       read-only: the request schema lists them, but a value sent is refused (422, the property as
 *       {@code $source}) rather than ignored, so a client cannot believe it set a stock level; the
 *       level changes only through stock movements ("Adjustment In - Opening stock balance",
 *       D-INVENT).
 *   <li>A sales price names its type by {@code product_sales_price_type_id} (a rate by {@code
 *       service_rate_type_id}); D-INVENT warns that price names can be changed by the user and must
 *       not identify price types, so an entry without a type id is refused. Every record carries
 *       one price per active type, {@code "0.0"} when not sent, as in the SW-MOD example.
 *   <li>{@code sales_ledger_account_id} must be visible in sales (as for contacts' default sales
 *       ledger account); {@code cost_price} may not be negative; {@code catalog_item_type_id}, when
 *       sent to {@code /products}, must be the record's own type ({@code PRODUCT}, or {@code
 *       STOCK_ITEM} for a stock item): records are created at their own endpoint.
 *   <li>{@code usual_supplier} links to {@code /usual_suppliers/{id}}, as in Sage's examples.
 * </ul>
 */
final class CatalogItems {

  private static final List<String> READ_ONLY_STOCK =
      List.of(
          "quantity_in_stock",
          "last_cost_price",
          "last_cost_price_stock_value",
          "average_cost_price",
          "average_cost_price_stock_value",
          "cost_price_last_updated");

  private CatalogItems() {}

  static CreateOutcome createProduct(SandboxBusiness b, JsonNode c, Instant now, Random random) {
    return create(CatalogItemKind.PRODUCT, b, c, now, random);
  }

  static CreateOutcome createService(SandboxBusiness b, JsonNode c, Instant now, Random random) {
    return create(CatalogItemKind.SERVICE, b, c, now, random);
  }

  static CreateOutcome createStockItem(SandboxBusiness b, JsonNode c, Instant now, Random random) {
    return create(CatalogItemKind.STOCK_ITEM, b, c, now, random);
  }

  private static CreateOutcome create(
      CatalogItemKind kind, SandboxBusiness b, JsonNode c, Instant now, Random random) {
    List<SageError> errors = check(b, kind, c, null);
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    String id = SageJson.newId(random);
    CatalogItem item = new CatalogItem(id, kind, attributes(c), now);
    Map<String, JsonNode> sent = pricesByType(kind, c);
    for (PriceType t : b.priceTypes(kind)) {
      if (!t.active()) {
        continue;
      }
      JsonNode p = sent.get(t.id());
      item.prices.put(
          t.id(),
          new Price(
              SageJson.newId(random),
              t.id(),
              Optional.ofNullable(p == null ? null : SageJson.text(p, priceNameField(kind)))
                  .orElse(t.name()),
              Optional.ofNullable(p == null ? null : SageJson.decimal(p.get(priceField(kind))))
                  .orElse(BigDecimal.ZERO),
              p != null && p.path(includesTaxField(kind)).asBoolean(false),
              now,
              now));
    }
    b.catalog.put(id, item);
    return new Created(json(b, item, kind));
  }

  /**
   * {@code PUT} of an item the business has, seen through {@code view} ({@code /products} also
   * answers for stock items); callers check that it exists and the view fits.
   */
  static CreateOutcome update(
      SandboxBusiness b, CatalogItemKind view, String id, JsonNode c, Instant now, Random random) {
    CatalogItem item = b.catalog.get(id);
    List<SageError> errors = check(b, item.kind, c, item);
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    ObjectNode merged = item.attributes.deepCopy();
    attributes(c).fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    item.attributes = merged;
    pricesByType(item.kind, c)
        .forEach(
            (typeId, p) -> {
              Price old = item.prices.get(typeId);
              BigDecimal price = SageJson.decimal(p.get(priceField(item.kind)));
              String name = SageJson.text(p, priceNameField(item.kind));
              JsonNode includesTax = p.get(includesTaxField(item.kind));
              item.prices.put(
                  typeId,
                  new Price(
                      old != null ? old.id() : SageJson.newId(random),
                      typeId,
                      name != null ? name : old != null ? old.name() : typeName(b, item, typeId),
                      price != null ? price : old != null ? old.price() : BigDecimal.ZERO,
                      includesTax != null && !includesTax.isNull()
                          ? includesTax.asBoolean()
                          : old != null && old.includesTax(),
                      old != null ? old.createdAt() : now,
                      now));
            });
    item.updatedAt = now;
    return new Created(json(b, item, view));
  }

  /** The rules on what {@code c} sends for an item of {@code kind}; {@code existing} on update. */
  private static List<SageError> check(
      SandboxBusiness b, CatalogItemKind kind, JsonNode c, CatalogItem existing) {
    boolean create = existing == null;
    List<SageError> errors = new ArrayList<>();
    if (!create && c.has("description") && blank(SageJson.text(c, "description"))) {
      errors.add(SageError.invalid("description", "Description can't be blank"));
    }
    String itemCode = SageJson.text(c, "item_code");
    if (c.has("item_code") && blank(itemCode) && kind == CatalogItemKind.STOCK_ITEM) {
      errors.add(SageError.invalid("item_code", "Item code can't be blank"));
    } else if (!blank(itemCode)) {
      if (itemCode.codePointCount(0, itemCode.length()) > kind.maxItemCode) {
        // the schema of /stock_items says so too; /products can reach a stock item
        errors.add(
            SageError.invalid(
                "item_code",
                "item_code is too long (maximum is " + kind.maxItemCode + " characters)"));
      }
      for (CatalogItem other : b.catalog.values()) {
        if (other != existing && itemCode.equalsIgnoreCase(other.itemCode())) {
          errors.add(SageError.invalid("item_code", "Item code has already been taken"));
          break;
        }
      }
    }
    checkLedger(b, c, "sales_ledger_account_id", true, create, errors);
    checkLedger(
        b, c, "purchase_ledger_account_id", kind != CatalogItemKind.SERVICE, create, errors);
    for (String f : List.of("sales_tax_rate_id", "purchase_tax_rate_id")) {
      String rate = SageJson.text(c, f);
      if (rate != null && b.taxRate(rate).isEmpty()) {
        errors.add(SageError.notFound(f));
      }
    }
    String supplier = SageJson.text(c, "usual_supplier_id");
    if (supplier != null) {
      StoredContact s = b.contacts.get(supplier);
      if (s == null) {
        errors.add(SageError.notFound("usual_supplier_id"));
      } else if (!"VENDOR".equals(s.typeId())) {
        errors.add(SageError.invalid("usual_supplier_id", "Couldn't find Supplier."));
      }
    }
    String type = SageJson.text(c, "catalog_item_type_id");
    if (type != null && !type.equals(kind.typeId)) {
      errors.add(
          SageError.invalid("catalog_item_type_id", "Catalog item type must be " + kind.typeId));
    }
    BigDecimal cost = SageJson.decimal(c.get("cost_price"));
    if (cost != null && cost.signum() < 0) {
      errors.add(SageError.invalid("cost_price", "Cost price must be greater than or equal to 0"));
    }
    if (kind == CatalogItemKind.STOCK_ITEM) {
      for (String f : READ_ONLY_STOCK) {
        JsonNode v = c.get(f);
        if (v != null && !v.isNull()) {
          errors.add(
              SageError.invalid(
                  f,
                  f.equals("quantity_in_stock")
                      ? "quantity_in_stock is read-only: post a stock movement to change the"
                          + " stock level"
                      : f + " is read-only: Sage works it out from the stock movements"));
        }
      }
    }
    checkPrices(b, kind, c, errors);
    return errors;
  }

  private static void checkLedger(
      SandboxBusiness b,
      JsonNode c,
      String field,
      boolean required,
      boolean create,
      List<SageError> errors) {
    String id = SageJson.text(c, field);
    if (id == null) {
      if (required && !create && c.has(field)) {
        errors.add(SageError.invalid(field, field + " can't be blank"));
      }
      return;
    }
    Optional<LedgerAccount> l = b.ledgerAccount(id);
    if (l.isEmpty()) {
      errors.add(SageError.notFound(field));
    } else if (field.startsWith("sales_") && !l.get().visibleInSales()) {
      errors.add(SageError.invalid(field, "Ledger account is not valid for sales"));
    }
  }

  private static void checkPrices(
      SandboxBusiness b, CatalogItemKind kind, JsonNode c, List<SageError> errors) {
    JsonNode prices = c.get(kind.pricesField());
    if (prices == null || !prices.isArray()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < prices.size(); i++) {
      String p = kind.pricesField() + "[" + i + "].";
      String typeId = SageJson.text(prices.get(i), kind.priceTypeField());
      if (blank(typeId)) {
        errors.add(
            SageError.invalid(
                p + kind.priceTypeField(), kind.priceTypeField() + " can't be blank"));
        continue;
      }
      if (b.priceTypes(kind).stream().noneMatch(t -> t.id().equals(typeId))) {
        errors.add(SageError.notFound(p + kind.priceTypeField()));
      } else if (!seen.add(typeId)) {
        errors.add(
            SageError.invalid(
                p + kind.priceTypeField(), "The same price type appears more than once"));
      }
    }
  }

  /** The writable attributes of a request: without prices and {@code idempotency_id}. */
  private static ObjectNode attributes(JsonNode c) {
    ObjectNode a = c.deepCopy();
    a.remove("idempotency_id");
    a.remove("sales_prices");
    a.remove("sales_rates");
    if (a.has("item_code") && blank(SageJson.text(a, "item_code"))) {
      a.putNull("item_code");
    }
    return a;
  }

  private static Map<String, JsonNode> pricesByType(CatalogItemKind kind, JsonNode c) {
    Map<String, JsonNode> m = new HashMap<>();
    c.path(kind.pricesField()).forEach(p -> m.put(SageJson.text(p, kind.priceTypeField()), p));
    return m;
  }

  private static String priceNameField(CatalogItemKind kind) {
    return kind.hasSalesPrices() ? "price_name" : "rate_name";
  }

  private static String priceField(CatalogItemKind kind) {
    return kind.hasSalesPrices() ? "price" : "rate";
  }

  private static String includesTaxField(CatalogItemKind kind) {
    return kind.hasSalesPrices() ? "price_includes_tax" : "rate_includes_tax";
  }

  private static String typeName(SandboxBusiness b, CatalogItem item, String typeId) {
    return b.priceTypes(item.kind).stream()
        .filter(t -> t.id().equals(typeId))
        .findFirst()
        .map(PriceType::name)
        .orElse(typeId);
  }

  // ---- read models --------------------------------------------------------------------------

  /** The link a document or movement shows for the item: description as {@code displayed_as}. */
  static ObjectNode link(CatalogItem item, CatalogItemKind view) {
    return SageJson.link(item.id, item.description(), view.collection);
  }

  /**
   * The item as {@code GET /<view>/{id}} answers it: {@code view} is the item's kind, or {@code
   * PRODUCT} for a stock item read through {@code /products} (the product read model, without the
   * stock fields, D-INVENT).
   */
  static ObjectNode json(SandboxBusiness b, CatalogItem item, CatalogItemKind view) {
    ObjectNode a = item.attributes;
    ObjectNode o = link(item, view);
    o.put("created_at", SageJson.timestamp(item.createdAt));
    o.put("updated_at", SageJson.timestamp(item.updatedAt));
    o.set("links", SageJson.htmlLinks("products_services", item.id));
    o.put("deletable", !item.used);
    o.put("deactivatable", true);
    o.put("used_on_recurring_invoice", false);
    o.put("item_code", SageJson.text(a, "item_code"));
    o.put("description", item.description());
    o.put("notes", SageJson.text(a, "notes"));
    ObjectNode salesLedger = ledgerLink(b, a, "sales_ledger_account_id");
    ObjectNode purchaseLedger = ledgerLink(b, a, "purchase_ledger_account_id");
    ObjectNode salesTax = taxLink(b, a, "sales_tax_rate_id");
    ObjectNode purchaseTax = taxLink(b, a, "purchase_tax_rate_id");
    ObjectNode supplier = supplierLink(b, a);
    if (view == CatalogItemKind.SERVICE) { // the order of Sage's GET /services/{key} example
      o.set("sales_ledger_account", salesLedger);
      o.set("purchase_ledger_account", purchaseLedger);
      o.set("sales_tax_rate", salesTax);
      o.set("purchase_tax_rate", purchaseTax);
      o.set("sales_rates", prices(b, item));
      o.put("source_guid", SageJson.text(a, "source_guid"));
      o.put("purchase_description", SageJson.text(a, "purchase_description"));
      o.set("usual_supplier", supplier);
      o.put("active", item.active());
      o.put("cost_price", SageJson.money(decimal(a, "cost_price")));
      o.put("oss_service", a.path("oss_service").asBoolean(false));
      return o;
    }
    o.set("sales_ledger_account", salesLedger);
    o.set("sales_tax_rate", salesTax);
    o.set("purchase_ledger_account", purchaseLedger);
    o.set("usual_supplier", supplier);
    o.set("purchase_tax_rate", purchaseTax);
    o.put("cost_price", SageJson.money(decimal(a, "cost_price")));
    o.set("sales_prices", prices(b, item));
    o.put("source_guid", SageJson.text(a, "source_guid"));
    o.put("purchase_description", SageJson.text(a, "purchase_description"));
    if (view == CatalogItemKind.PRODUCT) {
      o.put("active", item.active());
      o.set(
          "catalog_item_type",
          SageJson.link(item.kind.typeId, item.kind.typeName, "catalog_item_types"));
      return o;
    }
    o.put("reorder_level", SageJson.money(decimal(a, "reorder_level")));
    o.put("reorder_quantity", SageJson.money(decimal(a, "reorder_quantity")));
    for (String f : List.of("location", "barcode", "supplier_part_number")) {
      o.put(f, Optional.ofNullable(SageJson.text(a, f)).orElse(""));
    }
    o.set("weight", number(decimal(a, "weight"))); // a JSON number in Sage's examples
    o.put("measurement_unit", SageJson.text(a, "measurement_unit"));
    o.put("weight_converted", SageJson.money(decimal(a, "weight_converted")));
    o.put("active", item.active());
    BigDecimal quantity = item.quantityInStock;
    BigDecimal last = item.lastCostPrice == null ? BigDecimal.ZERO : item.lastCostPrice;
    BigDecimal average = item.averageCostPrice();
    o.put("quantity_in_stock", SageJson.money(quantity));
    o.put("last_cost_price", SageJson.money(last));
    o.put("last_cost_price_stock_value", SageJson.money(SageJson.round2(quantity.multiply(last))));
    o.put("average_cost_price", SageJson.money(average));
    o.put(
        "average_cost_price_stock_value",
        SageJson.money(SageJson.round2(quantity.multiply(average))));
    o.put("cost_price_last_updated", dateTime(item.costPriceLastUpdated));
    return o;
  }

  /** A date as Sage's inventory read models print it: {@code 2024-05-13T00:00:00.000Z}. */
  static String dateTime(LocalDate date) {
    return date == null ? null : date + "T00:00:00.000Z";
  }

  private static ArrayNode prices(SandboxBusiness b, CatalogItem item) {
    boolean sales = item.kind.hasSalesPrices();
    String typeCollection = sales ? "product_sales_price_types" : "service_rate_types";
    ArrayNode out = SageJson.MAPPER.createArrayNode();
    for (Price p : item.prices.values()) {
      ObjectNode o = out.addObject();
      o.put("id", p.id());
      o.put("displayed_as", p.name());
      o.put("created_at", SageJson.timestamp(p.createdAt()));
      o.put("updated_at", SageJson.timestamp(p.updatedAt()));
      o.put(priceNameField(item.kind), p.name());
      o.put(priceField(item.kind), SageJson.money(p.price()));
      o.put(includesTaxField(item.kind), p.includesTax());
      o.set(
          sales ? "product_sales_price_type" : "service_rate_type",
          SageJson.link(p.typeId(), typeName(b, item, p.typeId()), typeCollection));
    }
    return out;
  }

  private static ObjectNode ledgerLink(SandboxBusiness b, JsonNode a, String field) {
    String id = SageJson.text(a, field);
    return id == null ? null : b.ledgerAccount(id).map(b::ledgerAccountLink).orElse(null);
  }

  private static ObjectNode taxLink(SandboxBusiness b, JsonNode a, String field) {
    String id = SageJson.text(a, field);
    return id == null || b.taxRate(id).isEmpty() ? null : b.taxRateLink(id);
  }

  private static ObjectNode supplierLink(SandboxBusiness b, JsonNode a) {
    String id = SageJson.text(a, "usual_supplier_id");
    StoredContact s = id == null ? null : b.contacts.get(id);
    return s == null
        ? null
        : SageJson.link(s.id(), s.body().get("displayed_as").asText(), "usual_suppliers");
  }

  /** A JSON number as a parser reads it back: integral values as integers. */
  private static JsonNode number(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() > 0) {
      return SageJson.MAPPER.getNodeFactory().numberNode(v);
    }
    BigInteger i = s.toBigIntegerExact();
    return i.bitLength() < 32
        ? SageJson.MAPPER.getNodeFactory().numberNode(i.intValue())
        : i.bitLength() < 64
            ? SageJson.MAPPER.getNodeFactory().numberNode(i.longValue())
            : SageJson.MAPPER.getNodeFactory().numberNode(i);
  }

  private static BigDecimal decimal(JsonNode a, String field) {
    BigDecimal v = SageJson.decimal(a.get(field));
    return v == null ? BigDecimal.ZERO : v;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
