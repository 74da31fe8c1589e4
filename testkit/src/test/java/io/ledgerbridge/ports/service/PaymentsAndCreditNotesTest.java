package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.sync.ContactResolver;
import io.ledgerbridge.ports.sync.CreditMemoCreatedHandler;
import io.ledgerbridge.ports.sync.InvoiceCreatedHandler;
import io.ledgerbridge.ports.sync.InvoicePaidHandler;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.InMemoryIdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncAttemptRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code invoice.paid} and {@code creditmemo.created} through the worker, on fakes: the Sage
 * documents posted, the balances they leave, waiting for an invoice that is not in Sage yet, and
 * what the store is told.
 */
class PaymentsAndCreditNotesTest {
  private static final String TENANT = "t-1";
  private static final String BANK = "bank-current";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final AtomicLong idSeq = new AtomicLong();
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final InMemorySyncAttemptRepository attempts = new InMemorySyncAttemptRepository();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final InMemoryIdempotencyRepository idempotency = new InMemoryIdempotencyRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private final InMemoryUnitOfWork uow = new InMemoryUnitOfWork();
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private AcceptWebhookService accept;
  private SyncJobProcessor processor;

  @BeforeEach
  void setUp() {
    bindings.add(
        new Binding(
            TENANT,
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets("master-key", "client", "secret"));
    policy(
        SyncPolicy.defaults("ledger-4000")
            .withPaymentMethodMap(Map.of("checkmo", new SyncPolicy.PaymentMapping(BANK))));
    accept =
        new AcceptWebhookService(
            bindings, policies, runs, idempotency, queue, uow, () -> {}, clock, this::nextId);
    ContactResolver contacts = new ContactResolver(sage, xrefs, clock);
    processor =
        new SyncJobProcessor(
            new ProcessorDependencies(
                bindings,
                policies,
                runs,
                attempts,
                queue,
                uow,
                () -> {},
                store,
                new BackoffLadder(List.of(Duration.ofSeconds(2), Duration.ofSeconds(10)), 3),
                clock,
                this::nextId),
            Map.of(
                EventType.INVOICE_CREATED,
                new InvoiceCreatedHandler(store, sage, xrefs, contacts, clock),
                EventType.INVOICE_PAID,
                new InvoicePaidHandler(store, sage, xrefs, contacts, clock),
                EventType.CREDITMEMO_CREATED,
                new CreditMemoCreatedHandler(store, sage, xrefs, contacts, clock)));
  }

  private void policy(SyncPolicy p) {
    policies.save(TENANT, p);
  }

  private UUID nextId() {
    return new UUID(0, idSeq.incrementAndGet());
  }

  private UUID deliver(String event, long entityId) {
    return ((Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, event, event + ":" + entityId, entityId, 1, 1, clock.instant())))
        .syncRunId();
  }

  private void drain() {
    for (int i = 0; i < 50; i++) {
      List<Job> jobs = queue.claimDue(clock.instant(), 10, Duration.ofMinutes(5));
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(processor::process);
    }
  }

  private SyncRun run(UUID id) {
    return runs.find(id).orElseThrow();
  }

  private void raiseInvoice(long id, String total, String method, InvoiceState state) {
    CanonicalInvoice base = Invoices.domestic(id, 5, "GBP", total);
    store.invoices.put(
        id,
        new CanonicalInvoice(
            base.magentoId(),
            base.incrementId(),
            base.orderId(),
            base.orderIncrementId(),
            base.websiteId(),
            base.storeId(),
            base.currency(),
            state,
            base.customer(),
            base.lines(),
            base.subtotal(),
            base.taxAmount(),
            base.shippingAmount(),
            base.shippingTaxAmount(),
            base.discountAmount(),
            base.grandTotal(),
            base.createdAt(),
            method,
            base.billingAddress(),
            base.shippingAddress(),
            base.poNumber(),
            base.baseToOrderRate()));
    store.payments.put(
        id,
        new CanonicalPayment(
            id,
            base.incrementId(),
            method,
            "GBP",
            new BigDecimal(total),
            base.createdAt(),
            "txn-" + id,
            List.of("Check / Money order")));
  }

  /** A memo refunding {@code total} of invoice {@code invoiceId} (null: an offline refund). */
  private void raiseMemo(long memoId, Long invoiceId, String total) {
    CanonicalInvoice inv = Invoices.domestic(invoiceId == null ? 99 : invoiceId, 5, "GBP", total);
    CanonicalLine line = inv.lines().get(0);
    store.creditMemos.put(
        memoId,
        new CanonicalCreditMemo(
            memoId,
            "10000000" + memoId,
            invoiceId,
            invoiceId == null ? null : inv.incrementId(),
            1,
            "GBP",
            inv.customer(),
            List.of(line),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            new BigDecimal(total),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            "Damaged in transit",
            Instant.parse("2026-11-20T09:00:00Z"),
            invoiceId == null ? null : inv.createdAt(),
            BigDecimal.ONE));
  }

