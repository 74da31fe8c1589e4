package io.ledgerbridge.core.invoice;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Sage items of a document's lines, by the store SKU (exactly as the line carries it). A line
 * whose SKU is here names its item ({@code product_id} or {@code service_id}); any other line stays
 * free text (description, ledger account, tax). Built by the caller from its cross-references, so
 * translation stays pure.
 */
public record SageItems(Map<String, SageItem> bySku) {

  /** No line names an item: every line is free text. */
  public static final SageItems NONE = new SageItems(Map.of());

  public SageItems {
    bySku = Map.copyOf(Objects.requireNonNull(bySku, "bySku"));
  }

  /** The item the store SKU is kept as in Sage, if any. */
  public Optional<SageItem> forSku(String sku) {
    return sku == null ? Optional.empty() : Optional.ofNullable(bySku.get(sku));
  }
}
