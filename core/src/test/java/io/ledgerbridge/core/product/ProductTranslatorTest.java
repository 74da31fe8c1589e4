package io.ledgerbridge.core.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProductTranslatorTest {

  private static SyncPolicy policy(boolean products, boolean stock) {
    return SyncPolicy.defaults("L4000")
        .withBehaviour(
            new SyncPolicy.SyncBehaviour(true, true, null, Set.of(), Set.of(), products, stock))
        .withMappings(
            new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", null, "L5000", "GB_ZERO"));
  }

  private static CanonicalProduct product(String type, String qty, boolean managed) {
    return new CanonicalProduct(
        42,
        "WB-01",
        "Lumaflex&trade; Water  Bottle",
        type,
        new BigDecimal("12.5"),
        new BigDecimal("9.99"),
        new BigDecimal("4.125"),
        new BigDecimal("0.5"),
        qty == null ? null : new BigDecimal(qty),
        managed,
        "2",
        List.of(1),
        null,
        null);
  }

  private static ProductTranslation.Item item(ProductTranslation t) {
    assertThat(t).isInstanceOf(ProductTranslation.Item.class);
    return (ProductTranslation.Item) t;
  }

  private static ProductTranslation.Skip skip(ProductTranslation t) {
    assertThat(t).isInstanceOf(ProductTranslation.Skip.class);
    return (ProductTranslation.Skip) t;
  }

  @Test
  void withoutSyncProductsEveryProductIsSkipped() {
    for (String type : List.of("simple", "virtual", "configurable")) {
      ProductTranslation.Skip s =
          skip(ProductTranslator.translate(product(type, "5", true), policy(false, false), null));
      assertThat(s.reason()).isEqualTo(SkipReason.PRODUCTS_NOT_SYNCED);
      assertThat(s.explanation()).contains("sync_products");
    }
  }

  @Nested
  class Kinds {
    @Test
    void aSimpleProductWithManagedStockIsAStockItemWhenStockSyncs() {
      ProductTranslation.Item i =
          item(ProductTranslator.translate(product("simple", "7", true), policy(true, true), null));

      assertThat(i.kind()).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(i.stockTarget()).isEqualByComparingTo("7");
      assertThat(i.warnings()).isEmpty();
    }

    @Test
    void aSimpleProductIsANonStockProductWithoutStockSyncOrManagedStock() {
      ProductTranslation.Item noSync =
          item(
              ProductTranslator.translate(product("simple", "7", true), policy(true, false), null));
      ProductTranslation.Item unmanaged =
          item(
              ProductTranslator.translate(product("simple", "7", false), policy(true, true), null));

      assertThat(noSync.kind()).isEqualTo(CatalogItemKind.PRODUCT);
      assertThat(unmanaged.kind()).isEqualTo(CatalogItemKind.PRODUCT);
      assertThat(noSync.stockTarget()).isNull();
      assertThat(unmanaged.stockTarget()).isNull();
    }

    @Test
    void virtualAndDownloadableProductsAreServices() {
      for (String type : List.of("virtual", "downloadable")) {
        ProductTranslation.Item i =
            item(ProductTranslator.translate(product(type, "7", true), policy(true, true), null));
        assertThat(i.kind()).as(type).isEqualTo(CatalogItemKind.SERVICE);
        assertThat(i.stockTarget()).isNull();
      }
    }

    @Test
    void compositeAndUnknownTypesAreSkippedAsNotSupported() {
      for (String type : List.of("configurable", "bundle", "grouped", "giftcard")) {
        ProductTranslation.Skip s =
            skip(ProductTranslator.translate(product(type, null, false), policy(true, true), null));
        assertThat(s.reason()).as(type).isEqualTo(SkipReason.PRODUCT_TYPE_NOT_SUPPORTED);
        assertThat(s.reason().code()).isEqualTo("product_type_not_supported");
      }
      assertThat(
              skip(ProductTranslator.translate(
                      product("giftcard", null, false), policy(true, true), null))
                  .explanation())
          .contains("'giftcard'");
      assertThat(
              skip(ProductTranslator.translate(
                      product("configurable", null, false),
                      policy(true, true),
                      CatalogItemKind.PRODUCT))
                  .explanation())
          .contains("its Sage product from before is left as it is");
    }
  }

  @Nested
  class ExistingItems {
    @Test
    void aProductThatBecameAServiceIsInvalidAndNamesBothKinds() {
      ProductTranslation t =
          ProductTranslator.translate(
              product("virtual", null, false), policy(true, true), CatalogItemKind.STOCK_ITEM);

      assertThat(t).isInstanceOf(ProductTranslation.Invalid.class);
      assertThat(((ProductTranslation.Invalid) t).message())
          .contains("synced to Sage as a stock item")
          .contains("'virtual'")
          .contains("as a service")
          .contains("SKU 'WB-01'");
    }

    @Test
    void aServiceThatBecameSimpleIsInvalid() {
      assertThat(
              ProductTranslator.translate(
                  product("simple", "3", true), policy(true, false), CatalogItemKind.SERVICE))
          .isInstanceOf(ProductTranslation.Invalid.class);
    }

    @Test
    void aStockItemStaysOneWhenItsStockIsNoLongerSyncedButItsLevelIsLeftAlone() {
      ProductTranslation.Item i =
          item(
              ProductTranslator.translate(
                  product("simple", "3", true), policy(true, false), CatalogItemKind.STOCK_ITEM));

      assertThat(i.kind()).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(i.stockTarget()).isNull();
      assertThat(i.warnings()).singleElement().asString().contains("sync_stock is off");
    }

    @Test
    void aNonStockProductStaysOneWhenStockSyncIsTurnedOnWithAWarning() {
      ProductTranslation.Item i =
          item(
              ProductTranslator.translate(
                  product("simple", "3", true), policy(true, true), CatalogItemKind.PRODUCT));

      assertThat(i.kind()).isEqualTo(CatalogItemKind.PRODUCT);
      assertThat(i.stockTarget()).isNull();
      assertThat(i.warnings()).singleElement().asString().contains("cannot turn a product");
    }
  }

  @Nested
  class Fields {
    @Test
    void fieldsComeFromTheProductAndThePolicy() {
      SageCatalogItemDraft d =
          item(ProductTranslator.translate(product("simple", "7", true), policy(true, true), null))
              .draft();

      assertThat(d.itemCode()).isEqualTo("WB-01");
      assertThat(d.notes()).isNull();
      assertThat(d.description()).isEqualTo("Lumaflex\u2122 Water Bottle");
      assertThat(d.salesLedgerAccountId()).isEqualTo("L4000");
      assertThat(d.purchaseLedgerAccountId()).isEqualTo("L5000");
      assertThat(d.salesTaxRateId()).isEqualTo("GB_STANDARD");
      assertThat(d.salesPriceTypeId()).isNull();
      assertThat(d.costPrice()).isEqualTo(new BigDecimal("4.13"));
    }

    @Test
    void theSalesPriceIsTheRegularPriceNeverTheSpecialPrice() {
      SageCatalogItemDraft d =
          item(ProductTranslator.translate(product("simple", "7", true), policy(true, true), null))
              .draft();

      assertThat(d.salesPrice()).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void withoutAPriceOrCostNoneIsSent() {
      CanonicalProduct p =
          new CanonicalProduct(
              9,
              "NP",
              "No price",
              "virtual",
              null,
              null,
              null,
              null,
              null,
              false,
              null,
              null,
              null,
              null);

      SageCatalogItemDraft d =
          item(ProductTranslator.translate(p, policy(true, false), null)).draft();

      assertThat(d.salesPrice()).isNull();
      assertThat(d.costPrice()).isNull();
      assertThat(d.salesTaxRateId()).isEqualTo("GB_STANDARD");
    }

    @Test
    void theTaxClassMapsToASageRateElseTheDefault() {
      SyncPolicy p = policy(true, false).withProductTaxClassMap(Map.of("2", "GB_LOWER"));

      assertThat(
              item(ProductTranslator.translate(product("simple", "1", false), p, null))
                  .draft()
                  .salesTaxRateId())
          .isEqualTo("GB_LOWER");
      assertThat(
              item(ProductTranslator.translate(
                      product("simple", "1", false),
                      policy(true, false).withProductTaxClassMap(Map.of("4", "GB_ZERO")),
                      null))
                  .draft()
                  .salesTaxRateId())
          .isEqualTo("GB_STANDARD");
    }

    @Test
    void aLongSkuGetsAShortStockItemCodeWithTheFullSkuInTheNotes() {
      String sku = "LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE";
      CanonicalProduct p =
          new CanonicalProduct(
              43,
              sku,
              "Bottle",
              "simple",
              BigDecimal.TEN,
              null,
              null,
              null,
              BigDecimal.ONE,
              true,
              "2",
              List.of(1),
              null,
              null);

      SageCatalogItemDraft stock =
          item(ProductTranslator.translate(p, policy(true, true), null)).draft();
      SageCatalogItemDraft nonStock =
          item(ProductTranslator.translate(p, policy(true, false), null)).draft();

      assertThat(stock.itemCode()).hasSize(30).isEqualTo(ItemCodes.forSku(sku, 30));
      assertThat(stock.notes()).isEqualTo("Magento SKU: " + sku);
      assertThat(nonStock.itemCode()).isEqualTo(sku);
      assertThat(nonStock.notes()).isNull();
    }

    @Test
    void aBlankNameFallsBackToTheSku() {
      CanonicalProduct p =
          new CanonicalProduct(
              44,
              "BLANK-1",
              " &nbsp; ",
              "virtual",
              BigDecimal.ONE,
              null,
              null,
              null,
              null,
              false,
              null,
              null,
              null,
              null);

      assertThat(
              item(ProductTranslator.translate(p, policy(true, false), null)).draft().description())
          .isEqualTo("BLANK-1");
    }

    @Test
    void goodsNeedAPurchaseLedgerButAServiceDoesNot() {
      SyncPolicy noPurchase =
          policy(true, false)
              .withMappings(
                  new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", null, null, "GB_ZERO"));

      ProductTranslation goods =
          ProductTranslator.translate(product("simple", "1", false), noPurchase, null);
      ProductTranslation service =
          ProductTranslator.translate(product("virtual", null, false), noPurchase, null);

      assertThat(goods).isInstanceOf(ProductTranslation.Invalid.class);
      assertThat(((ProductTranslation.Invalid) goods).message())
          .contains("default_purchase_ledger_account_id");
      assertThat(item(service).draft().purchaseLedgerAccountId()).isNull();
    }
  }

  @Nested
  class Stock {
    @Test
    void aNegativeStoreQuantityIsClampedToZeroWithAWarning() {
      ProductTranslation.Item i =
          item(
              ProductTranslator.translate(product("simple", "-3", true), policy(true, true), null));

      assertThat(i.stockTarget()).isEqualByComparingTo("0");
      assertThat(i.warnings()).singleElement().asString().contains("-3").contains("below zero");
    }

    @Test
    void aManagedProductWithoutAQuantityLeavesTheLevelAlone() {
      ProductTranslation.Item i =
          item(
              ProductTranslator.translate(product("simple", null, true), policy(true, true), null));

      assertThat(i.kind()).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(i.stockTarget()).isNull();
      assertThat(i.warnings()).singleElement().asString().contains("no stock quantity");
    }

    @Test
    void theStoreQuantityIsTakenWithoutTrailingZeros() {
      ProductTranslation.Item i =
          item(
              ProductTranslator.translate(
                  product("simple", "12.5000", true), policy(true, true), null));

      assertThat(i.stockTarget()).isEqualTo(new BigDecimal("12.5"));
    }
  }
}
