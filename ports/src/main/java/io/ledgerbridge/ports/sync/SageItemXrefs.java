package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.invoice.SageItem;
import io.ledgerbridge.core.invoice.SageItems;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Sage items a document's lines name, read from the cross-references {@code product.upserted}
 * records when it creates a store product in Sage: entity type {@value #PRODUCT_SKU_ENTITY}, key
 * the store SKU exactly as an invoice or credit-memo line carries it, kind {@value #PRODUCT_KIND},
 * {@value #SERVICE_KIND} or {@value #STOCK_ITEM_KIND}, Sage id the item's. The planners hand the
 * result to the translators, so the worker and the preview name the same items.
 *
 * <p>One {@link EntityXrefRepository#findAllOf} for all the SKUs of the document. A SKU with
 * several item kinds (a product that became a stock item when stock sync was turned on) names the
 * one recorded last; equal times prefer a stock item, then a product, then a service, so the choice
 * is deterministic. Other kinds under the same key are ignored.
 *
 * <p>A SKU whose item is a <b>stock item</b> stays free text on the line. The store is the stock
 * master: {@code product.upserted} sets Sage's quantity to the store's absolute quantity, which
 * already counts the sale, so an invoice line moving Sage's stock again would count it twice, and
 * Sage would refuse the invoice that sells the last unit ("not enough stock") for good. Products
 * and services move no stock and are named.
 */
public final class SageItemXrefs {
  /** Store entity type of the SKU cross-references. */
  public static final String PRODUCT_SKU_ENTITY = "product_sku";

  /** Kind of a SKU kept as a non-stock product ({@code POST /products}). */
  public static final String PRODUCT_KIND = "product";

  /** Kind of a SKU kept as a service ({@code POST /services}). */
  public static final String SERVICE_KIND = "service";

  /** Kind of a SKU kept as a stock item ({@code POST /stock_items}). */
  public static final String STOCK_ITEM_KIND = "stock_item";

  /** Preference among kinds recorded at the same instant: earlier wins. */
  private static final List<String> PREFERENCE =
      List.of(STOCK_ITEM_KIND, PRODUCT_KIND, SERVICE_KIND);

  private SageItemXrefs() {}

  /** The Sage items of {@code lines}' SKUs; lines without one are simply not in the result. */
  static SageItems forLines(
      EntityXrefRepository xrefs, String tenantId, List<CanonicalLine> lines) {
    Set<String> skus = skus(lines);
    if (skus.isEmpty()) {
      return SageItems.NONE;
    }
    return fromKnown(xrefs.findAllOf(tenantId, PRODUCT_SKU_ENTITY, skus), skus);
  }

  /** The SKUs of {@code lines}, in line order, each once; lines without one are left out. */
  static Set<String> skus(List<CanonicalLine> lines) {
    Set<String> skus = new LinkedHashSet<>();
    for (CanonicalLine line : lines) {
      if (!line.sku().isBlank()) {
        skus.add(line.sku());
      }
    }
    return skus;
  }

  /**
   * The Sage items of {@code skus} (as {@link #skus} gives them), from cross-references already
   * read: {@code known} holds at least every cross-reference of those SKUs; others are ignored.
   */
  static SageItems fromKnown(List<EntityXref> known, Set<String> skus) {
    Map<String, List<EntityXref>> found = new HashMap<>();
    for (EntityXref x : known) {
      if (x.storeEntityType().equals(PRODUCT_SKU_ENTITY) && skus.contains(x.storeEntityKey())) {
        found.computeIfAbsent(x.storeEntityKey(), k -> new ArrayList<>()).add(x);
      }
    }
    Map<String, SageItem> bySku = new LinkedHashMap<>();
    for (String sku : skus) {
      item(found.getOrDefault(sku, List.of())).ifPresent(i -> bySku.put(sku, i));
    }
    return bySku.isEmpty() ? SageItems.NONE : new SageItems(bySku);
  }

  /** The item one SKU's cross-references name, if any. */
  static Optional<SageItem> item(List<EntityXref> skuXrefs) {
    return skuXrefs.stream()
        .filter(x -> kind(x.kind()).isPresent() && x.sageId() != null && !x.sageId().isBlank())
        .max(
            Comparator.comparing(
                    EntityXref::createdAt,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .thenComparing(
                    Comparator.comparingInt((EntityXref x) -> PREFERENCE.indexOf(x.kind()))
                        .reversed()))
        .map(x -> new SageItem(kind(x.kind()).orElseThrow(), x.sageId()))
        .filter(i -> i.kind() != SageItem.Kind.STOCK_ITEM);
  }

  /** The item kind of a cross-reference kind, or empty for a kind that is not an item. */
  static Optional<SageItem.Kind> kind(String xrefKind) {
    if (xrefKind == null) {
      return Optional.empty();
    }
    return switch (xrefKind) {
      case PRODUCT_KIND -> Optional.of(SageItem.Kind.PRODUCT);
      case SERVICE_KIND -> Optional.of(SageItem.Kind.SERVICE);
      case STOCK_ITEM_KIND -> Optional.of(SageItem.Kind.STOCK_ITEM);
      default -> Optional.empty();
    };
  }
}
