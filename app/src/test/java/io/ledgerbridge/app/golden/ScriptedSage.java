package io.ledgerbridge.app.golden;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.ledgerbridge.ports.out.AccountingGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The Sage a golden case sees: every body rendered by the real Sage adapter, and the documents and
 * payments of {@code context.json} ({@code sage_documents}: {@code id}, {@code displayed_as},
 * {@code contact_id}, {@code currency}, {@code exchange_rate}, {@code total}, {@code outstanding},
 * {@code status}; {@code sage_payments}: {@code id}, {@code bank_account_id}, {@code
 * payment_method_id}; {@code sales_price_type_ids}: by kind ({@code product}, also for stock items,
 * and {@code service}), null for a business without one, defaulting to {@link #SALES_PRICE_TYPE}
 * and {@link #SERVICE_RATE_TYPE}; {@code sage_stock_levels}: stock item id to its {@code
 * quantity_in_stock}) answering the preview's GETs. Nothing is ever written.
 */
final class ScriptedSage implements AccountingGateway {
  /** The sales price type a case's business has unless {@code context.json} says otherwise. */
  static final String SALES_PRICE_TYPE = "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e";

  /** The service rate type a case's business has unless {@code context.json} says otherwise. */
  static final String SERVICE_RATE_TYPE = "7a7e7a7e7a7e7a7e7a7e7a7e7a7e7a7e";

  private final AccountingGateway renderer;
  private final JsonNode context;

  ScriptedSage(AccountingGateway renderer, JsonNode context) {
    this.renderer = renderer;
    this.context = context;
  }

  @Override
  public SageDocumentBalance salesInvoice(SageConnection sage, String id) {
    return document(id);
  }

  @Override
  public SageDocumentBalance salesCreditNote(SageConnection sage, String id) {
    return document(id);
  }

  private SageDocumentBalance document(String id) {
    for (JsonNode d : context.path("sage_documents")) {
      if (d.path("id").asText().equals(id)) {
        return new SageDocumentBalance(
            id,
            d.path("displayed_as").asText(),
            d.path("contact_id").asText(),
            d.path("currency").asText(null),
            d.hasNonNull("exchange_rate") ? new BigDecimal(d.get("exchange_rate").asText()) : null,
            new BigDecimal(d.path("total").asText()),
            new BigDecimal(d.path("outstanding").asText()),
            d.path("status").asText(null));
      }
    }
    throw new IllegalStateException("context.json has no sage_documents entry " + id);
  }

  @Override
  public SagePayment contactPayment(SageConnection sage, String id) {
    for (JsonNode p : context.path("sage_payments")) {
      if (p.path("id").asText().equals(id)) {
        return new SagePayment(
            id, p.path("bank_account_id").asText(), p.path("payment_method_id").asText(null));
      }
    }
    throw new IllegalStateException("context.json has no sage_payments entry " + id);
  }

  @Override
  public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    return renderer.renderSalesInvoice(draft, idempotencyId);
  }

  @Override
  public String renderContact(SageContactDraft draft, String idempotencyId) {
    return renderer.renderContact(draft, idempotencyId);
  }

  @Override
  public SageRef updateContact(SageConnection sage, String contactId, SageContactDraft draft) {
    throw new UnsupportedOperationException("golden cases render; they do not update contacts");
  }

  @Override
  public String renderContactUpdate(SageContactDraft draft) {
    return renderer.renderContactUpdate(draft);
  }

  @Override
  public String renderSalesCreditNote(SageCreditNoteDraft draft, String idempotencyId) {
    return renderer.renderSalesCreditNote(draft, idempotencyId);
  }

  @Override
  public String renderContactPayment(SageContactPaymentDraft draft, String idempotencyId) {
    return renderer.renderContactPayment(draft, idempotencyId);
  }

  @Override
  public String renderContactAllocation(SageContactAllocationDraft draft, String idempotencyId) {
    return renderer.renderContactAllocation(draft, idempotencyId);
  }

  @Override
  public String renderCatalogItem(SageCatalogItemDraft draft, String idempotencyId) {
    return renderer.renderCatalogItem(draft, idempotencyId);
  }

  @Override
  public String renderCatalogItemUpdate(SageCatalogItemDraft draft) {
    return renderer.renderCatalogItemUpdate(draft);
  }

  @Override
  public String renderStockMovement(SageStockMovementDraft draft, String idempotencyId) {
    return renderer.renderStockMovement(draft, idempotencyId);
  }

  @Override
  public Optional<String> salesPriceTypeId(SageConnection sage, CatalogItemKind kind) {
    String key = kind == CatalogItemKind.SERVICE ? "service" : "product";
    JsonNode types = context.path("sales_price_type_ids");
    if (types.has(key)) {
      return Optional.ofNullable(types.get(key).isNull() ? null : types.get(key).asText());
    }
    return Optional.of(kind == CatalogItemKind.SERVICE ? SERVICE_RATE_TYPE : SALES_PRICE_TYPE);
  }

  @Override
  public SageRef createCatalogItem(SageConnection sage, SageCatalogItemDraft draft, String idem) {
    throw writeOrLookup();
  }

  @Override
  public SageRef updateCatalogItem(SageConnection sage, String id, SageCatalogItemDraft draft) {
    throw writeOrLookup();
  }

  @Override
  public Optional<SageCatalogItem> findCatalogItem(SageConnection sage, String itemCode) {
    throw writeOrLookup();
  }

  @Override
  public java.math.BigDecimal stockItemQuantity(SageConnection sage, String stockItemId) {
    JsonNode level = context.path("sage_stock_levels").get(stockItemId);
    if (level == null) {
      throw new IllegalStateException("context.json has no sage_stock_levels entry " + stockItemId);
    }
    return new BigDecimal(level.asText());
  }

  @Override
  public SageRef createStockMovement(
      SageConnection sage, SageStockMovementDraft draft, String idem) {
    throw writeOrLookup();
  }

  @Override
  public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
    throw writeOrLookup();
  }

  @Override
  public SageRef createContact(SageConnection sage, SageContactDraft draft, String idem) {
    throw writeOrLookup();
  }

  @Override
  public SageRef createSalesInvoice(SageConnection sage, SageInvoiceDraft draft, String idem) {
    throw writeOrLookup();
  }

  @Override
  public SageRef createSalesCreditNote(SageConnection sage, SageCreditNoteDraft d, String idem) {
    throw writeOrLookup();
  }

  @Override
  public SageRef createContactPayment(SageConnection sage, SageContactPaymentDraft d, String idem) {
    throw writeOrLookup();
  }

  @Override
  public Optional<SageRef> createContactAllocation(
      SageConnection sage, SageContactAllocationDraft draft, String idem) {
    throw writeOrLookup();
  }

  @Override
  public ReferenceData fetchReferenceData(SageConnection sage, Instant now) {
    throw writeOrLookup();
  }

  @Override
  public void keepAlive(SageConnection sage) {
    throw writeOrLookup();
  }

  private static AssertionError writeOrLookup() {
    return new AssertionError("the preview must not write to Sage or search it");
  }
}
