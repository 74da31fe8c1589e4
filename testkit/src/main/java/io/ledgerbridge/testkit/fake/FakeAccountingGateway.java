package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.payment.SageAllocation;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.out.AccountingGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scripted Sage that honours idempotency ids like the real one: a repeated id returns the first
 * result. Queued failures are thrown before anything is created; "after commit" failures are thrown
 * after the invoice was created. Documents keep balances: receipts, refunds and allocations reduce
 * what is outstanding, as Sage's do.
 */
public final class FakeAccountingGateway implements AccountingGateway {
  public final Map<String, SageRef> contactsByReference = new LinkedHashMap<>();
  public final List<SageContactDraft> createdContacts = new ArrayList<>();
  public final List<SageInvoiceDraft> createdInvoices = new ArrayList<>();
  public final List<String> invoiceIdempotencyIds = new ArrayList<>();
  public final Map<String, SageRef> invoicesByIdempotencyId = new HashMap<>();
  public final Deque<GatewayException> invoiceFailures = new ArrayDeque<>();
  public final Deque<GatewayException> invoiceFailuresAfterCommit = new ArrayDeque<>();

  /** Every document's balance by Sage id (invoices and credit notes created here, or scripted). */
  public final Map<String, SageDocumentBalance> balances = new LinkedHashMap<>();

  public final List<SageCreditNoteDraft> createdCreditNotes = new ArrayList<>();
  public final Map<String, SageRef> creditNotesByIdempotencyId = new HashMap<>();
  public final List<SageContactPaymentDraft> createdPayments = new ArrayList<>();
  public final Map<String, SageRef> paymentsByIdempotencyId = new HashMap<>();
  public final Map<String, SagePayment> payments = new LinkedHashMap<>();
  public final List<SageContactAllocationDraft> createdAllocations = new ArrayList<>();
  public final Map<String, SageRef> allocationsByIdempotencyId = new HashMap<>();

  /** Failures thrown by the next payment, credit note or allocation POST, before it is created. */
  public final Deque<GatewayException> paymentFailures = new ArrayDeque<>();

  public final Deque<GatewayException> creditNoteFailures = new ArrayDeque<>();
  public final Deque<GatewayException> allocationFailures = new ArrayDeque<>();

  /** False: the business's edition (Sage Start) offers no allocations. */
  public boolean allocationsAvailable = true;

  private int seq;

