package io.ledgerbridge.ports.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.policy.SkipReason;
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

/** The invoice handler on its own: every expected outcome comes back as a value. */
class InvoiceCreatedHandlerTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T);
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final InvoiceCreatedHandler handler =
      new InvoiceCreatedHandler(store, sage, xrefs, new ContactResolver(sage, xrefs, clock), clock);
  private int sageCalls;

  private SyncContext context(SyncPolicy policy) {
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
    SyncRun run =
        SyncRun.accepted(UUID.randomUUID(), "t1", EventType.INVOICE_CREATED, 42, "k", 1, T)
            .start(T);
    return SyncContext.of(
        run, binding, new BindingSecrets("key", "client", "secret"), policy, () -> sageCalls++);
  }

  private static CanonicalInvoice invoice(String grandTotal) {
    CanonicalAddress billing =
        new CanonicalAddress(
            "billing", List.of("1 High St"), "London", null, "SW1A 1AA", "GB", null);
    CanonicalContact customer =
        new CanonicalContact(
            5, "jane@example.com", "Jane", "Doe", null, null, 1, 1, List.of(billing), null, null);
    CanonicalLine line =
        new CanonicalLine(
            "SKU-1",
            "Widget",
            BigDecimal.ONE,
            new BigDecimal("100"),
            new BigDecimal("100"),
            new BigDecimal("20"),
            new BigDecimal("120"),
            new BigDecimal("0.2"),
            "simple");
    return new CanonicalInvoice(
        42,
        "000000042",
        40,
        "000000040",
        1,
        1,
        "GBP",
        InvoiceState.OPEN,
        customer,
        List.of(line),
        new BigDecimal("100"),
        new BigDecimal("20"),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new BigDecimal(grandTotal),
        T,
        "checkmo",
        billing,
        null,
        null,
        BigDecimal.ONE);
  }

  @Test
  void handlesTheInvoiceCreatedEvent() {
    assertThat(handler.event()).isEqualTo(EventType.INVOICE_CREATED);
  }

  @Test
  void postsTheInvoiceAndPacesEverySageCall() {
    store.invoices.put(42L, invoice("120.00"));

    SyncOutcome outcome = handler.handle(context(SyncPolicy.defaults("ledger-4000")));

    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    SyncOutcome.Posted posted = (SyncOutcome.Posted) outcome;
    assertThat(posted.sageReference()).isEqualTo("SI-1");
    assertThat(posted.detail()).isEqualTo("created SI-1 (" + posted.sageId() + ")");
    assertThat(posted.sentBody()).contains("\"sales_invoice\"");
    // contact look-up, contact creation, invoice
    assertThat(sageCalls).isEqualTo(3);
  }

  @Test
  void anInvoiceWhoseTotalsDoNotReconcileIsInvalidNotThrown() {
    store.invoices.put(42L, invoice("119.00"));

    SyncOutcome outcome = handler.handle(context(SyncPolicy.defaults("ledger-4000")));

    assertThat(outcome).isInstanceOf(SyncOutcome.Invalid.class);
    assertThat(((SyncOutcome.Invalid) outcome).message())
        .contains("Sage total 120.00")
        .contains("grand_total 119.00");
    assertThat(sage.createdInvoices).isEmpty();
  }

  @Test
  void aPolicySkipComesBackWithItsReason() {
    store.invoices.put(42L, invoice("120.00"));
    SyncPolicy onlyPaid =
        SyncPolicy.of(
            false,
            true,
            null,
            null,
            null,
            "GB_STANDARD",
            "ledger-4000",
            null,
            null,
            null,
            null,
            null);

    SyncOutcome outcome = handler.handle(context(onlyPaid));

    assertThat(outcome)
        .isEqualTo(
            new SyncOutcome.Skipped(
                SkipReason.INVOICE_NOT_PAID, ((SyncOutcome.Skipped) outcome).explanation()));
  }

  @Test
  void aStoreFailureComesBackClassified() {
    SyncOutcome outcome = handler.handle(context(SyncPolicy.defaults("ledger-4000")));

    assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
    SyncOutcome.Failed failed = (SyncOutcome.Failed) outcome;
    assertThat(failed.failure().errorClass()).isEqualTo(ErrorClass.NOT_FOUND);
    assertThat(failed.failure().isTransient()).isFalse();
    assertThat(failed.sentBody()).isNull();
  }

  @Test
  void anInvoiceAlreadyInSageIsNotPostedAgain() {
    store.invoices.put(42L, invoice("120.00"));
    xrefs.record(new EntityXref("t1", "invoice", "42", "sales_invoice", "sage-9", "SI-9", T));

    SyncOutcome outcome = handler.handle(context(SyncPolicy.defaults("ledger-4000")));

    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    assertThat(((SyncOutcome.Posted) outcome).sageReference()).isEqualTo("SI-9");
    assertThat(sage.createdInvoices).isEmpty();
    assertThat(sageCalls).isZero();
  }

  @Test
  void aRepeatCustomersInvoiceReadsItsCrossReferencesInOneLookUp() {
    store.invoices.put(42L, invoice("120.00"));
    xrefs.record(new EntityXref("t1", "customer", "M5", "contact:GBP", "sage-c5", "Jane", T));
    List<String> reads = new ArrayList<>();
    EntityXrefRepository counting =
        new EntityXrefRepository() {
          @Override
          public Optional<EntityXref> find(String t, String type, String key, String kind) {
            reads.add(type + "/" + key + "/" + kind);
            return xrefs.find(t, type, key, kind);
          }

          @Override
          public EntityXref record(EntityXref xref) {
            return xrefs.record(xref);
          }

          @Override
          public List<EntityXref> findAll(String t, String type, String key) {
            reads.add(type + "/" + key);
            return xrefs.findAll(t, type, key);
          }

          @Override
          public List<EntityXref> findAllOf(String t, String type, Collection<String> keys) {
            reads.add(type + "/" + keys);
            return xrefs.findAllOf(t, type, keys);
          }

          @Override
          public List<EntityXref> findAllOfEach(String t, Collection<StoreEntity> entities) {
            reads.add(
                entities.stream()
                    .map(e -> e.storeEntityType() + "/" + e.storeEntityKey())
                    .toList()
                    .toString());
            return xrefs.findAllOfEach(t, entities);
          }

          @Override
          public Optional<String> sentDigest(String t, String type, String key, String kind) {
            reads.add("digest " + type + "/" + key);
            return xrefs.sentDigest(t, type, key, kind);
          }

          @Override
          public boolean recordSentDigest(
              String t, String type, String key, String kind, String digest) {
            return xrefs.recordSentDigest(t, type, key, kind, digest);
          }
        };
    InvoiceCreatedHandler reading =
        new InvoiceCreatedHandler(
            store, sage, counting, new ContactResolver(sage, counting, clock), clock);

    SyncOutcome outcome = reading.handle(context(SyncPolicy.defaults("ledger-4000")));

    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    assertThat(sage.createdInvoices.get(0).contactId()).isEqualTo("sage-c5");
    // one look-up for the contact, the SKUs and the invoice, made under the business lease; the
    // posting uses what it read
    assertThat(reads).containsExactly("[customer/M5, product_sku/SKU-1, invoice/42]");
    assertThat(sageCalls).isEqualTo(1);
    assertThat(xrefs.find("t1", "invoice", "42", "sales_invoice")).isPresent();
  }
}
