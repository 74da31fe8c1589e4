package io.ledgerbridge.core.tax;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * EU goods/services types for cross-border lines (SAGE §5: {@code GOODS}, {@code SERVICES}). Store
 * product types map as PRODUCT §2 fixes them: simple, configurable, bundle, grouped are goods;
 * virtual and downloadable are services; anything else (or no type) takes the policy default. All
 * lines of one document share one type: a mix is coerced to the policy default.
 */
public final class EuGoodsServices {

  public static final String GOODS = "GOODS";
  public static final String SERVICES = "SERVICES";

  /** Warning code recorded when a document's lines mix goods and services. */
  public static final String MIXED_COERCED_TO_DEFAULT =
      "mixed_eu_goods_services_coerced_to_default";

  private static final Map<String, String> BY_PRODUCT_TYPE =
      Map.of(
          "simple", GOODS,
          "configurable", GOODS,
          "bundle", GOODS,
          "grouped", GOODS,
          "virtual", SERVICES,
          "downloadable", SERVICES);

  private EuGoodsServices() {}

  /** The type of one store product type; unknown or null types get {@code defaultType}. */
  public static String forProductType(String productType, String defaultType) {
    Objects.requireNonNull(defaultType, "defaultType");
    if (productType == null) {
      return defaultType;
    }
    return BY_PRODUCT_TYPE.getOrDefault(productType.trim().toLowerCase(Locale.ROOT), defaultType);
  }

  /**
   * The one type for a whole document: the lines' common type, or {@code defaultType} when they
   * mix (or there are none).
   */
  public static String forDocument(Collection<String> productTypes, String defaultType) {
    String common = null;
    for (String productType : productTypes) {
      String t = forProductType(productType, defaultType);
      if (common == null) {
        common = t;
      } else if (!common.equals(t)) {
        return defaultType;
      }
    }
    return common == null ? defaultType : common;
  }

  /** True when the lines' types are not all the same. */
  public static boolean isMixed(Collection<String> productTypes, String defaultType) {
    return productTypes.stream()
            .map(t -> forProductType(t, defaultType))
            .distinct()
            .count()
        > 1;
  }
}
