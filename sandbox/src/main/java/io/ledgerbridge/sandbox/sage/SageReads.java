package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code GET}s of the business's own records: contacts, sales invoices, sales credit notes,
 * contact payments and contact allocations, with the filters Sage documents for each list. Every
 * answer is a copy taken under the business lock.
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
