package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.ProductTranslation;
import io.ledgerbridge.core.product.ProductTranslator;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a {@code product.upserted} the same way for the worker and the preview: finds the Sage item
 * the product already has (its cross-reference under {@value #PRODUCT_ENTITY}, kind {@code
 * product}, {@code service} or {@code stock_item}) and translates the product with {@link
 * ProductTranslator} knowing that kind. Reads the chassis database only.
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

  /** The cross-reference entity of a product's Sage item, keyed by the product's SKU. */
  public static final String PRODUCT_SKU_ENTITY = "product_sku";

  private final EntityXrefRepository xrefs;

  public ProductSyncPlanner(EntityXrefRepository xrefs) {
    this.xrefs = xrefs;
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

  public Plan plan(String tenantId, CanonicalProduct product, SyncPolicy policy) {
    Optional<EntityXref> existing =
        xrefs.findAll(tenantId, PRODUCT_ENTITY, Long.toString(product.magentoId())).stream()
            .filter(x -> CatalogItemKind.fromCode(x.kind()).isPresent())
            .findFirst();
    CatalogItemKind kind = existing.flatMap(x -> CatalogItemKind.fromCode(x.kind())).orElse(null);
    return new Plan(product, ProductTranslator.translate(product, policy, kind), existing);
  }
}