  private SageDocumentBalance invoiceBalance() {
    return sage.balances.get(sage.invoicesByIdempotencyId.values().iterator().next().id());
  }

  private EntitySyncState lastPush(StoreEntityType type, long id) {
    return store.pushes.stream()
        .filter(p -> p.entityType() == type && p.storeEntityId() == id)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  // ------------------------------------------------------------------ invoice.paid

  @Test
  void aPaidInvoiceGetsAReceiptAllocatedToItAndTheStoreKeepsTheInvoicesIds() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    deliver("invoice.created", 42);
    drain();
    UUID paid = deliver("invoice.paid", 42);
    drain();

    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdPayments)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.transactionTypeId()).isEqualTo(SageContactPaymentDraft.CUSTOMER_RECEIPT);
              assertThat(p.bankAccountId()).isEqualTo(BANK);
              assertThat(p.paymentMethodId()).isEqualTo("CHECK");
              assertThat(p.totalAmount()).isEqualByComparingTo("120.00");
              assertThat(p.reference()).isEqualTo("txn-42");
              assertThat(p.allocations())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.amount()).isEqualByComparingTo("120.00");
                      });
              assertThat(p.onAccount()).isZero();
            });
    assertThat(invoiceBalance().outstandingAmount()).isZero();
    EntitySyncState row = lastPush(StoreEntityType.INVOICE, 42);
    assertThat(row.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(row.sageReference()).isEqualTo("SI-1");
    assertThat(row.sageId()).isEqualTo(invoiceBalance().id());
  }

  @Test
  void aPaymentArrivingBeforeItsInvoiceWaitsWithoutCountingThenPostsOnceTheInvoiceIsIn() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    UUID paid = deliver("invoice.paid", 42);
    drain();
    clock.advance(Duration.ofSeconds(1));
    drain();

    SyncRun waiting = run(paid);
    assertThat(waiting.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(waiting.errorMessage()).contains("not in Sage yet");
    assertThat(waiting.attempts()).isZero();
    assertThat(sage.createdPayments).isEmpty();
    assertThat(attempts.forRun(paid)).isEmpty();

    deliver("invoice.created", 42);
    drain();
    clock.advance(Duration.ofSeconds(2));
    drain();

    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(paid).attempts()).isEqualTo(1);
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(sage.createdPayments).hasSize(1);
    assertThat(lastPush(StoreEntityType.INVOICE, 42).status())
        .isEqualTo(EntitySyncState.Status.SYNCED);
  }

  @Test
  void timeHeldByAPausedBindingDoesNotCountTowardsTheWaitForTheInvoice() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    bindings.changeStatus(TENANT, BindingStatus.PAUSED);
    UUID paid = deliver("invoice.paid", 42);
    for (int i = 0; i < 30; i++) { // 30 hours paused: the payment is held
      drain();
      clock.advance(Duration.ofHours(1));
    }
    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.WAITING);

    bindings.changeStatus(TENANT, BindingStatus.ACTIVE);
    for (int i = 0; i < 12; i++) { // the payment runs first and waits for its invoice
      drain();
      clock.advance(Duration.ofMinutes(5));
    }
    SyncRun waiting = run(paid);
    assertThat(waiting.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(waiting.errorMessage()).contains("not in Sage yet");

    deliver("invoice.created", 42);
    for (int i = 0; i < 20 && !run(paid).status().isTerminal(); i++) {
      drain();
      clock.advance(Duration.ofMinutes(5));
    }
    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdPayments).hasSize(1);
  }

  @Test
  void aPaymentWhoseInvoiceNeverArrivesFailsNotFoundAfterTheWaitLimit() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    UUID paid = deliver("invoice.paid", 42);
    for (int i = 0; i < 400 && !run(paid).status().isTerminal(); i++) {
      drain();
      clock.advance(Duration.ofMinutes(5));
    }

    SyncRun failed = run(paid);
    assertThat(failed.status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo("not_found");
    assertThat(failed.errorMessage()).contains("gave up after waiting 24 h");
    assertThat(sage.createdPayments).isEmpty();
  }

  @Test
  void anUnmappedMethodWithoutADefaultBankLeavesTheInvoiceUnpaidAndTheRowSynced() {
    raiseInvoice(42, "120.00", "stripe_payments", InvoiceState.PAID);
    deliver("invoice.created", 42);
    drain();
    UUID paid = deliver("invoice.paid", 42);
    drain();

    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(run(paid).skipReason()).isEqualTo(SkipReason.PAYMENT_METHOD_NOT_MAPPED.code());
    assertThat(sage.createdPayments).isEmpty();
    assertThat(invoiceBalance().outstandingAmount()).isEqualByComparingTo("120.00");
    assertThat(lastPush(StoreEntityType.INVOICE, 42).status())
        .isEqualTo(EntitySyncState.Status.SYNCED);
  }

  @Test
  void whenOnlyPaidInvoicesSyncThePaidEventPostsTheInvoiceAndItsReceiptInOneRun() {
    policy(
        policies
            .current(TENANT)
            .orElseThrow()
            .policy()
            .withBehaviour(
                new SyncPolicy.SyncBehaviour(false, true, null, null, null, false, false)));
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    UUID created = deliver("invoice.created", 42);
    drain();
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    UUID paid = deliver("invoice.paid", 42);
    drain();

    assertThat(run(created).skipReason()).isEqualTo(SkipReason.INVOICE_NOT_PAID.code());
    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(paid).sageReference()).isEqualTo("SI-1");
    assertThat(sage.createdInvoices).hasSize(1);
    assertThat(sage.createdPayments).hasSize(1);
    assertThat(invoiceBalance().outstandingAmount()).isZero();
    EntitySyncState row = lastPush(StoreEntityType.INVOICE, 42);
    assertThat(row.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(row.sageReference()).isEqualTo("SI-1");
  }

  @Test
  void aPaymentOfAFilteredInvoiceIsSkippedForTheSameReason() {
    policy(
        policies
            .current(TENANT)
            .orElseThrow()
            .policy()
            .withBehaviour(
                new SyncPolicy.SyncBehaviour(
                    true, true, null, java.util.Set.of(9), null, false, false)));
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    UUID paid = deliver("invoice.paid", 42);
    drain();

    assertThat(run(paid).skipReason()).isEqualTo(SkipReason.WEBSITE_FILTERED.code());
    assertThat(run(paid).errorMessage()).contains("is not synced: website 1");
  }

  @Test
  void aReceiptRetriedAfterATransientFailureIsPostedOnce() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    deliver("invoice.created", 42);
    drain();
    sage.paymentFailures.add(
        new TransientGatewayException(
            "sage", "create_contact_payment", 503, null, ErrorClass.PROVIDER, "down", null, null));
    UUID paid = deliver("invoice.paid", 42);
    drain();
    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.RETRY_SCHEDULED);
    clock.advance(Duration.ofSeconds(3));
    drain();

    assertThat(run(paid).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdPayments).hasSize(1);
    deliver("invoice.paid", 42); // the same key again: the same run
    clock.advance(Duration.ofDays(40));
    accept.accept(
        new AcceptWebhookCommand(
            TENANT, "invoice.paid", "invoice.paid:42", 42, 1, 1, clock.instant()));
    drain();
    assertThat(sage.createdPayments).as("a new run finds the receipt's cross-reference").hasSize(1);
  }

  // ------------------------------------------------------------------ creditmemo.created

  @Test
  void aPartialCreditOnAnUnpaidInvoiceIsAllocatedAgainstIt() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    deliver("invoice.created", 42);
    drain();
    raiseMemo(7, 42L, "30.00");
    UUID memo = deliver("creditmemo.created", 7);
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(memo).sageReference()).isEqualTo("SCN-1");
    assertThat(sage.createdCreditNotes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.contactId()).isEqualTo(invoiceBalance().contactId());
              assertThat(c.notes()).isEqualTo("Credit for invoice 000000042 — Damaged in transit");
              assertThat(c.originalInvoiceDate()).hasToString("2026-11-01");
            });
    assertThat(sage.createdAllocations)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.allocations())
                    .extracting(x -> x.amount().toPlainString())
                    .containsExactly("30.00", "-30.00"));
    assertThat(invoiceBalance().outstandingAmount()).isEqualByComparingTo("90.00");
    assertThat(sage.createdPayments).isEmpty();
    EntitySyncState row = lastPush(StoreEntityType.CREDITMEMO, 7);
    assertThat(row.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(row.sageReference()).isEqualTo("SCN-1");
  }

  @Test
  void aFullRefundOfAPaidInvoiceIsRefundedFromTheReceiptsBank() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    deliver("invoice.created", 42);
    deliver("invoice.paid", 42);
    drain();
    raiseMemo(7, 42L, "120.00");
    UUID memo = deliver("creditmemo.created", 7);
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdAllocations).isEmpty();
    assertThat(sage.createdPayments)
        .extracting(SageContactPaymentDraft::transactionTypeId)
        .containsExactly(
            SageContactPaymentDraft.CUSTOMER_RECEIPT, SageContactPaymentDraft.CUSTOMER_REFUND);
    SageContactPaymentDraft refund = sage.createdPayments.get(1);
    assertThat(refund.bankAccountId()).isEqualTo(BANK);
    assertThat(refund.totalAmount()).isEqualByComparingTo("120.00");
    String creditNoteId = sage.creditNotesByIdempotencyId.values().iterator().next().id();
    assertThat(refund.allocations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.artefactId()).isEqualTo(creditNoteId);
            });
    assertThat(sage.balances.get(creditNoteId).outstandingAmount()).isZero();
    assertThat(run(memo).errorMessage()).isNull();
  }

  @Test
  void aMemoOfAPaidInvoiceWhoseReceiptIsNotInYetWaitsForItAndThenRefunds() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.PAID);
    deliver("invoice.created", 42);
    drain();
    raiseMemo(7, 42L, "120.00");
    UUID memo = deliver("creditmemo.created", 7);
    drain();
    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(run(memo).errorMessage()).contains("waiting for its receipt");
    assertThat(sage.createdCreditNotes).isEmpty();

    deliver("invoice.paid", 42);
    drain();
    clock.advance(Duration.ofSeconds(2));
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdAllocations).isEmpty();
    assertThat(sage.createdPayments)
        .extracting(SageContactPaymentDraft::transactionTypeId)
        .containsExactly(
            SageContactPaymentDraft.CUSTOMER_RECEIPT, SageContactPaymentDraft.CUSTOMER_REFUND);
  }

  @Test
  void aCreditMemoArrivingBeforeItsInvoiceWaitsForIt() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    raiseMemo(7, 42L, "30.00");
    UUID memo = deliver("creditmemo.created", 7);
    drain();
    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(sage.createdCreditNotes).isEmpty();

    deliver("invoice.created", 42);
    drain();
    clock.advance(Duration.ofSeconds(2));
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdCreditNotes).hasSize(1);
    assertThat(sage.createdAllocations).hasSize(1);
  }

  @Test
  void anOfflineRefundGoesOnTheCustomersContactAndStaysOpen() {
    raiseMemo(8, null, "24.00");
    UUID memo = deliver("creditmemo.created", 8);
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdContacts).extracting(c -> c.reference()).containsExactly("M5G");
    assertThat(sage.createdCreditNotes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.originalInvoiceDate()).isNull();
              assertThat(c.notes()).isEqualTo("Refund — Damaged in transit");
            });
    assertThat(attempts.forRun(memo).get(0).message()).contains("credit_left_open: 24.00");
  }

  @Test
  void onSageStartTheCreditNoteStaysUnallocatedWithAWarningNotAFailure() {
    sage.allocationsAvailable = false;
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    deliver("invoice.created", 42);
    drain();
    raiseMemo(7, 42L, "30.00");
    UUID memo = deliver("creditmemo.created", 7);
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdCreditNotes).hasSize(1);
    assertThat(invoiceBalance().outstandingAmount()).isEqualByComparingTo("120.00");
    assertThat(attempts.forRun(memo).get(0).message()).contains("allocations_unavailable");
  }

  @Test
  void aMemoSavedAgainMakesNoSecondCreditNote() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    deliver("invoice.created", 42);
    drain();
    raiseMemo(7, 42L, "30.00");
    deliver("creditmemo.created", 7);
    drain();
    clock.advance(Duration.ofDays(40)); // the store's outbox row is gone: the key comes back
    UUID again = deliver("creditmemo.created", 7);
    drain();

    assertThat(run(again).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdCreditNotes).hasSize(1);
    assertThat(sage.createdAllocations).hasSize(1);
    assertThat(invoiceBalance().outstandingAmount()).isEqualByComparingTo("90.00");
  }

  @Test
  void anAllocationSageRejectsFailsTheRunAndARetryFinishesWithoutASecondCreditNote() {
    raiseInvoice(42, "120.00", "checkmo", InvoiceState.OPEN);
    deliver("invoice.created", 42);
    drain();
    raiseMemo(7, 42L, "30.00");
    sage.allocationFailures.add(
        new PermanentGatewayException(
            "sage",
            "create_contact_allocation",
            422,
            null,
            ErrorClass.VALIDATION,
            "Sage rejected contact_allocation: RecordInvalid: over-allocated",
            "[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\"}]",
            null));
    UUID memo = deliver("creditmemo.created", 7);
    drain();
    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run(memo).errorCode()).isEqualTo("validation");
    assertThat(sage.createdCreditNotes).hasSize(1);

    new RetrySyncRunService(runs, queue, uow, () -> {}, clock, this::nextId).retry(memo);
    drain();

    assertThat(run(memo).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sage.createdCreditNotes).hasSize(1);
    assertThat(sage.createdAllocations).hasSize(1);
    assertThat(lastPush(StoreEntityType.CREDITMEMO, 7).status())
        .isEqualTo(EntitySyncState.Status.SYNCED);
  }
}
