package io.ledgerbridge.core.tax;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * EU goods/services types for cross-border lines (SAGE §5: {@code GOODS}, {@code SERVICES}). Store
 * product types map as PRODUCT §2 fixes them: simple, configurable, bundle, grouped are goods;
 * virtual and downloadable are services, unless the policy's {@code product_type_eu_goods_map} says
 * otherwise; anything else (or no type) takes the policy default. All lines of one document share
 * one type: a mix is coerced to the policy default.
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

  /** The type of one store product type under the PRODUCT §2 default map. */
  public static String forProductType(String productType, String defaultType) {
    return forProductType(productType, BY_PRODUCT_TYPE, defaultType);
  }

  /**
   * The type of one store product type under {@code productTypeMap} (the policy's {@code
   * product_type_eu_goods_map}, lower-case keys); unknown or null types get {@code defaultType}.
   */
  public static String forProductType(
      String productType, Map<String, String> productTypeMap, String defaultType) {
    Objects.requireNonNull(defaultType, "defaultType");
    Objects.requireNonNull(productTypeMap, "productTypeMap");
    if (productType == null) {
      return defaultType;
    }
    return productTypeMap.getOrDefault(productType.trim().toLowerCase(Locale.ROOT), defaultType);
  }

  /** {@link #forDocument(Collection, Map, String)} under the PRODUCT §2 default map. */
  public static String forDocument(Collection<String> productTypes, String defaultType) {
    return forDocument(productTypes, BY_PRODUCT_TYPE, defaultType);
  }

  /**
   * The one type for a whole document: the lines' common type, or {@code defaultType} when they mix
   * (or there are none).
   */
  public static String forDocument(
      Collection<String> productTypes, Map<String, String> productTypeMap, String defaultType) {
    String common = null;
    for (String productType : productTypes) {
      String t = forProductType(productType, productTypeMap, defaultType);
      if (common == null) {
        common = t;
      } else if (!common.equals(t)) {
        return defaultType;
      }
    }
    return common == null ? defaultType : common;
  }

  /** {@link #isMixed(Collection, Map, String)} under the PRODUCT §2 default map. */
  public static boolean isMixed(Collection<String> productTypes, String defaultType) {
    return isMixed(productTypes, BY_PRODUCT_TYPE, defaultType);
  }

  /** True when the lines' types are not all the same. */
  public static boolean isMixed(
      Collection<String> productTypes, Map<String, String> productTypeMap, String defaultType) {
    return productTypes.stream()
            .map(t -> forProductType(t, productTypeMap, defaultType))
            .distinct()
            .count()
        > 1;
  }
}
