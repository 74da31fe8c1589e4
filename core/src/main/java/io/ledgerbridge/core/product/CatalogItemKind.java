package io.ledgerbridge.core.product;

import java.util.Optional;

/**
 * The three kinds of Sage catalogue item (SAGE §2.6, {@code GET /catalog_item_types}). The code is
 * also the cross-reference kind of the store product's Sage item ({@code product}, {@code service},
 * {@code stock_item}).
 */
public enum CatalogItemKind {
  /** A non-stock product ({@code POST /products}): item code at most 255 characters. */
  PRODUCT("product", 255),
  /** A service ({@code POST /services}): item code at most 255 characters. */
  SERVICE("service", 255),
  /**
   * A stock item ({@code POST /stock_items}), Sage Accounting Plus only: item code required and at
   * most 30 characters; its level changes only through stock movements.
   */
  STOCK_ITEM("stock_item", 30);

  private final String code;
  private final int maxItemCode;

  CatalogItemKind(String code, int maxItemCode) {
    this.code = code;
    this.maxItemCode = maxItemCode;
  }

  /** {@code product}, {@code service} or {@code stock_item}: the cross-reference kind. */
  public String code() {
    return code;
  }

  /** The longest item code Sage takes for this kind. */
  public int maxItemCode() {
    return maxItemCode;
  }

  /** What Sage calls this kind, for messages ({@code stock item}). */
  public String label() {
    return code.replace('_', ' ');
  }

  /** Products and stock items are goods; a service is not. */
  public boolean isGoods() {
    return this != SERVICE;
  }

  /** The kind with this code, if any. */
  public static Optional<CatalogItemKind> fromCode(String code) {
    for (CatalogItemKind k : values()) {
      if (k.code.equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
