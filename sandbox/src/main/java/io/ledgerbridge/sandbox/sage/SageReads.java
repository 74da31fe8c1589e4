package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StockMovement;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code GET}s of the business's own records: contacts, sales invoices, sales credit notes,
 * contact payments, contact allocations, products, services, stock items and stock movements, with
 * the filters Sage documents for each list. Every answer is a copy taken under the business lock.
 */
final class SageReads {

  private SageReads() {}

  static ApiResponse listContacts(Map<String, String> q, SandboxBusiness b) {
    String type = q.get("contact_type_id");
    String search = lower(q.get("search"));
    String email = lower(q.get("email"));
    List<ObjectNode> items = new ArrayList<>();
    synchronized (b.lock()) {
      for (StoredContact c : b.contacts.values()) {
        boolean matches =
            (type == null || type.equalsIgnoreCase(c.typeId()))
                && (search == null
                    || contains(c.name(), search)
                    || contains(c.reference(), search)
                    || contains(SageJson.text(c.body(), "email"), search))
                && (email == null || email.equals(lower(SageJson.text(c.body(), "email"))));
        if (matches) {
          items.add(c.body().deepCopy());
        }
      }
    }
    return Paging.page(q, "contacts", items);
  }

  static ApiResponse contact(Map<String, String> q, SandboxBusiness b, String key) {
    synchronized (b.lock()) {
      StoredContact c = b.contacts.get(key);
      if (c == null) {
        return SageApi.notFound();
      }
      boolean expand = q.get("nested_attributes") != null;
      return ApiResponse.ok((expand ? c.expandedBody() : c.body()).deepCopy());
    }
  }

  /**
   * {@code GET /sales_invoices} or {@code /sales_credit_notes}: {@code contact_id}, {@code
   * status_id}, {@code from_date}, {@code to_date}, {@code search} (reference, contact name,
   * number) and {@code show_payments_allocations}.
   */
  static ApiResponse listDocuments(
      Map<String, String> q, SandboxBusiness b, SalesDocumentKind kind) {
    String contactId = q.get("contact_id");
    String status = q.get("status_id");
    String search = lower(q.get("search"));
    String from = q.get("from_date");
    String to = q.get("to_date");
    List<ObjectNode> items = new ArrayList<>();
    synchronized (b.lock()) {
      for (ObjectNode doc : b.documents(kind).values()) {
        String date = doc.path("date").asText();
        boolean matches =
            (contactId == null || contactId.equals(doc.path("contact").path("id").asText()))
                && (status == null
                    || status.equalsIgnoreCase(doc.path("status").path("id").asText()))
                && (from == null || date.compareTo(from) >= 0)
                && (to == null || date.compareTo(to) <= 0)
                && (search == null
                    || contains(SageJson.text(doc, "reference"), search)
                    || contains(SageJson.text(doc, "contact_name"), search)
                    || contains(SageJson.text(doc, kind.numberField), search));
        if (matches) {
          items.add(documentCopy(q, b, doc));
        }
      }
    }
    return Paging.page(q, kind.collection, items);
  }

  static ApiResponse document(
      Map<String, String> q, SandboxBusiness b, SalesDocumentKind kind, String key) {
    synchronized (b.lock()) {
      ObjectNode doc = b.documents(kind).get(key);
      return doc == null ? SageApi.notFound() : ApiResponse.ok(documentCopy(q, b, doc));
    }
  }

  /** The read model as {@code GET} answers it, for the Java accessors. Caller holds the lock. */
  static ObjectNode documentCopy(Map<String, String> q, SandboxBusiness b, ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    if ("true".equalsIgnoreCase(q.get("show_payments_allocations"))) {
      OpenItem item = b.openItems.get(doc.path("id").asText());
      copy.set(
          "payments_allocations",
          item == null ? SageJson.MAPPER.createArrayNode() : item.paymentsAllocations.deepCopy());
    }
    return copy;
  }

  /**
   * {@code GET /contact_payments}: {@code contact_id}, {@code bank_account_id}, {@code
   * transaction_type_id}, {@code from_date}, {@code to_date}.
   */
  static ApiResponse listPayments(Map<String, String> q, SandboxBusiness b) {
    String contactId = q.get("contact_id");
    String bankAccountId = q.get("bank_account_id");
    String type = q.get("transaction_type_id");
    String from = q.get("from_date");
    String to = q.get("to_date");
    Predicate<ObjectNode> filter =
        p -> {
          String date = p.path("date").asText();
          return (contactId == null || contactId.equals(p.path("contact").path("id").asText()))
              && (bankAccountId == null
                  || bankAccountId.equals(p.path("bank_account").path("id").asText()))
              && (type == null
                  || type.equalsIgnoreCase(p.path("transaction_type").path("id").asText()))
              && (from == null || date.compareTo(from) >= 0)
              && (to == null || date.compareTo(to) <= 0);
        };
    return list(q, b, b.payments, "contact_payments", filter);
  }

