package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WIRE §3.7 as the module's serializer writes it, onto the domain record. */
class CanonicalProductJsonTest {

  /**
   * A PHP json_encode body: integer literals for whole floats, escaped slashes, {@code \\u}
   * escapes, the tax class id as a string.
   */
  static final String STOCKED =
      "{\"magento_id\":42,\"sku\":\"WB\\/01\",\"name\":\"Lumaflex&trade; Bottle \\u00e9\","
          + "\"product_type\":\"simple\",\"price\":12.5,\"special_price\":9.99,\"cost\":4,"
          + "\"weight\":0.75,\"stock_qty\":100,\"manage_stock\":true,\"tax_class\":\"2\","
          + "\"website_ids\":[1,3],\"created_at\":\"2026-11-01T10:00:00Z\","
          + "\"updated_at\":\"2026-12-01T09:30:00Z\"}";

  /** A configurable parent: no price, no stock item (manage_stock false), no tax class. */
  static final String PARENT =
      "{\"magento_id\":7,\"sku\":\"TEE\",\"name\":\"Tee\",\"product_type\":\"configurable\","
          + "\"manage_stock\":false,\"website_ids\":[]}";

  @Test
  void mapsEveryKeyOfAStockedSimpleProduct() {
    CanonicalProduct p = CanonicalJson.product(STOCKED);

    assertThat(p.magentoId()).isEqualTo(42);
    assertThat(p.sku()).isEqualTo("WB/01");
    assertThat(p.name()).isEqualTo("Lumaflex&trade; Bottle \u00e9");
    assertThat(p.productType()).isEqualTo("simple");
    assertThat(p.price()).isEqualTo(new BigDecimal("12.5"));
    assertThat(p.specialPrice()).isEqualTo(new BigDecimal("9.99"));
    assertThat(p.cost()).isEqualByComparingTo("4");
    assertThat(p.weight()).isEqualTo(new BigDecimal("0.75"));
    assertThat(p.stockQty()).isEqualByComparingTo("100");
    assertThat(p.manageStock()).isTrue();
    assertThat(p.taxClass()).isEqualTo("2");
    assertThat(p.websiteIds()).containsExactly(1, 3);
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    assertThat(p.updatedAt()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
  }

  @Test
  void omittedNullableKeysAreNull() {
    CanonicalProduct p = CanonicalJson.product(PARENT);

    assertThat(p.price()).isNull();
    assertThat(p.specialPrice()).isNull();
    assertThat(p.cost()).isNull();
    assertThat(p.weight()).isNull();
    assertThat(p.stockQty()).isNull();
    assertThat(p.stock()).isEmpty();
    assertThat(p.manageStock()).isFalse();
    assertThat(p.taxClass()).isNull();
    assertThat(p.websiteIds()).isEmpty();
    assertThat(p.createdAt()).isNull();
  }

  @Test
  void aFractionalOrNegativeQuantityIsKeptExactly() {
    CanonicalProduct p =
        CanonicalJson.product(STOCKED.replace("\"stock_qty\":100", "\"stock_qty\":-2.5"));

    assertThat(p.stockQty()).isEqualTo(new BigDecimal("-2.5"));
  }

  @Test
  void theAlwaysPresentKeysAreRequired() {
    assertThatThrownBy(() -> CanonicalJson.product(PARENT.replace(",\"manage_stock\":false", "")))
        .hasMessageContaining("manage_stock is missing");
    assertThatThrownBy(() -> CanonicalJson.product(PARENT.replace(",\"website_ids\":[]", "")))
        .hasMessageContaining("website_ids is missing");
    assertThatThrownBy(() -> CanonicalJson.product(PARENT.replace("\"sku\":\"TEE\",", "")))
        .hasMessageContaining("sku is missing");
  }

  @Test
  void wrongTypesAreRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> CanonicalJson.product(STOCKED.replace("\"tax_class\":\"2\"", "\"tax_class\":2")))
        .hasMessageContaining("tax_class must be a string");
    assertThatThrownBy(
            () ->
                CanonicalJson.product(
                    STOCKED.replace("\"website_ids\":[1,3]", "\"website_ids\":[\"1\"]")))
        .hasMessageContaining("website_ids[] must be integers");
    assertThatThrownBy(
            () ->
                CanonicalJson.product(
                    STOCKED.replace("\"manage_stock\":true", "\"manage_stock\":1")))
        .hasMessageContaining("manage_stock must be true or false");
    assertThatThrownBy(
            () -> CanonicalJson.product(PARENT.replace("\"magento_id\":7", "\"magento_id\":0")))
        .hasMessageContaining("product rejected by domain validation");
  }

  @Test
  void theAdapterParsesAProductForThePreview() {
    assertThat(MagentoAdapter.parseCanonicalProduct(PARENT).productType())
        .isEqualTo("configurable");
    assertThatThrownBy(() -> MagentoAdapter.parseCanonicalProduct("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a canonical product");
  }
}
