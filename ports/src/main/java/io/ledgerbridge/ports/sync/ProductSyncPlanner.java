package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.ProductTranslation;
import io.ledgerbridge.core.product.ProductTranslator;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.product.StockReconciliation;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans a {@code product.upserted} the same way for the worker and the preview, without calling
 * Sage: finds the Sage item the product already has (its cross-reference under {@value
 * #PRODUCT_ENTITY}, kind {@code product}, {@code service} or {@code stock_item}), translates the
 * product with {@link ProductTranslator} knowing that kind, and, once the caller knows the price
 * type Sage keeps the sales price under, tells whether the item needs writing: a new item is
 * created; a known one is updated only when the digest of its update body differs from the one last
 * sent (kept on its cross-reference). The stock movement that brings a stock item to the store's
 * quantity comes from {@link #movement}.
 *
 * <p>Cross-references of a synced product, both with the item's kind and Sage id:
 *
 * <ul>
 *   <li>{@value #PRODUCT_ENTITY}, keyed by the store product id as text ({@code 42}): the product's
 *       own, which also keeps the digest of what was last sent;
 *   <li>{@value #PRODUCT_SKU_ENTITY}, keyed by the SKU: so that invoice and credit-note lines,
 *       which carry SKUs and not product ids, find the Sage item of their product.
 * </ul>
 */
public final class ProductSyncPlanner {
  /** The cross-reference entity of a product's Sage item, keyed by the store product id. */
  public static final String PRODUCT_ENTITY = "product";

  /**
   * The cross-reference entity of a product's Sage item, keyed by the product's SKU: the one the
   * invoice and credit-memo lines read ({@link SageItemXrefs}).
   */
  public static final String PRODUCT_SKU_ENTITY = SageItemXrefs.PRODUCT_SKU_ENTITY;

  private final EntityXrefRepository xrefs;
  private final AccountingGateway renderer;

  /**
   * @param renderer renders update bodies (for their digests); nothing is sent through it here
   */
  public ProductSyncPlanner(EntityXrefRepository xrefs, AccountingGateway renderer) {
    this.xrefs = xrefs;
    this.renderer = renderer;
  }

  /**
   * What a product comes to.
   *
   * @param existing the product's Sage item from an earlier run, if any
   */
  public record Plan(
      CanonicalProduct product, ProductTranslation translation, Optional<EntityXref> existing) {
    public Plan {
      Objects.requireNonNull(product, "product");
      Objects.requireNonNull(translation, "translation");
      Objects.requireNonNull(existing, "existing");
    }
  }

  /**
   * The item's write.
   *
   * @param draft the item with its price type
   * @param updateBody what {@code PUT} sends (and whose digest is kept)
   * @param unchanged the item is known and its last update body was this one: nothing to send
   */
  public record Write(
      SageCatalogItemDraft draft, String updateBody, String digest, boolean unchanged) {}

  public Plan plan(String tenantId, CanonicalProduct product, SyncPolicy policy) {
    Optional<EntityXref> existing =
        xrefs.findAll(tenantId, PRODUCT_ENTITY, Long.toString(product.magentoId())).stream()
            .filter(x -> CatalogItemKind.fromCode(x.kind()).isPresent())
            .findFirst();
    CatalogItemKind kind = existing.flatMap(x -> CatalogItemKind.fromCode(x.kind())).orElse(null);
    return new Plan(product, ProductTranslator.translate(product, policy, kind), existing);
  }

  /**
   * The write of {@code item} (the translation of {@code plan}) with its sales price under {@code
   * salesPriceTypeId} (null: Sage has no active price type; no price is sent).
   */
  public Write write(Plan plan, ProductTranslation.Item item, String salesPriceTypeId) {
    SageCatalogItemDraft draft = item.draft().withSalesPriceTypeId(salesPriceTypeId);
    String body = renderer.renderCatalogItemUpdate(draft);
    String digest = ContactResolver.digest(body);
    boolean unchanged =
        plan.existing()
            .flatMap(
                x ->
                    xrefs.sentDigest(
                        x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind()))
            .map(digest::equals)
            .orElse(false);
    return new Write(draft, body, digest, unchanged);
  }

  /**
   * The movement that brings stock item {@code stockItemId} from {@code current} to {@code target},
   * or empty when they are equal; reference {@code M<product id>-<run>} ({@link
   * StockReconciliation}).
   */
  public static Optional<SageStockMovementDraft> movement(
      String stockItemId,
      BigDecimal current,
      BigDecimal target,
      SageCatalogItemDraft item,
      long productId,
      UUID runId,
      LocalDate date) {
    return StockReconciliation.difference(current, target)
        .map(q -> StockReconciliation.movement(stockItemId, date, q, item, productId, runId));
  }

  /**
   * The idempotency id of the movement from {@code current} to {@code target} in run {@code runId}:
   * a retry after a lost answer reads the level the movement reached and asks for no other.
   */
  public static String movementIdempotencyId(
      long productId, BigDecimal current, BigDecimal target, UUID runId) {
    return IdempotencyIds.forRun(
        "stock_movement:"
            + productId
            + ":"
            + current.toPlainString()
            + ">"
            + target.toPlainString(),
        runId);
  }

  /** The idempotency id of the item's creation in run {@code runId}. */
  public static String creationIdempotencyId(CatalogItemKind kind, long productId, UUID runId) {
    return IdempotencyIds.forRun(kind.code() + ":" + productId, runId);
  }
}
