package io.ledgerbridge.ports.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.ItemCodes;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway.FakeCatalogItem;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code product.upserted} on its own: the product's Sage item and stock follow the store. */
class ProductUpsertedHandlerTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final long ID = 42;
  private final MutableClock clock = new MutableClock(T);
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final ProductUpsertedHandler handler =
      new ProductUpsertedHandler(store, sage, xrefs, clock);
  private int sageCalls;

  private SyncContext context(SyncPolicy policy) {
    return context(policy, UUID.randomUUID());
  }

  private SyncContext context(SyncPolicy policy, UUID runId) {
    return context(policy, runId, EventType.PRODUCT_UPSERTED);
  }

  private SyncContext context(SyncPolicy policy, UUID runId, EventType event) {
    return context(policy, runId, event, ID);
  }

  private SyncContext context(SyncPolicy policy, UUID runId, EventType event, long productId) {
    Binding binding =
        new Binding(
            "t1",
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            T);
    SyncRun run = SyncRun.accepted(runId, "t1", event, productId, "k", 1, T).start(T);
    return SyncContext.of(
        run, binding, new BindingSecrets("key", "client", "secret"), policy, () -> sageCalls++);
  }

  private static SyncPolicy policy(boolean products, boolean stock) {
    return SyncPolicy.defaults("L4000")
        .withBehaviour(
            new SyncPolicy.SyncBehaviour(true, true, null, Set.of(), Set.of(), products, stock))
        .withMappings(
            new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", null, "L5000", "GB_ZERO"));
  }

  private static SyncPolicy stockPolicy() {
    return policy(true, true);
  }

  private static CanonicalProduct product(String sku, String type, String price, String qty) {
    return product(sku, type, price, qty, qty != null);
  }

  private static CanonicalProduct product(
      String sku, String type, String price, String qty, boolean managed) {
    return product(ID, sku, type, price, qty, managed);
  }

  private static CanonicalProduct product(
      long id, String sku, String type, String price, String qty, boolean managed) {
    return new CanonicalProduct(
        id,
        sku,
        "Water Bottle",
        type,
        price == null ? null : new BigDecimal(price),
        null,
        new BigDecimal("4.00"),
        null,
        qty == null ? null : new BigDecimal(qty),
        managed,
        "2",
        List.of(1),
        null,
        null);
  }

  private void storeHas(CanonicalProduct p) {
    store.products.put(ID, p);
  }

  private static SyncOutcome.Posted posted(SyncOutcome outcome) {
    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    return (SyncOutcome.Posted) outcome;
  }

  private FakeCatalogItem onlyItem() {
    assertThat(sage.catalogItems).hasSize(1);
    return sage.catalogItems.values().iterator().next();
  }

  @Test
  void handlesTheProductUpsertedEvent() {
    assertThat(handler.event()).isEqualTo(EventType.PRODUCT_UPSERTED);
  }

  @Nested
  class Skips {
    @Test
    void withoutSyncProductsNothingIsSentToSage() {
      storeHas(product("WB-01", "simple", "10.00", "5"));

      SyncOutcome outcome = handler.handle(context(policy(false, false)));

      assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
      assertThat(((SyncOutcome.Skipped) outcome).reason())
          .isEqualTo(SkipReason.PRODUCTS_NOT_SYNCED);
      assertThat(sageCalls).isZero();
      assertThat(sage.catalogItems).isEmpty();
    }

    @Test
    void aConfigurableProductIsSkippedAsNotSupported() {
      storeHas(product("TEE", "configurable", null, null));

      SyncOutcome outcome = handler.handle(context(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
      assertThat(((SyncOutcome.Skipped) outcome).reason())
          .isEqualTo(SkipReason.PRODUCT_TYPE_NOT_SUPPORTED);
      assertThat(sageCalls).isZero();
    }
  }

  @Nested
  class StockItems {
    @Test
    void aManagedSimpleProductBecomesAStockItemHoldingTheStoresQuantityByOneMovement() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      UUID runId = UUID.fromString("0a1b2c3d-0000-4000-8000-000000000000");

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy(), runId)));

      FakeCatalogItem item = onlyItem();
      assertThat(item.kind).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(item.draft.itemCode()).isEqualTo("WB-01");
      assertThat(item.draft.salesPrice()).isEqualTo(new BigDecimal("10.00"));
      assertThat(item.draft.salesPriceTypeId()).isEqualTo("price-type-sales");
      assertThat(item.quantityInStock).isEqualByComparingTo("12");
      SageStockMovementDraft m = sage.createdStockMovements.get(0);
      assertThat(sage.createdStockMovements).hasSize(1);
      assertThat(m.quantity()).isEqualByComparingTo("12");
      assertThat(m.details()).isEqualTo("Store stock sync");
      assertThat(m.reference()).isEqualTo("M42-0a1b2c3d");
      assertThat(m.costPrice()).isEqualByComparingTo("4.00");
      assertThat(m.date()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(p.sageId()).isEqualTo(item.id);
      assertThat(p.sageReference()).isEqualTo("WB-01");
      assertThat(p.detail())
          .isEqualTo(
              "created stock item WB-01 ("
                  + item.id
                  + "); stock 0 → 12 (movement +12, M42-0a1b2c3d)");
      assertThat(p.sentBody()).startsWith("{\"stock_movement\":");
      // price type, create, level, movement: each behind the gate
      assertThat(sageCalls).isEqualTo(4);
    }

    @Test
    void theItemIsCrossReferencedByProductIdAndBySku() {
      storeHas(product("WB-01", "simple", "10.00", "12"));

      handler.handle(context(stockPolicy()));

      String id = onlyItem().id;
      assertThat(xrefs.find("t1", "product", "42", "stock_item"))
          .map(EntityXref::sageId)
          .contains(id);
      assertThat(xrefs.find("t1", "product_sku", "WB-01", "stock_item"))
          .hasValueSatisfying(
              x -> {
                assertThat(x.sageId()).isEqualTo(id);
                assertThat(x.sageReference()).isEqualTo("WB-01");
              });
    }

    @Test
    void theSameProductAgainSendsNothing() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      handler.handle(context(stockPolicy()));
      int calls = sageCalls;

      SyncOutcome.Posted again = posted(handler.handle(context(stockPolicy())));

      assertThat(again.detail())
          .isEqualTo("stock item WB-01 unchanged; stock already 12 (nothing sent)");
      assertThat(again.sentBody()).isNull();
      assertThat(sage.updatedCatalogItems).isEmpty();
      assertThat(sage.createdStockMovements).hasSize(1);
      // only reads: the price type and the level
      assertThat(sageCalls).isEqualTo(calls + 2);
    }

    @Test
    void stockMovedTwiceConvergesOnTheStoresQuantityEitherWay() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      handler.handle(context(stockPolicy()));

      storeHas(product("WB-01", "simple", "10.00", "20"));
      SyncOutcome.Posted up = posted(handler.handle(context(stockPolicy())));
      storeHas(product("WB-01", "simple", "10.00", "4"));
      SyncOutcome.Posted down = posted(handler.handle(context(stockPolicy())));

      assertThat(sage.createdStockMovements)
          .extracting(SageStockMovementDraft::quantity)
          .containsExactly(new BigDecimal("12"), new BigDecimal("8"), new BigDecimal("-16"));
      assertThat(onlyItem().quantityInStock).isEqualByComparingTo("4");
      assertThat(up.detail())
          .isEqualTo(
              "stock item WB-01 unchanged; stock 12 → 20 (movement +8, "
                  + sage.createdStockMovements.get(1).reference()
                  + ")");
      assertThat(down.detail()).contains("stock 20 → 4 (movement -16");
      assertThat(sage.updatedCatalogItems).isEmpty();
    }

    @Test
    void stockSageMovedItselfIsReconciledNotCountedTwice() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      handler.handle(context(stockPolicy()));
      // an invoice posted to Sage took 3 out; the store already counted that sale: 9 there too
      onlyItem().quantityInStock = new BigDecimal("9");
      storeHas(product("WB-01", "simple", "10.00", "9"));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      assertThat(sage.createdStockMovements).hasSize(1);
      assertThat(p.detail()).contains("stock already 9");
    }

    @Test
    void aStoreQuantityBelowZeroIsClampedToZeroWithAWarning() {
      storeHas(product("WB-01", "simple", "10.00", "3"));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01", "simple", "10.00", "-2"));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      assertThat(onlyItem().quantityInStock).isEqualByComparingTo("0");
      assertThat(sage.createdStockMovements.get(1).quantity()).isEqualByComparingTo("-3");
      assertThat(p.detail())
          .contains("stock 3 → 0 (movement -3")
          .contains("warning: stock_below_zero_clamped: the store's quantity -2 is below zero");
    }

    @Test
    void aRetryAfterTheMovementsAnswerWasLostMovesNothingMore() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      UUID runId = UUID.randomUUID();
      sage.stockMovementFailuresAfterCommit.add(
          new TransientGatewayException(
              "sage", "create_stock_movement", 0, null, ErrorClass.HTTP, "timeout", null, null));

      SyncOutcome first = handler.handle(context(stockPolicy(), runId));
      SyncOutcome.Posted retry = posted(handler.handle(context(stockPolicy(), runId)));

      assertThat(first).isInstanceOf(SyncOutcome.Failed.class);
      assertThat(((SyncOutcome.Failed) first).failure().isTransient()).isTrue();
      assertThat(sage.createdCatalogItems).hasSize(1);
      assertThat(sage.createdStockMovements).hasSize(1);
      assertThat(onlyItem().quantityInStock).isEqualByComparingTo("12");
      assertThat(retry.detail()).contains("stock already 12");
    }

    @Test
    void aManagedProductWithoutAQuantityLeavesTheLevelAlone() {
      storeHas(product("WB-01", "simple", "10.00", null, true));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      assertThat(onlyItem().kind).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(sage.stockLevelReads).isZero();
      assertThat(p.detail())
          .contains("warning: stock_quantity_missing: the store reports no stock quantity");
    }

    @Test
    void anEditionWithoutInventoryFailsPermanentlyNamingIt() {
      sage.inventoryAvailable = false;
      storeHas(product("WB-01", "simple", "10.00", "12"));

      SyncOutcome outcome = handler.handle(context(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
      var failure = ((SyncOutcome.Failed) outcome).failure();
      assertThat(failure.isTransient()).isFalse();
      assertThat(failure.message()).contains("Sage Accounting Standard has no inventory");
      assertThat(sage.catalogItems).isEmpty();
      assertThat(xrefs.findAll("t1", "product", "42")).isEmpty();
    }

    @Test
    void aLongSkuGetsAShortItemCodeWithTheFullSkuInTheNotes() {
      String sku = "LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE";
      storeHas(product(sku, "simple", "10.00", "1"));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      FakeCatalogItem item = onlyItem();
      assertThat(item.draft.itemCode()).hasSize(30).isEqualTo(ItemCodes.forSku(sku, 30));
      assertThat(item.draft.notes()).isEqualTo("Magento SKU: " + sku);
      assertThat(p.sageReference()).isEqualTo(item.draft.itemCode());
      // invoice lines carry the full SKU: that is the key they find the item by
      assertThat(xrefs.find("t1", "product_sku", sku, "stock_item")).isPresent();
    }
  }

  @Test
  void invoiceLinesOfTheSkuNameTheProductAndTheServiceButLeaveTheStockItemFreeText() {
    storeHas(product("MUG-01", "simple", "8.00", "5", false));
    handler.handle(context(stockPolicy()));
    String mug = onlyItem().id;
    // the service and the stock item are products 43 and 44
    store.products.put(43L, product(43, "SUPPORT-1Y", "virtual", "99.00", null, false));
    handler.handle(context(stockPolicy(), UUID.randomUUID(), EventType.PRODUCT_UPSERTED, 43));
    store.products.put(44L, product(44, "WB-01", "simple", "10.00", "3", true));
    handler.handle(context(stockPolicy(), UUID.randomUUID(), EventType.PRODUCT_UPSERTED, 44));

    var items =
        SageItemXrefs.forLines(
            xrefs,
            "t1",
            List.of(line("MUG-01"), line("SUPPORT-1Y"), line("WB-01"), line("NOT-SYNCED")));

    assertThat(items.forSku("MUG-01"))
        .contains(
            new io.ledgerbridge.core.invoice.SageItem(
                io.ledgerbridge.core.invoice.SageItem.Kind.PRODUCT, mug));
    assertThat(items.forSku("SUPPORT-1Y").orElseThrow().kind())
        .isEqualTo(io.ledgerbridge.core.invoice.SageItem.Kind.SERVICE);
    assertThat(items.forSku("WB-01")).isEmpty();
    assertThat(items.forSku("NOT-SYNCED")).isEmpty();
  }

  private static io.ledgerbridge.core.canonical.CanonicalLine line(String sku) {
    return new io.ledgerbridge.core.canonical.CanonicalLine(
        sku,
        "x",
        BigDecimal.ONE,
        BigDecimal.TEN,
        BigDecimal.TEN,
        BigDecimal.ZERO,
        BigDecimal.TEN,
        null,
        "simple");
  }

  @Nested
  class ProductsAndServices {
    @Test
    void aSimpleProductWhoseStockIsNotManagedIsANonStockProductWithoutMovements() {
      storeHas(product("WB-01", "simple", "10.00", "7", false));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      assertThat(onlyItem().kind).isEqualTo(CatalogItemKind.PRODUCT);
      assertThat(sage.stockLevelReads).isZero();
      assertThat(sage.createdStockMovements).isEmpty();
      assertThat(p.detail()).startsWith("created product WB-01 (");
      assertThat(xrefs.find("t1", "product", "42", "product")).isPresent();
    }

    @Test
    void aVirtualProductIsAServiceWithItsRateType() {
      storeHas(product("SUPPORT-1Y", "virtual", "99.00", null));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      FakeCatalogItem item = onlyItem();
      assertThat(item.kind).isEqualTo(CatalogItemKind.SERVICE);
      assertThat(item.draft.salesPriceTypeId()).isEqualTo("rate-type-rate");
      assertThat(p.detail()).startsWith("created service SUPPORT-1Y");
      assertThat(xrefs.find("t1", "product_sku", "SUPPORT-1Y", "service")).isPresent();
    }

    @Test
    void aBusinessWithoutAnActivePriceTypeGetsNoSalesPrice() {
      sage.priceTypeIds.remove(CatalogItemKind.PRODUCT);
      storeHas(product("WB-01", "simple", "10.00", null, false));

      handler.handle(context(stockPolicy()));

      assertThat(onlyItem().draft.salesPriceTypeId()).isNull();
    }

    @Test
    void aChangedPriceIsPutOnceThenNothing() {
      storeHas(product("WB-01", "simple", "10.00", null, false));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01", "simple", "11.50", null, false));

      SyncOutcome.Posted changed = posted(handler.handle(context(stockPolicy())));
      SyncOutcome.Posted same = posted(handler.handle(context(stockPolicy())));

      String id = onlyItem().id;
      assertThat(sage.updatedCatalogItems)
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.getKey()).isEqualTo(id);
                assertThat(u.getValue().salesPrice()).isEqualTo(new BigDecimal("11.50"));
              });
      assertThat(changed.detail()).isEqualTo("updated product WB-01 (" + id + ")");
      assertThat(changed.sentBody()).startsWith("{\"product\":");
      assertThat(same.detail()).isEqualTo("product WB-01 unchanged (nothing sent)");
      assertThat(sage.createdCatalogItems).hasSize(1);
    }

    @Test
    void theTaxClassPicksTheSalesTaxRate() {
      storeHas(product("WB-01", "simple", "10.00", null, false));

      handler.handle(context(stockPolicy().withProductTaxClassMap(Map.of("2", "GB_LOWER"))));

      assertThat(onlyItem().draft.salesTaxRateId()).isEqualTo("GB_LOWER");
    }

    @Test
    void aNewSkuIsCrossReferencedTooAndTheItemCodeFollows() {
      storeHas(product("WB-01", "simple", "10.00", null, false));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01-BLUE", "simple", "10.00", null, false));

      handler.handle(context(stockPolicy()));

      String id = onlyItem().id;
      assertThat(onlyItem().draft.itemCode()).isEqualTo("WB-01-BLUE");
      assertThat(xrefs.find("t1", "product_sku", "WB-01-BLUE", "product"))
          .map(EntityXref::sageId)
          .contains(id);
      assertThat(xrefs.find("t1", "product_sku", "WB-01", "product"))
          .map(EntityXref::sageId)
          .contains(id);
    }
  }

  @Nested
  class KindsAndCodes {
    @Test
    void aProductWhoseTypeBecameAServiceFailsWithoutASecondItem() {
      storeHas(product("WB-01", "simple", "10.00", "3"));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01", "virtual", "10.00", null));

      SyncOutcome outcome = handler.handle(context(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Invalid.class);
      assertThat(((SyncOutcome.Invalid) outcome).message())
          .contains("synced to Sage as a stock item")
          .contains("'virtual'")
          .contains("(Sage stock_item " + onlyItem().id + ")");
      assertThat(sage.catalogItems).hasSize(1);
    }

    @Test
    void aStockItemStaysOneWhenStockSyncIsTurnedOffAndItsLevelIsLeftAlone() {
      storeHas(product("WB-01", "simple", "10.00", "3"));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01", "simple", "12.00", "9"));

      SyncOutcome.Posted p = posted(handler.handle(context(policy(true, false))));

      assertThat(onlyItem().kind).isEqualTo(CatalogItemKind.STOCK_ITEM);
      assertThat(onlyItem().draft.salesPrice()).isEqualTo(new BigDecimal("12.00"));
      assertThat(onlyItem().quantityInStock).isEqualByComparingTo("3");
      assertThat(p.detail()).contains("updated stock item WB-01").contains("sync_stock is off");
    }

    @Test
    void anItemCodeTakenByAnotherSkusItemFailsNamingBothSkus() {
      String sku = "LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE";
      FakeCatalogItem other =
          sage.addCatalogItem(
              new SageCatalogItemDraft(
                  CatalogItemKind.STOCK_ITEM,
                  ItemCodes.forSku(sku, 30),
                  "Someone else's bottle",
                  "Magento SKU: OTHER-SKU",
                  "L4000",
                  "L5000",
                  "GB_STANDARD",
                  null,
                  null,
                  null));
      storeHas(product(sku, "simple", "10.00", "1"));

      SyncOutcome outcome = handler.handle(context(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Invalid.class);
      assertThat(((SyncOutcome.Invalid) outcome).message())
          .contains("SKU '" + sku + "'")
          .contains("SKU 'OTHER-SKU'")
          .contains(other.id)
          .contains("already taken");
      assertThat(xrefs.findAll("t1", "product", "42")).isEmpty();
    }

    @Test
    void thisSkusItemAlreadyInSageIsTakenOverAndBroughtUpToDate() {
      FakeCatalogItem earlier =
          sage.addCatalogItem(
              new SageCatalogItemDraft(
                  CatalogItemKind.PRODUCT,
                  "WB-01",
                  "Old name",
                  null,
                  "L4000",
                  "L5000",
                  "GB_STANDARD",
                  null,
                  null,
                  null));
      storeHas(product("WB-01", "simple", "10.00", null, false));

      SyncOutcome.Posted p = posted(handler.handle(context(stockPolicy())));

      assertThat(sage.catalogItems).hasSize(1);
      assertThat(earlier.draft.description()).isEqualTo("Water Bottle");
      assertThat(p.sageId()).isEqualTo(earlier.id);
      assertThat(p.detail())
          .isEqualTo(
              "found product WB-01 in Sage ("
                  + earlier.id
                  + "); updated product WB-01 ("
                  + earlier.id
                  + ")");
      assertThat(xrefs.find("t1", "product", "42", "product")).isPresent();
      // and from then on the no-change rule holds
      assertThat(posted(handler.handle(context(stockPolicy()))).detail())
          .isEqualTo("product WB-01 unchanged (nothing sent)");
    }

    @Test
    void thisSkusItemInSageAsAnotherKindIsNotTakenOver() {
      sage.addCatalogItem(
          new SageCatalogItemDraft(
              CatalogItemKind.SERVICE,
              "WB-01",
              "Old",
              null,
              "L4000",
              null,
              "GB_STANDARD",
              null,
              null,
              null));
      storeHas(product("WB-01", "simple", "10.00", null, false));

      SyncOutcome outcome = handler.handle(context(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Invalid.class);
      assertThat(((SyncOutcome.Invalid) outcome).message())
          .contains("Sage already has a service with item code 'WB-01'");
    }

    @Test
    void anOldPolicyWithoutAPurchaseLedgerIsInvalidBeforeAnySageCall() {
      storeHas(product("WB-01", "simple", "10.00", null, false));
      SyncPolicy old =
          stockPolicy()
              .withMappings(
                  new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", null, null, "GB_ZERO"));

      SyncOutcome outcome = handler.handle(context(old));

      assertThat(outcome).isInstanceOf(SyncOutcome.Invalid.class);
      assertThat(sageCalls).isZero();
    }
  }

  @Nested
  class Reconciliation {
    private SyncContext reconciling(SyncPolicy policy) {
      return context(policy, UUID.randomUUID(), EventType.PRODUCT_RECONCILED);
    }

    @Test
    void aReconciledProductThatIsAsSageHasItWritesNothing() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      assertThat(posted(handler.handle(context(stockPolicy()))).wrote()).isTrue();

      SyncOutcome.Posted same = posted(handler.handle(reconciling(stockPolicy())));

      assertThat(same.wrote()).isFalse();
      assertThat(same.detail()).endsWith("(nothing sent)");
    }

    @Test
    void aReconciledProductWhoseStockMovedPostsTheMovementAndSaysSo() {
      storeHas(product("WB-01", "simple", "10.00", "12"));
      handler.handle(context(stockPolicy()));
      storeHas(product("WB-01", "simple", "10.00", "30"));

      SyncOutcome.Posted moved = posted(handler.handle(reconciling(stockPolicy())));

      assertThat(moved.wrote()).isTrue();
      assertThat(onlyItem().quantityInStock).isEqualByComparingTo("30");
    }

    @Test
    void aProductTheStoreDeletedIsSkippedAsNotInTheStore() {
      SyncOutcome outcome = handler.handle(reconciling(stockPolicy()));

      assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
      assertThat(((SyncOutcome.Skipped) outcome).reason())
          .isEqualTo(SkipReason.ENTITY_NOT_IN_STORE);
      assertThat(sageCalls).isZero();
    }
  }

  @Test
  void aStoreFailureIsAFailureWithNothingSent() {
    SyncOutcome outcome = handler.handle(context(stockPolicy()));

    assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
    assertThat(((SyncOutcome.Failed) outcome).failure().errorClass())
        .isEqualTo(ErrorClass.NOT_FOUND);
    assertThat(sageCalls).isZero();
  }
}