  @Override
  public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
    return Optional.ofNullable(contactsByReference.get(reference));
  }

  @Override
  public SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId) {
    createdContacts.add(draft);
    SageRef ref = new SageRef(hexId(), draft.name() + " (" + draft.reference() + ")");
    contactsByReference.put(draft.reference(), ref);
    return ref;
  }

  /** Contact updates by Sage contact id, in order. */
  public final List<Map.Entry<String, SageContactDraft>> updatedContacts = new ArrayList<>();

  /** Failures {@link #updateContact} throws, in order. */
  public final Deque<GatewayException> contactUpdateFailures = new ArrayDeque<>();

  @Override
  public SageRef updateContact(SageConnection sage, String contactId, SageContactDraft draft) {
    if (!contactUpdateFailures.isEmpty()) {
      throw contactUpdateFailures.pop();
    }
    updatedContacts.add(Map.entry(contactId, draft));
    return new SageRef(contactId, draft.name() + " (" + draft.reference() + ")");
  }

  /** Every field the real body carries, so a digest of it changes when any of them does. */
  @Override
  public String renderContactUpdate(SageContactDraft draft) {
    return "{\"contact\":" + draft + "}";
  }

  @Override
  public SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idem) {
    invoiceIdempotencyIds.add(idem);
    if (!invoiceFailures.isEmpty()) {
      throw invoiceFailures.pop();
    }
    SageRef ref = invoicesByIdempotencyId.get(idem);
    if (ref == null) {
      createdInvoices.add(draft);
      ref = new SageRef(hexId(), "SI-" + createdInvoices.size());
      invoicesByIdempotencyId.put(idem, ref);
      BigDecimal total = draft.expectedTotal() == null ? BigDecimal.ZERO : draft.expectedTotal();
      balances.put(
          ref.id(),
          new SageDocumentBalance(
              ref.id(),
              ref.displayedAs(),
              draft.contactId(),
              draft.currencyId(),
              draft.exchangeRate(),
              total,
              total,
              "UNPAID"));
    }
    if (!invoiceFailuresAfterCommit.isEmpty()) {
      throw invoiceFailuresAfterCommit.pop();
    }
    return ref;
  }

  @Override
  public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    return "{\"sales_invoice\":{\"reference\":\"" + draft.reference() + "\"}}";
  }

  @Override
  public String renderContact(SageContactDraft draft, String idempotencyId) {
    return "{\"contact\":{\"reference\":\"" + draft.reference() + "\"}}";
  }

  @Override
  public SageDocumentBalance salesInvoice(SageConnection sage, String id) {
    return balance(id);
  }

  @Override
  public SageDocumentBalance salesCreditNote(SageConnection sage, String id) {
    return balance(id);
  }

  private SageDocumentBalance balance(String id) {
    SageDocumentBalance b = balances.get(id);
    if (b == null) {
      throw new PermanentGatewayException(
          "sage", "fetch", 404, null, ErrorClass.NOT_FOUND, "no document " + id, null, null);
    }
    return b;
  }

  @Override
  public SageRef createSalesCreditNote(
      SageConnection sage, SageCreditNoteDraft draft, String idem) {
    if (!creditNoteFailures.isEmpty()) {
      throw creditNoteFailures.pop();
    }
    SageRef ref = creditNotesByIdempotencyId.get(idem);
    if (ref == null) {
      createdCreditNotes.add(draft);
      ref = new SageRef(hexId(), "SCN-" + createdCreditNotes.size());
      creditNotesByIdempotencyId.put(idem, ref);
      balances.put(
          ref.id(),
          new SageDocumentBalance(
              ref.id(),
              ref.displayedAs(),
              draft.contactId(),
              draft.currencyId(),
              draft.exchangeRate(),
              draft.expectedTotal(),
              draft.expectedTotal(),
              "UNPAID"));
    }
    return ref;
  }

  @Override
  public String renderSalesCreditNote(SageCreditNoteDraft draft, String idempotencyId) {
    return "{\"sales_credit_note\":{\"reference\":\"" + draft.reference() + "\"}}";
  }

  @Override
  public SageRef createContactPayment(
      SageConnection sage, SageContactPaymentDraft draft, String idem) {
    if (!paymentFailures.isEmpty()) {
      throw paymentFailures.pop();
    }
    SageRef ref = paymentsByIdempotencyId.get(idem);
    if (ref == null) {
      createdPayments.add(draft);
      ref = new SageRef(hexId(), draft.transactionTypeId() + " " + draft.totalAmount());
      paymentsByIdempotencyId.put(idem, ref);
      payments.put(
          ref.id(), new SagePayment(ref.id(), draft.bankAccountId(), draft.paymentMethodId()));
      for (SageAllocation a : draft.allocations()) {
        settle(a.artefactId(), a.amount());
      }
    }
    return ref;
  }

  @Override
  public String renderContactPayment(SageContactPaymentDraft draft, String idempotencyId) {
    return "{\"contact_payment\":{\"transaction_type_id\":\""
        + draft.transactionTypeId()
        + "\",\"total_amount\":\""
        + draft.totalAmount()
        + "\"}}";
  }

  @Override
  public SagePayment contactPayment(SageConnection sage, String id) {
    SagePayment p = payments.get(id);
    if (p == null) {
      throw new PermanentGatewayException(
          "sage", "fetch", 404, null, ErrorClass.NOT_FOUND, "no payment " + id, null, null);
    }
    return p;
  }

  @Override
  public Optional<SageRef> createContactAllocation(
      SageConnection sage, SageContactAllocationDraft draft, String idem) {
    if (!allocationFailures.isEmpty()) {
      throw allocationFailures.pop();
    }
    if (!allocationsAvailable) {
      return Optional.empty();
    }
    SageRef ref = allocationsByIdempotencyId.get(idem);
    if (ref == null) {
      createdAllocations.add(draft);
      ref = new SageRef(hexId(), "allocation " + createdAllocations.size());
      allocationsByIdempotencyId.put(idem, ref);
      for (SageAllocation a : draft.allocations()) {
        settle(a.artefactId(), a.amount().abs());
      }
    }
    return Optional.of(ref);
  }

  @Override
  public String renderContactAllocation(SageContactAllocationDraft draft, String idempotencyId) {
    return "{\"contact_allocation\":{\"contact_id\":\"" + draft.contactId() + "\"}}";
  }

  /** Reduces a document's outstanding amount by {@code amount}. */
  private void settle(String documentId, BigDecimal amount) {
    SageDocumentBalance b = balances.get(documentId);
    if (b == null) {
      return;
    }
    BigDecimal left = b.outstandingAmount().subtract(amount);
    balances.put(
        documentId,
        new SageDocumentBalance(
            b.id(),
            b.displayedAs(),
            b.contactId(),
            b.currencyId(),
            b.exchangeRate(),
            b.totalAmount(),
            left,
            left.signum() == 0 ? "PAID" : "PART_PAID"));
  }

  // ---- catalogue: products, services, stock items and stock movements ----

  /** A product, service or stock item the fake business holds. */
  public static final class FakeCatalogItem {
    public final String id;
    public final CatalogItemKind kind;
    public SageCatalogItemDraft draft;
    public BigDecimal quantityInStock = BigDecimal.ZERO;

    FakeCatalogItem(String id, CatalogItemKind kind, SageCatalogItemDraft draft) {
      this.id = id;
      this.kind = kind;
      this.draft = draft;
    }
  }

  /** Every item by Sage id, in creation order. */
  public final Map<String, FakeCatalogItem> catalogItems = new LinkedHashMap<>();

  public final List<SageCatalogItemDraft> createdCatalogItems = new ArrayList<>();
  public final Map<String, SageRef> catalogItemsByIdempotencyId = new HashMap<>();

  /** Item updates by Sage id, in order. */
  public final List<Map.Entry<String, SageCatalogItemDraft>> updatedCatalogItems =
      new ArrayList<>();

  public final List<SageStockMovementDraft> createdStockMovements = new ArrayList<>();
  public final Map<String, SageRef> stockMovementsByIdempotencyId = new HashMap<>();

  /** Failures thrown by the next item create or update, before anything changes. */
  public final Deque<GatewayException> catalogFailures = new ArrayDeque<>();

  /** Failures thrown by the next stock movement, before it is made. */
  public final Deque<GatewayException> stockMovementFailures = new ArrayDeque<>();

  /** Failures thrown by the next stock movement after it was made (its answer lost). */
  public final Deque<GatewayException> stockMovementFailuresAfterCommit = new ArrayDeque<>();

  /**
   * False: the business's edition has no inventory (Sage Accounting Standard): every stock item and
   * stock movement call fails permanently, naming the edition, as the Sage adapter reports it.
   */
  public boolean inventoryAvailable = true;

  /** The price (rate) type id of each kind; a kind without one has no active type. */
  public final Map<CatalogItemKind, String> priceTypeIds =
      new EnumMap<>(
          Map.of(
              CatalogItemKind.PRODUCT, "price-type-sales",
              CatalogItemKind.STOCK_ITEM, "price-type-sales",
              CatalogItemKind.SERVICE, "rate-type-rate"));

  public int priceTypeReads;
  public int stockLevelReads;

  /** An item the business already has (made by hand, or by a run whose answer was lost). */
  public FakeCatalogItem addCatalogItem(SageCatalogItemDraft draft) {
    FakeCatalogItem item = new FakeCatalogItem(hexId(), draft.kind(), draft);
    catalogItems.put(item.id, item);
    return item;
  }

  @Override
  public Optional<String> salesPriceTypeId(SageConnection sage, CatalogItemKind kind) {
    priceTypeReads++;
    return Optional.ofNullable(priceTypeIds.get(kind));
  }

  @Override
  public SageRef createCatalogItem(
      SageConnection sage, SageCatalogItemDraft draft, String idempotencyId) {
    if (draft.kind() == CatalogItemKind.STOCK_ITEM) {
      requireInventory("create_stock_item");
    }
    if (!catalogFailures.isEmpty()) {
      throw catalogFailures.pop();
    }
    SageRef ref = catalogItemsByIdempotencyId.get(idempotencyId);
    if (ref != null) {
      return ref;
    }
    for (FakeCatalogItem other : catalogItems.values()) {
      if (other.draft.itemCode().equalsIgnoreCase(draft.itemCode())) {
        throw new PermanentGatewayException(
            "sage",
            "create_" + draft.kind().code(),
            422,
            null,
            ErrorClass.VALIDATION,
            "Sage rejected "
                + draft.kind().code()
                + ": RecordInvalid: Item code has already been"
                + " taken (source: item_code)",
            null,
            null);
      }
    }
    createdCatalogItems.add(draft);
    FakeCatalogItem item = addCatalogItem(draft);
    ref = new SageRef(item.id, draft.description());
    catalogItemsByIdempotencyId.put(idempotencyId, ref);
    return ref;
  }

  @Override
  public String renderCatalogItem(SageCatalogItemDraft draft, String idempotencyId) {
    return "{\""
        + draft.kind().code()
        + "\":"
        + draft
        + ",\"idempotency_id\":\""
        + idempotencyId
        + "\"}";
  }

  @Override
  public SageRef updateCatalogItem(SageConnection sage, String id, SageCatalogItemDraft draft) {
    if (draft.kind() == CatalogItemKind.STOCK_ITEM) {
      requireInventory("update_stock_item");
    }
    if (!catalogFailures.isEmpty()) {
      throw catalogFailures.pop();
    }
    FakeCatalogItem item = catalogItems.get(id);
    if (item == null || item.kind != draft.kind()) {
      throw new PermanentGatewayException(
          "sage",
          "update_" + draft.kind().code(),
          404,
          null,
          ErrorClass.NOT_FOUND,
          "no " + draft.kind().label() + " " + id,
          null,
          null);
    }
    updatedCatalogItems.add(Map.entry(id, draft));
    item.draft = draft;
    return new SageRef(id, draft.description());
  }

  /** Every field the real body carries, so a digest of it changes when any of them does. */
  @Override
  public String renderCatalogItemUpdate(SageCatalogItemDraft draft) {
    return "{\"" + draft.kind().code() + "\":" + draft + "}";
  }

  @Override
  public Optional<SageCatalogItem> findCatalogItem(SageConnection sage, String itemCode) {
    return catalogItems.values().stream()
        .filter(i -> i.draft.itemCode().equalsIgnoreCase(itemCode))
        .findFirst()
        .map(
            i ->
                new SageCatalogItem(
                    i.id, i.kind, i.draft.itemCode(), i.draft.notes(), i.draft.description()));
  }

  @Override
  public BigDecimal stockItemQuantity(SageConnection sage, String stockItemId) {
    requireInventory("fetch_stock_item");
    stockLevelReads++;
    FakeCatalogItem item = catalogItems.get(stockItemId);
    if (item == null || item.kind != CatalogItemKind.STOCK_ITEM) {
      throw new PermanentGatewayException(
          "sage",
          "fetch_stock_item",
          404,
          null,
          ErrorClass.NOT_FOUND,
          "no stock item " + stockItemId,
          null,
          null);
    }
    return item.quantityInStock;
  }

  @Override
  public SageRef createStockMovement(
      SageConnection sage, SageStockMovementDraft draft, String idempotencyId) {
    requireInventory("create_stock_movement");
    if (!stockMovementFailures.isEmpty()) {
      throw stockMovementFailures.pop();
    }
    SageRef ref = stockMovementsByIdempotencyId.get(idempotencyId);
    if (ref == null) {
      FakeCatalogItem item = catalogItems.get(draft.stockItemId());
      BigDecimal after = item.quantityInStock.add(draft.quantity());
      if (after.signum() < 0) {
        throw new PermanentGatewayException(
            "sage",
            "create_stock_movement",
            422,
            null,
            ErrorClass.VALIDATION,
            "You cannot make this stock adjustment as you do not have enough stock.",
            null,
            null);
      }
      item.quantityInStock = after;
      createdStockMovements.add(draft);
      ref = new SageRef(hexId(), draft.details() + " (Ref: " + draft.reference() + ")");
      stockMovementsByIdempotencyId.put(idempotencyId, ref);
    }
    if (!stockMovementFailuresAfterCommit.isEmpty()) {
      throw stockMovementFailuresAfterCommit.pop();
    }
    return ref;
  }

  @Override
  public String renderStockMovement(SageStockMovementDraft draft, String idempotencyId) {
    return "{\"stock_movement\":" + draft + ",\"idempotency_id\":\"" + idempotencyId + "\"}";
  }

  private void requireInventory(String operation) {
    if (!inventoryAvailable) {
      throw new PermanentGatewayException(
          "sage",
          operation,
          403,
          null,
          ErrorClass.VALIDATION,
          "Sage Accounting Standard has no inventory: stock items and stock movements are Sage"
              + " Accounting Plus only",
          null,
          null);
    }
  }

  /** Tenants whose tokens {@link #keepAlive} refreshed, in order. */
  public final List<String> keptAlive = new ArrayList<>();

  /** The connections {@link #keepAlive} refreshed, in order. */
  public final List<SageConnection> keptAliveConnections = new ArrayList<>();

  /** Failures {@link #keepAlive} throws first, in order. */
  public final Deque<GatewayException> keepAliveFailures = new ArrayDeque<>();

  @Override
  public void keepAlive(SageConnection sage) {
    if (!keepAliveFailures.isEmpty()) {
      throw keepAliveFailures.pop();
    }
    keptAlive.add(sage.tenantId());
    keptAliveConnections.add(sage);
  }

  public ReferenceData referenceData;

  /** Failures {@link #fetchReferenceData} throws first, in order. */
  public final Deque<GatewayException> referenceFailures = new ArrayDeque<>();

  public int referenceFetches;

  @Override
  public ReferenceData fetchReferenceData(SageConnection sage, Instant now) {
    referenceFetches++;
    if (!referenceFailures.isEmpty()) {
      throw referenceFailures.pop();
    }
    if (referenceData == null) {
      throw new IllegalStateException("no reference data scripted");
    }
    return referenceData;
  }

  private String hexId() {
    return String.format("%032x", ++seq);
  }
}
