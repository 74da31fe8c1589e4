package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.product.ItemCodes;
import io.ledgerbridge.core.product.ProductTranslation;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageCatalogItem;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.StoreGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code product.upserted} → the product's Sage product, service or stock item (PRODUCT §1).
 *
 * <ol>
 *   <li>Fetch the canonical product ({@code GET /product/{id}}) and plan it ({@link
 *       ProductSyncPlanner}): skipped by the policy or its type, invalid (its kind changed), or the
 *       item to write.
 *   <li>A product without a Sage item gets one, created once with an idempotency id derived from
 *       the run; its cross-references are recorded under the product id and under the SKU ({@link
 *       ProductSyncPlanner#PRODUCT_SKU_ENTITY}), with the digest of the update body. Should Sage
 *       refuse it because the item code is taken, the item holding the code decides: the same SKU
 *       (an item created before its answer was lost) is taken over and brought up to date, another
 *       SKU fails the run naming both.
 *   <li>A product with a Sage item gets {@code PUT} only when the digest of the update body changed
 *       since the last one sent: an unchanged product costs no Sage write.
 *   <li>Stock, for a stock item whose stock the policy and the store manage: Sage's {@code
 *       quantity_in_stock} is read and one stock movement of the difference to the store's absolute
 *       quantity is posted (none when equal), so repeats and reordered events converge. Its
 *       idempotency id is derived from the run and both levels, so a retry after a lost answer
 *       reads the moved level and posts nothing more.
 * </ol>
 *
 * The store is told the item's Sage id and its item code. The reconciliation sweep's {@code
 * product.reconciled} runs apply this handler again: a product the store no longer has is skipped
 * ({@code entity_not_in_store}), and a run that sent nothing tells the store nothing.
 */
public final class ProductUpsertedHandler implements SyncEventHandler {
  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ProductSyncPlanner planner;
  private final Clock clock;

  public ProductUpsertedHandler(
      StoreGateway store, AccountingGateway sage, EntityXrefRepository xrefs, Clock clock) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.planner = new ProductSyncPlanner(xrefs, sage);
    this.clock = clock;
  }

  @Override
  public EventType event() {
    return EventType.PRODUCT_UPSERTED;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    String[] sent = new String[1];
    try {
      CanonicalProduct product;
      try {
        product = store.fetchProduct(ctx.store(), ctx.run().storeEntityId());
      } catch (GatewayException e) {
        if (!ctx.run().event().fromStore() && e.errorClass() == ErrorClass.NOT_FOUND) {
          // the sweep looked again at a product the store has deleted since: nothing to follow
          return new SyncOutcome.Skipped(
              SkipReason.ENTITY_NOT_IN_STORE,
              "the store no longer has product " + ctx.run().storeEntityId());
        }
        throw e;
      }
      ProductSyncPlanner.Plan plan = planner.plan(ctx.tenantId(), product, ctx.policy());
      if (plan.translation() instanceof ProductTranslation.Skip s) {
        return new SyncOutcome.Skipped(s.reason(), s.explanation());
      }
      if (plan.translation() instanceof ProductTranslation.Invalid i) {
        return new SyncOutcome.Invalid(
            i.message()
                + plan.existing()
                    .map(x -> " (Sage " + x.kind() + " " + x.sageId() + ")")
                    .orElse(""));
      }
      ProductTranslation.Item item = (ProductTranslation.Item) plan.translation();
      ctx.gate().beforeSageCall();
      ProductSyncPlanner.Write write =
          planner.write(plan, item, sage.salesPriceTypeId(ctx.sage(), item.kind()).orElse(null));
      SageCatalogItemDraft draft = write.draft();
      List<String> parts = new ArrayList<>();
      EntityXref xref;
      if (plan.existing().isPresent()) {
        xref = plan.existing().get();
        parts.add(update(ctx, xref, write, sent));
      } else {
        Creation created = create(ctx, product, write, sent);
        if (created instanceof Refused r) {
          return r.outcome();
        }
        xref = ((Created) created).xref();
        parts.add(((Created) created).detail());
      }
      recordSku(ctx, product, xref);
      if (item.stockTarget() != null) {
        parts.add(reconcileStock(ctx, product, xref, draft, item.stockTarget(), sent));
      }
      for (String w : item.warnings()) {
        parts.add("warning: " + w);
      }
      String detail = String.join("; ", parts) + (sent[0] == null ? " (nothing sent)" : "");
      return new SyncOutcome.Posted(
          xref.sageId(), draft.itemCode(), detail, sent[0], sent[0] != null);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), sent[0]);
    }
  }

  /** What creating the item came to. */
  private sealed interface Creation permits Created, Refused {}

  /** The item is in Sage and cross-referenced. */
  private record Created(EntityXref xref, String detail) implements Creation {}

  /** The item code belongs to another SKU's item, or to this SKU's item of another kind. */
  private record Refused(SyncOutcome.Invalid outcome) implements Creation {}

  /** Creates the item, or takes over this SKU's item Sage already has. */
  private Creation create(
      SyncContext ctx, CanonicalProduct product, ProductSyncPlanner.Write write, String[] sent) {
    SageCatalogItemDraft draft = write.draft();
    String idem =
        ProductSyncPlanner.creationIdempotencyId(draft.kind(), product.magentoId(), ctx.run().id());
    String label = draft.kind().label() + " " + draft.itemCode();
    try {
      ctx.gate().beforeSageCall();
      sent[0] = sage.renderCatalogItem(draft, idem);
      SageRef ref = sage.createCatalogItem(ctx.sage(), draft, idem);
      EntityXref xref = record(ctx, product, draft, ref.id());
      if (xref.sageId().equals(ref.id())) {
        xrefs.recordSentDigest(
            xref.tenantId(),
            xref.storeEntityType(),
            xref.storeEntityKey(),
            xref.kind(),
            write.digest());
      }
      return new Created(xref, "created " + label + " (" + ref.id() + ")");
    } catch (PermanentGatewayException e) {
      if (e.errorClass() != ErrorClass.VALIDATION
          || (e.httpStatus() != 400 && e.httpStatus() != 422)) {
        throw e;
      }
      ctx.gate().beforeSageCall();
      Optional<SageCatalogItem> holder = sage.findCatalogItem(ctx.sage(), draft.itemCode());
      if (holder.isEmpty()) {
        throw e;
      }
      SageCatalogItem h = holder.get();
      String holderSku = ItemCodes.skuOf(h.itemCode(), h.notes()).orElse(h.itemCode());
      if (!product.sku().equals(holderSku)) {
        return new Refused(
            new SyncOutcome.Invalid(
                "item code '"
                    + draft.itemCode()
                    + "' of SKU '"
                    + product.sku()
                    + "' (product "
                    + product.magentoId()
                    + ") is already taken in Sage by the "
                    + h.kind().label()
                    + " '"
                    + h.displayedAs()
                    + "' of SKU '"
                    + holderSku
                    + "' ("
                    + h.id()
                    + "): item codes are unique in a Sage business. Give one of the products another"
                    + " SKU, or change the item code of that Sage item, then retry the run"));
      }
      if (h.kind() != draft.kind()) {
        return new Refused(
            new SyncOutcome.Invalid(
                "Sage already has a "
                    + h.kind().label()
                    + " with item code '"
                    + h.itemCode()
                    + "' for SKU '"
                    + product.sku()
                    + "' ("
                    + h.id()
                    + "), but product "
                    + product.magentoId()
                    + " is now synced as a "
                    + draft.kind().label()
                    + "; Sage cannot turn one kind of item into another, so nothing is created"));
      }
      // this SKU's item, made by an earlier run whose answer was lost: take it over and send what
      // it should show (no digest of it is known)
      EntityXref xref = record(ctx, product, draft, h.id());
      String updated =
          update(
              ctx,
              xref,
              new ProductSyncPlanner.Write(draft, write.updateBody(), write.digest(), false),
              sent);
      return new Created(xref, "found " + label + " in Sage (" + h.id() + "); " + updated);
    }
  }

  /** PUTs the item unless its update body is the one last sent; returns the detail. */
  private String update(
      SyncContext ctx, EntityXref xref, ProductSyncPlanner.Write write, String[] sent) {
    SageCatalogItemDraft draft = write.draft();
    String label = draft.kind().label() + " " + draft.itemCode();
    if (write.unchanged()) {
      return label + " unchanged";
    }
    ctx.gate().beforeSageCall();
    sent[0] = write.updateBody();
    sage.updateCatalogItem(ctx.sage(), xref.sageId(), draft);
    xrefs.recordSentDigest(
        xref.tenantId(),
        xref.storeEntityType(),
        xref.storeEntityKey(),
        xref.kind(),
        write.digest());
    return "updated " + label + " (" + xref.sageId() + ")";
  }

  /** One movement of the difference between Sage's level and {@code target}; returns the detail. */
  private String reconcileStock(
      SyncContext ctx,
      CanonicalProduct product,
      EntityXref xref,
      SageCatalogItemDraft draft,
      BigDecimal target,
      String[] sent) {
    ctx.gate().beforeSageCall();
    BigDecimal current = Amounts.quantity(sage.stockItemQuantity(ctx.sage(), xref.sageId()));
    Optional<SageStockMovementDraft> planned =
        ProductSyncPlanner.movement(
            xref.sageId(),
            current,
            target,
            draft,
            product.magentoId(),
            ctx.run().id(),
            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    if (planned.isEmpty()) {
      return "stock already " + target.toPlainString();
    }
    SageStockMovementDraft movement = planned.get();
    String idem =
        ProductSyncPlanner.movementIdempotencyId(
            product.magentoId(), current, target, ctx.run().id());
    ctx.gate().beforeSageCall();
    sent[0] = sage.renderStockMovement(movement, idem);
    sage.createStockMovement(ctx.sage(), movement, idem);
    String signed =
        (movement.quantity().signum() > 0 ? "+" : "") + movement.quantity().toPlainString();
    return "stock "
        + current.toPlainString()
        + " → "
        + target.toPlainString()
        + " (movement "
        + signed
        + ", "
        + movement.reference()
        + ")";
  }

  /** The product's cross-reference to {@code sageId} (the one already there, if any). */
  private EntityXref record(
      SyncContext ctx, CanonicalProduct product, SageCatalogItemDraft draft, String sageId) {
    return xrefs.record(
        new EntityXref(
            ctx.tenantId(),
            ProductSyncPlanner.PRODUCT_ENTITY,
            Long.toString(product.magentoId()),
            draft.kind().code(),
            sageId,
            draft.itemCode(),
            clock.instant()));
  }

  /** The cross-reference by SKU that invoice lines look the item up by (kept if already there). */
  private void recordSku(SyncContext ctx, CanonicalProduct product, EntityXref xref) {
    if (xrefs
        .find(ctx.tenantId(), ProductSyncPlanner.PRODUCT_SKU_ENTITY, product.sku(), xref.kind())
        .isEmpty()) {
      xrefs.record(
          new EntityXref(
              ctx.tenantId(),
              ProductSyncPlanner.PRODUCT_SKU_ENTITY,
              product.sku(),
              xref.kind(),
              xref.sageId(),
              xref.sageReference(),
              clock.instant()));
    }
  }
}
