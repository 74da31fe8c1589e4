package io.ledgerbridge.ports.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.InvoiceTranslator;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.invoice.SageItem;
import io.ledgerbridge.core.invoice.SageItems;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.EntityXrefRepository.StoreEntity;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Invoice and credit-note lines name the Sage product, stock item or service that {@code
 * product.upserted} recorded for their SKU ({@code product_sku} cross-references); lines of other
 * SKUs are free text. Through the handlers and planners, on fakes.
 */
class SalesLineItemsTest {
  private static final String TENANT = "t1";
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T);
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final CountingXrefs xrefs = new CountingXrefs();
  private final ContactResolver contacts = new ContactResolver(sage, xrefs, clock);
  private final InvoiceCreatedHandler invoices =
      new InvoiceCreatedHandler(store, sage, xrefs, contacts, clock);
  private final CreditMemoCreatedHandler memos =
      new CreditMemoCreatedHandler(store, sage, xrefs, contacts, clock);

  private static final Binding BINDING =
      new Binding(
          TENANT,
          "http://store.test",
          "http://sage.test/v3.1",
          "http://sage.test/token",
          "b".repeat(32),
          "GB",
          "GBP",
          BindingStatus.ACTIVE,
          T);

  private SyncContext context(EventType event, long entityId) {
    SyncRun run = SyncRun.accepted(UUID.randomUUID(), TENANT, event, entityId, "k", 1, T).start(T);
    return SyncContext.of(
        run,
        BINDING,
        new BindingSecrets("key", "client", "secret"),
        SyncPolicy.defaults("ledger-4000"),
        () -> {});
  }

  private void item(String sku, String kind, String sageId) {
    item(sku, kind, sageId, T);
  }

  private void item(String sku, String kind, String sageId, Instant at) {
    xrefs.record(
        new EntityXref(TENANT, SageItemXrefs.PRODUCT_SKU_ENTITY, sku, kind, sageId, sku, at));
  }

  private static CanonicalLine line(String sku, String name, String net, String type) {
    BigDecimal n = new BigDecimal(net);
    BigDecimal tax = n.multiply(new BigDecimal("0.2"));
    return new CanonicalLine(
        sku, name, BigDecimal.ONE, n, n, tax, n.add(tax), new BigDecimal("0.2"), type);
  }

  /** A mug (product), a water bottle (stock item), engraving (service), gift wrap (none). */
  private static final List<CanonicalLine> LINES =
      List.of(
          line("MUG-1", "Mug", "10", "simple"),
          line("WB-01", "Water Bottle", "20", "simple"),
          line("ENGRAVE", "Engraving", "5", "virtual"),
          line("WRAP-9", "Gift wrap", "2", "simple"));

  private static final CanonicalAddress BILLING =
      new CanonicalAddress("billing", List.of("1 High St"), "London", null, "SW1A 1AA", "GB", null);

  private static final CanonicalContact JANE =
      new CanonicalContact(
          5, "jane@example.com", "Jane", "Doe", null, null, 1, 1, List.of(BILLING), null, null);

  private static CanonicalInvoice invoice(List<CanonicalLine> lines) {
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    for (CanonicalLine l : lines) {
      net = net.add(l.lineSubtotal());
      tax = tax.add(l.lineTax());
    }
    return new CanonicalInvoice(
        42,
        "000000042",
        40,
        "000000040",
        1,
        1,
        "GBP",
        InvoiceState.OPEN,
        JANE,
        lines,
        net,
        tax.add(new BigDecimal("1")),
        new BigDecimal("5"),
        new BigDecimal("1"),
        BigDecimal.ZERO,
        net.add(tax).add(new BigDecimal("6")),
        T,
        "checkmo",
        BILLING,
        null,
        null,
        BigDecimal.ONE);
  }

  private static CanonicalCreditMemo memo(List<CanonicalLine> lines, String adjustment) {
    BigDecimal total = new BigDecimal(adjustment);
    for (CanonicalLine l : lines) {
      total = total.add(l.lineTotal());
    }
    return new CanonicalCreditMemo(
        9,
        "100000009",
        42L,
        "000000042",
        1,
        "GBP",
        JANE,
        lines,
        new BigDecimal(adjustment),
        BigDecimal.ZERO,
        total,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        "Damaged in transit",
        T.plusSeconds(3600),
        T,
        BigDecimal.ONE);
  }

  private List<SageInvoiceLine> postedInvoiceLines() {
    store.invoices.put(42L, invoice(LINES));
    assertThat(invoices.handle(context(EventType.INVOICE_CREATED, 42)))
        .isInstanceOf(SyncOutcome.Posted.class);
    return sage.createdInvoices.get(0).lines();
  }

  // ---------------------------------------------------------------- invoices

  @Test
  void anInvoiceLineOfAProductNamesItByProductId() {
    item("MUG-1", SageItemXrefs.PRODUCT_KIND, "sage-mug");

    SageInvoiceLine mug = postedInvoiceLines().get(0);

    assertThat(mug.productId()).isEqualTo("sage-mug");
    assertThat(mug.serviceId()).isNull();
  }

  @Test
  void anInvoiceLineOfAStockItemStaysFreeTextSoSageStockIsNotMovedTwice() {
    item("WB-01", SageItemXrefs.STOCK_ITEM_KIND, "sage-bottle");

    SageInvoiceLine bottle = postedInvoiceLines().get(1);

    assertThat(bottle.productId()).isNull();
    assertThat(bottle.serviceId()).isNull();
    assertThat(bottle.description()).isEqualTo("Water Bottle");
  }

  @Test
  void anInvoiceLineOfAServiceNamesItByServiceId() {
    item("ENGRAVE", SageItemXrefs.SERVICE_KIND, "sage-engraving");

    SageInvoiceLine engraving = postedInvoiceLines().get(2);

    assertThat(engraving.serviceId()).isEqualTo("sage-engraving");
    assertThat(engraving.productId()).isNull();
  }

  @Test
  void anInvoiceLineOfAnUnknownSkuStaysFreeTextAsToday() {
    item("MUG-1", SageItemXrefs.PRODUCT_KIND, "sage-mug");
    // other tenants' items, the product-id xref and other entity types never name a line
    xrefs.record(
        new EntityXref(
            "t2", SageItemXrefs.PRODUCT_SKU_ENTITY, "WRAP-9", "product", "theirs", null, T));
    xrefs.record(new EntityXref(TENANT, "product", "WRAP-9", "product", "by-id", null, T));
    xrefs.record(
        new EntityXref(TENANT, SageItemXrefs.PRODUCT_SKU_ENTITY, "WRAP-9", "digest", "x", null, T));

    List<SageInvoiceLine> lines = postedInvoiceLines();

    SageInvoiceLine wrap = lines.get(3);
    assertThat(wrap.productId()).isNull();
    assertThat(wrap.serviceId()).isNull();
    assertThat(wrap.description()).isEqualTo("Gift wrap");
    assertThat(wrap.ledgerAccountId()).isEqualTo("ledger-4000");
    assertThat(wrap.taxRateId()).isNotNull();
    assertThat(lines.get(1).productId()).isNull();
    assertThat(lines.get(2).serviceId()).isNull();
  }

  @Test
  void withoutAnyItemXrefTheInvoiceIsExactlyWhatItWasBefore() {
    InvoiceSyncPlanner.Post plan =
        (InvoiceSyncPlanner.Post)
            new InvoiceSyncPlanner(xrefs)
                .plan(BINDING, SyncPolicy.defaults("ledger-4000"), invoice(LINES));

    assertThat(plan.translation().invoice().lines())
        .allSatisfy(l -> assertThat(l.productId() == null && l.serviceId() == null).isTrue());
    assertThat(plan.translation().invoice())
        .isEqualTo(
            ((InvoiceTranslation.Translated)
                    InvoiceTranslator.translate(
                        invoice(LINES), SyncPolicy.defaults("ledger-4000"), "GB", "GBP", false))
                .invoice());
  }

  @Test
  void thePlannerLooksEveryDistinctSkuUpInOneLookUp() {
    List<CanonicalLine> lines = new ArrayList<>(LINES);
    lines.add(line("MUG-1", "Mug (second colour)", "10", "simple"));

    new InvoiceSyncPlanner(xrefs).plan(BINDING, SyncPolicy.defaults("ledger-4000"), invoice(lines));

    // one look-up for every distinct SKU, in line order (with the contact and the invoice)
    assertThat(xrefs.skuLookups).containsExactly("MUG-1,WB-01,ENGRAVE,WRAP-9");
  }

  // ---------------------------------------------------------------- credit notes

  @Test
  void creditNoteLinesNameTheirProductStockItemOrServiceAndTheRestStayFreeText() {
    item("MUG-1", SageItemXrefs.PRODUCT_KIND, "sage-mug");
    item("WB-01", SageItemXrefs.STOCK_ITEM_KIND, "sage-bottle");
    item("ENGRAVE", SageItemXrefs.SERVICE_KIND, "sage-engraving");
    postedInvoiceLines();
    store.creditMemos.put(9L, memo(LINES, "3"));

    SyncOutcome outcome = memos.handle(context(EventType.CREDITMEMO_CREATED, 9));

    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    List<SageInvoiceLine> lines = sage.createdCreditNotes.get(0).lines();
    assertThat(lines)
        .extracting(SageInvoiceLine::productId)
        .containsExactly("sage-mug", null, null, null, null);
    assertThat(lines)
        .extracting(SageInvoiceLine::serviceId)
        .containsExactly(null, null, "sage-engraving", null, null);
    assertThat(lines.get(4).description()).isEqualTo("Adjustment refund");
  }

  // ---------------------------------------------------------------- which item

  @Test
  void aSkuWithSeveralItemKindsNamesTheOneRecordedLast() {
    item("WB-01", SageItemXrefs.SERVICE_KIND, "old-service", T.minusSeconds(86_400));
    item("WB-01", SageItemXrefs.PRODUCT_KIND, "new-product", T);
    // a product that became a stock item later is free text from then on
    item("MUG-1", SageItemXrefs.PRODUCT_KIND, "old-mug", T.minusSeconds(86_400));
    item("MUG-1", SageItemXrefs.STOCK_ITEM_KIND, "new-mug-stock", T);

    SageItems items = SageItemXrefs.forLines(xrefs, TENANT, LINES);

    assertThat(items.forSku("WB-01")).contains(new SageItem(SageItem.Kind.PRODUCT, "new-product"));
    assertThat(items.forSku("MUG-1")).isEmpty();
  }

  @Test
  void kindsRecordedAtTheSameInstantPreferAStockItemThenAProduct() {
    item("WB-01", SageItemXrefs.SERVICE_KIND, "a-service");
    item("WB-01", SageItemXrefs.PRODUCT_KIND, "a-product");
    item("MUG-1", SageItemXrefs.SERVICE_KIND, "mug-service");
    item("MUG-1", SageItemXrefs.PRODUCT_KIND, "mug-product");
    item("MUG-1", SageItemXrefs.STOCK_ITEM_KIND, "mug-stock");

    SageItems items = SageItemXrefs.forLines(xrefs, TENANT, LINES);

    assertThat(items.forSku("WB-01")).contains(new SageItem(SageItem.Kind.PRODUCT, "a-product"));
    assertThat(items.forSku("MUG-1")).isEmpty(); // a stock item: free text
    assertThat(items.forSku("WRAP-9")).isEmpty();
  }

  @Test
  void aDocumentWithoutSkusNeedsNoLookup() {
    SageItems items =
        SageItemXrefs.forLines(xrefs, TENANT, List.of(line("", "Custom engraving", "5", null)));

    assertThat(items).isEqualTo(SageItems.NONE);
    assertThat(xrefs.skuLookups).isEmpty();
  }

  /** The in-memory repository, counting the SKU look-ups. */
  private static final class CountingXrefs implements EntityXrefRepository {
    private final InMemoryEntityXrefRepository delegate = new InMemoryEntityXrefRepository();
    final List<String> skuLookups = new ArrayList<>();

    @Override
    public Optional<EntityXref> find(String tenant, String type, String key, String kind) {
      return delegate.find(tenant, type, key, kind);
    }

    @Override
    public EntityXref record(EntityXref xref) {
      return delegate.record(xref);
    }

    @Override
    public List<EntityXref> findAll(String tenant, String type, String key) {
      return delegate.findAll(tenant, type, key);
    }

    @Override
    public List<EntityXref> findAllOf(String tenant, String type, Collection<String> keys) {
      if (type.equals(SageItemXrefs.PRODUCT_SKU_ENTITY)) {
        skuLookups.add(String.join(",", keys));
      }
      return delegate.findAllOf(tenant, type, keys);
    }

    @Override
    public List<EntityXref> findAllOfEach(String tenant, Collection<StoreEntity> entities) {
      List<String> skus = new ArrayList<>();
      for (StoreEntity e : entities) {
        if (e.storeEntityType().equals(SageItemXrefs.PRODUCT_SKU_ENTITY)) {
          skus.add(e.storeEntityKey());
        }
      }
      if (!skus.isEmpty()) {
        skuLookups.add(String.join(",", skus));
      }
      return delegate.findAllOfEach(tenant, entities);
    }

    @Override
    public Optional<String> sentDigest(String tenant, String type, String key, String kind) {
      return delegate.sentDigest(tenant, type, key, kind);
    }

    @Override
    public boolean recordSentDigest(
        String tenant, String type, String key, String kind, String digest) {
      return delegate.recordSentDigest(tenant, type, key, kind, digest);
    }
  }
}
