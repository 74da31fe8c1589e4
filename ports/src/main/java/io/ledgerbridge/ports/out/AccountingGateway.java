package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.reference.ReferenceData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Sage Business Cloud Accounting. Failures are {@link
 * io.ledgerbridge.core.failure.GatewayException}s classified into the product's error classes; the
 * gateway never retries a POST on its own.
 */
public interface AccountingGateway {

  /** A customer contact with exactly this reference, if Sage has one. */
  Optional<SageRef> findContactByReference(SageConnection sage, String reference);

  SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId);

  SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createSalesInvoice} would send (for attempts and previews). */
  String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createContact} would send (for previews). */
  String renderContact(SageContactDraft draft, String idempotencyId);

  /**
   * Updates what Sage shows of a contact ({@code PUT /contacts/{id}}): name, email, telephone,
   * contact person and addresses. Its reference and currency stay as they are.
   *
   * @throws io.ledgerbridge.core.failure.GatewayException {@code not_found} when Sage has no such
   *     contact (deleted there)
   */
  SageRef updateContact(SageConnection sage, String contactId, SageContactDraft draft);

  /** The exact JSON body {@link #updateContact} would send (for digests and previews). */
  String renderContactUpdate(SageContactDraft draft);

  /**
   * The price type a product's or stock item's sales price is sent as ({@code GET
   * /product_sales_price_types}), or for a service the rate type ({@code GET /service_rate_types}):
   * the first active one Sage lists ("Sales Price" and "Rate" in a new business). Empty when the
   * business has none active. Adapters may remember the answer for a while.
   */
  Optional<String> salesPriceTypeId(SageConnection sage, CatalogItemKind kind);

  /**
   * Creates a product, service or stock item ({@code POST /products}, {@code /services}, {@code
   * /stock_items}, by the draft's kind).
   *
   * @throws io.ledgerbridge.core.failure.GatewayException {@code validation} when Sage refuses it
   *     (an item code already taken, HTTP 422), or, permanent and naming the edition, when the
   *     business's Sage edition has no such items (stock items are Accounting Plus only; products
   *     and services cannot be written on Start)
   */
  SageRef createCatalogItem(SageConnection sage, SageCatalogItemDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createCatalogItem} would send (for attempts and previews). */
  String renderCatalogItem(SageCatalogItemDraft draft, String idempotencyId);

  /**
   * Updates what Sage shows of a product, service or stock item ({@code PUT /<kind>s/{id}}):
   * description, item code, notes, ledger accounts, tax rate, cost and sales price. Never its stock
   * level, which only stock movements change.
   */
  SageRef updateCatalogItem(SageConnection sage, String id, SageCatalogItemDraft draft);

  /** The exact JSON body {@link #updateCatalogItem} would send (for digests and previews). */
  String renderCatalogItemUpdate(SageCatalogItemDraft draft);

  /**
   * The product, stock item or service whose item code is exactly {@code itemCode} (ignoring case,
   * as Sage compares them), if the business has one.
   */
  Optional<SageCatalogItem> findCatalogItem(SageConnection sage, String itemCode);

  /**
   * A stock item's {@code quantity_in_stock} now ({@code GET /stock_items/{id}}).
   *
   * @throws io.ledgerbridge.core.failure.GatewayException permanent and naming the edition when the
   *     business's Sage edition has no inventory
   */
  BigDecimal stockItemQuantity(SageConnection sage, String stockItemId);

  /**
   * Moves a stock item's level ({@code POST /stock_movements}).
   *
   * @throws io.ledgerbridge.core.failure.GatewayException {@code validation} when Sage refuses it
   *     (e.g. it would take the level below zero); permanent and naming the edition when the
   *     business's Sage edition has no inventory
   */
  SageRef createStockMovement(
      SageConnection sage, SageStockMovementDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createStockMovement} would send. */
  String renderStockMovement(SageStockMovementDraft draft, String idempotencyId);

  /** A sales invoice as Sage reports it now ({@code GET /sales_invoices/{id}}). */
  SageDocumentBalance salesInvoice(SageConnection sage, String id);

  /** A sales credit note as Sage reports it now ({@code GET /sales_credit_notes/{id}}). */
  SageDocumentBalance salesCreditNote(SageConnection sage, String id);

  SageRef createSalesCreditNote(
      SageConnection sage, SageCreditNoteDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createSalesCreditNote} would send. */
  String renderSalesCreditNote(SageCreditNoteDraft draft, String idempotencyId);

  /** A customer receipt or refund ({@code POST /contact_payments}). */
  SageRef createContactPayment(
      SageConnection sage, SageContactPaymentDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createContactPayment} would send. */
  String renderContactPayment(SageContactPaymentDraft draft, String idempotencyId);

  /** A contact payment as Sage reports it ({@code GET /contact_payments/{id}}). */
  SagePayment contactPayment(SageConnection sage, String id);

  /**
   * Sets documents of one contact against each other ({@code POST /contact_allocations}).
   *
   * @return empty when the business's Sage edition offers no allocations (Sage Start): nothing was
   *     created and nothing will be on a retry
   */
  Optional<SageRef> createContactAllocation(
      SageConnection sage, SageContactAllocationDraft draft, String idempotencyId);

  /** The exact JSON body {@link #createContactAllocation} would send. */
  String renderContactAllocation(SageContactAllocationDraft draft, String idempotencyId);

  /**
   * Fetches the reference data the chassis caches (tax rates with percentages, ledger accounts
   * visible in sales and in expenses, bank accounts, currencies, financial settings), following
   * Sage's {@code $items} paging.
   */
  ReferenceData fetchReferenceData(SageConnection sage, Instant now);

  /**
   * Refreshes the connection's tokens now, even if its access token is still valid: Sage lets a
   * refresh token expire after 31 days unused, so an idle binding is kept alive this way.
   *
   * @throws io.ledgerbridge.core.failure.ConnectionRevokedException if Sage refused the refresh
   *     token
   */
  void keepAlive(SageConnection sage);

  /** Which Sage, which business, which OAuth client. {@code toString} hides the secret. */
  /**
   * Which Sage business, with which OAuth client; {@code exchanges} is told of every call made with
   * this connection ({@link ExchangeLog#NONE} outside a sync attempt).
   */
  record SageConnection(
      String tenantId,
      String apiUrl,
      String tokenUrl,
      String businessId,
      String clientId,
      String clientSecret,
      ExchangeLog exchanges) {

    public SageConnection {
      exchanges = exchanges == null ? ExchangeLog.NONE : exchanges;
    }

    /** A connection whose calls are not logged. */
    public SageConnection(
        String tenantId,
        String apiUrl,
        String tokenUrl,
        String businessId,
        String clientId,
        String clientSecret) {
      this(tenantId, apiUrl, tokenUrl, businessId, clientId, clientSecret, ExchangeLog.NONE);
    }

    /** The same connection, its calls told to {@code log}. */
    public SageConnection withExchanges(ExchangeLog log) {
      return new SageConnection(
          tenantId, apiUrl, tokenUrl, businessId, clientId, clientSecret, log);
    }

    @Override
    public String toString() {
      return "SageConnection[" + tenantId + " business " + businessId + " @ " + apiUrl + "]";
    }
  }

  /** A Sage entity: its 32-hex id and what Sage displays (e.g. {@code SI-3}). */
  record SageRef(String id, String displayedAs) {}

  /**
   * A product, stock item or service as Sage lists it.
   *
   * @param notes its notes (where a shortened item code keeps the full store SKU), or null
   */
  record SageCatalogItem(
      String id, CatalogItemKind kind, String itemCode, String notes, String displayedAs) {}

  /** A contact payment: where its money went and how it was paid. */
  record SagePayment(String id, String bankAccountId, String paymentMethodId) {}
}