  /** {@code GET /contact_allocations}: {@code contact_id}, {@code transaction_type_id}. */
  static ApiResponse listAllocations(Map<String, String> q, SandboxBusiness b) {
    String contactId = q.get("contact_id");
    String type = q.get("transaction_type_id");
    Predicate<ObjectNode> filter =
        a ->
            (contactId == null || contactId.equals(a.path("contact").path("id").asText()))
                && (type == null
                    || type.equalsIgnoreCase(a.path("transaction_type").path("id").asText()));
    return list(q, b, b.allocations, "contact_allocations", filter);
  }

  /**
   * The item {@code /<view>/{key}} answers for, or null: a service through {@code /services}, a
   * stock item through {@code /stock_items}, a product or a stock item through {@code /products}.
   * Caller holds the lock.
   */
  static CatalogItem catalogItem(SandboxBusiness b, CatalogItemKind view, String key) {
    CatalogItem item = b.catalog.get(key);
    if (item == null) {
      return null;
    }
    boolean fits =
        item.kind == view || (view == CatalogItemKind.PRODUCT && item.kind.listedAsProduct());
    return fits ? item : null;
  }

  static ApiResponse catalogItem(
      Map<String, String> q, SandboxBusiness b, CatalogItemKind view, String key) {
    synchronized (b.lock()) {
      CatalogItem item = catalogItem(b, view, key);
      return item == null ? SageApi.notFound() : ApiResponse.ok(CatalogItems.json(b, item, view));
    }
  }

  /**
   * {@code GET /products} (non-stock and stock items, D-INVENT), {@code /services} or {@code
   * /stock_items}: {@code search} (item code or description), {@code active}, and on stock items
   * {@code out_of_stock} and {@code below_reorder_level}.
   */
  static ApiResponse listCatalog(Map<String, String> q, SandboxBusiness b, CatalogItemKind view) {
    String search = lower(q.get("search"));
    String active = q.get("active");
    boolean outOfStock = "true".equalsIgnoreCase(q.get("out_of_stock"));
    boolean belowReorder = "true".equalsIgnoreCase(q.get("below_reorder_level"));
    List<ObjectNode> items = new ArrayList<>();
    synchronized (b.lock()) {
      for (CatalogItem item : b.catalog.values()) {
        if (catalogItem(b, view, item.id) == null) {
          continue;
        }
        BigDecimal reorder = SageJson.decimal(item.attributes.get("reorder_level"));
        boolean matches =
            (search == null
                    || contains(item.itemCode(), search)
                    || contains(item.description(), search))
                && (active == null || active.equalsIgnoreCase(String.valueOf(item.active())))
                && (!outOfStock || item.quantityInStock.signum() <= 0)
                && (!belowReorder
                    || (reorder != null && item.quantityInStock.compareTo(reorder) < 0));
        if (matches) {
          items.add(CatalogItems.json(b, item, view));
        }
      }
    }
    return Paging.page(q, view.collection, items);
  }

  /**
   * {@code GET /stock_movements}: {@code stock_item_id}, {@code from_date}, {@code to_date}, {@code
   * search} (details or reference).
   */
  static ApiResponse listStockMovements(Map<String, String> q, SandboxBusiness b) {
    String stockItemId = q.get("stock_item_id");
    String search = lower(q.get("search"));
    LocalDate from = SageJson.date(q.get("from_date"));
    LocalDate to = SageJson.date(q.get("to_date"));
    List<ObjectNode> items = new ArrayList<>();
    synchronized (b.lock()) {
      for (StockMovement m : b.stockMovements.values()) {
        boolean matches =
            (stockItemId == null || stockItemId.equals(m.stockItemId()))
                && (from == null || !m.date().isBefore(from))
                && (to == null || !m.date().isAfter(to))
                && (search == null
                    || contains(m.details(), search)
                    || contains(m.reference(), search));
        if (matches) {
          items.add(StockMovements.json(b, m, false));
        }
      }
    }
    return Paging.page(q, "stock_movements", items);
  }

  static ApiResponse stockMovement(Map<String, String> q, SandboxBusiness b, String key) {
    synchronized (b.lock()) {
      StockMovement m = b.stockMovements.get(key);
      return m == null
          ? SageApi.notFound()
          : ApiResponse.ok(StockMovements.json(b, m, q.get("nested_attributes") != null));
    }
  }

  /** One record of {@code store} ({@code contact_payments} or {@code contact_allocations}). */
  static ApiResponse one(SandboxBusiness b, Map<String, ObjectNode> store, String key) {
    synchronized (b.lock()) {
      ObjectNode o = store.get(key);
      return o == null ? SageApi.notFound() : ApiResponse.ok(o.deepCopy());
    }
  }

  private static ApiResponse list(
      Map<String, String> q,
      SandboxBusiness b,
      Map<String, ObjectNode> store,
      String collection,
      Predicate<ObjectNode> filter) {
    List<ObjectNode> items = new ArrayList<>();
    synchronized (b.lock()) {
      for (ObjectNode o : store.values()) {
        if (filter.test(o)) {
          items.add(o.deepCopy());
        }
      }
    }
    return Paging.page(q, collection, items);
  }

  private static String lower(String s) {
    return s == null || s.isBlank() ? null : s.toLowerCase(Locale.ROOT);
  }

  private static boolean contains(String haystack, String lowerNeedle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
  }
}
