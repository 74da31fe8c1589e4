package io.ledgerbridge.core.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalogue product as the store reports it from {@code GET /V1/byte8/product/:id} (WIRE §3.7).
 * Amounts and the quantity are exact decimals as sent (the store's PHP floats); absent keys are
 * null.
 *
 * @param magentoId the product id
 * @param sku the product's SKU
 * @param name the product name as stored (may hold HTML entities such as {@code &trade;})
 * @param productType Magento's {@code type_id} verbatim ({@code simple}, {@code virtual}, {@code
 *     configurable}, ...)
 * @param price the regular price; null when the store has none (composite parents)
 * @param specialPrice the special price whatever its dates (the dates are not on the wire)
 * @param cost the cost attribute; null when not set
 * @param weight null when not set
 * @param stockQty the default stock item's quantity; null without a stock item (or a null qty)
 * @param manageStock whether the stock item is managed; false without a stock item
 * @param taxClass the product's tax class id as a string ({@code "2"}); null when empty
 * @param websiteIds the websites the product is assigned to, possibly empty
 * @param createdAt null when the store omitted it
 * @param updatedAt null when the store omitted it
 */
public record CanonicalProduct(
    long magentoId,
    String sku,
    String name,
    String productType,
    BigDecimal price,
    BigDecimal specialPrice,
    BigDecimal cost,
    BigDecimal weight,
    BigDecimal stockQty,
    boolean manageStock,
    String taxClass,
    List<Integer> websiteIds,
    Instant createdAt,
    Instant updatedAt) {

  /** Magento's product type codes the chassis knows. */
  public static final String SIMPLE = "simple";

  public static final String VIRTUAL = "virtual";
  public static final String DOWNLOADABLE = "downloadable";
  public static final String CONFIGURABLE = "configurable";
  public static final String BUNDLE = "bundle";
  public static final String GROUPED = "grouped";

  public CanonicalProduct {
    if (magentoId <= 0) {
      throw new IllegalArgumentException("magento_id must be positive: " + magentoId);
    }
    Objects.requireNonNull(sku, "sku");
    if (sku.isBlank()) {
      throw new IllegalArgumentException("sku must not be blank");
    }
    name = name == null ? "" : name;
    Objects.requireNonNull(productType, "product_type");
    taxClass = taxClass == null || taxClass.isEmpty() ? null : taxClass;
    websiteIds = websiteIds == null ? List.of() : List.copyOf(websiteIds);
  }

  /** The stock quantity, when the store reports one. */
  public Optional<BigDecimal> stock() {
    return Optional.ofNullable(stockQty);
  }
}
