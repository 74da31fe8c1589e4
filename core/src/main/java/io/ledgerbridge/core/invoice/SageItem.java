package io.ledgerbridge.core.invoice;

import java.util.Objects;

/**
 * The Sage catalogue record a store item is kept as (SAGE §2.6): a non-stock product, a service or
 * a stock item, by its Sage id. A sales line names a product or a stock item by {@code product_id}
 * (in Sage a stock item is a product: {@code GET /products} lists both) and a service by {@code
 * service_id}.
 */
public record SageItem(Kind kind, String sageId) {

  /** Sage's catalogue item types ({@code GET /catalog_item_types}). */
  public enum Kind {
    /** A non-stock product ({@code PRODUCT}, "Non-stock"). */
    PRODUCT,
    /** A service ({@code SERVICE}). */
    SERVICE,
    /** A stock item ({@code STOCK_ITEM}, "Stock"): a product whose stock Sage keeps. */
    STOCK_ITEM;

    /** True when a line names this kind by {@code product_id}, false for {@code service_id}. */
    public boolean isProductOnALine() {
      return this != SERVICE;
    }
  }

  public SageItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sageId, "sageId");
    if (sageId.isBlank()) {
      throw new IllegalArgumentException("sageId must not be blank");
    }
  }
}
