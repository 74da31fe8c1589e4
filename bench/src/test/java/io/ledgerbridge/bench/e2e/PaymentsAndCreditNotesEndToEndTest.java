package io.ledgerbridge.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.sage.Edition;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments and refunds over real HTTP: the sandbox store raises paid invoices and credit memos and
 * delivers their webhooks with the module's tokens; the chassis fetches the canonical payment and
 * memo back, posts receipts, credit notes, allocations and refunds to the sandbox Sage (which
 * validates each against Sage's schemas and rules and keeps outstanding amounts), and tells the
 * store.
 */
class PaymentsAndCreditNotesEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static DemoEnvironment env;

  @BeforeAll
  static void start() {
    env =
        DemoEnvironment.start(
            AppConfig.from(
                    Map.of(
                        "LEDGER_HTTP_PORT",
                        "0",
                        "LEDGER_SWEEP_MS",
                        "100",
                        "LEDGER_WORKER_THREADS",
                        "2"))
                .withDataDir(dataDir),
            p -> p);
    SyncPolicy current = env.chassis().managePolicy().current(env.tenant()).policy();
    String bank = env.sage().bankAccountId(env.sage().defaultBusinessId());
    ManagePolicyUseCase.SaveResult saved =
        env.chassis()
            .managePolicy()
            .replace(
                env.tenant(),
                PolicyCodec.encode(
                    current.withPaymentMethodMap(
                        Map.of(
                            "checkmo", new SyncPolicy.PaymentMapping(bank),
                            "banktransfer", new SyncPolicy.PaymentMapping(bank)))));
    assertThat(saved).isInstanceOf(ManagePolicyUseCase.Saved.class);
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @AfterEach
  void backToPlus() {
    env.sage().setEdition(env.sage().defaultBusinessId(), Edition.PLUS);
    env.sage().clearFaults();
  }

  // ------------------------------------------------------------------ helpers

  private static StoreInvoice.Builder domestic() {
    return builderOf("domestic GBP");
  }

  /** A fresh builder with a sample's figures (each test raises its own invoice). */
  private static StoreInvoice.Builder builderOf(String labelStart) {
    StoreInvoice s =
        SampleInvoices.all().stream()
            .filter(x -> x.label().startsWith(labelStart))
            .findFirst()
            .orElseThrow()
            .invoice();
    StoreInvoice.Builder b =
        StoreInvoice.builder()
            .currency(s.currency())
            .customer(s.customer())
            .billingAddress(s.billingAddress())
            .shippingAddress(s.shippingAddress())
            .shipping(s.shippingAmount().toPlainString(), s.shippingTaxAmount().toPlainString())
            .paymentMethod(s.paymentMethod());
    s.lines().forEach(b::line);
    if (s.baseToOrderRate() != null) {
      b.baseToOrderRate(s.baseToOrderRate().toPlainString());
    }
    return b;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("never happened: " + what);
  }

  private static SyncState state(String type, long id) {
    return env.store().syncState(type, id).orElse(null);
  }

  private static boolean terminal(String type, long id) {
    SyncState s = state(type, id);
    return s != null && !"pending".equals(s.syncStatus());
  }

  private static JsonNode sageInvoice(String id) {
    return env.sage().salesInvoice(env.sage().defaultBusinessId(), id).orElseThrow();
  }

  private static JsonNode sageCreditNote(String id) {
    return env.sage().salesCreditNote(env.sage().defaultBusinessId(), id).orElseThrow();
  }

  private static BigDecimal outstanding(JsonNode doc) {
    return new BigDecimal(doc.path("outstanding_amount").asText());
  }

  private static List<SyncRun> runs(String event, long id) {
    return env.chassis().query().recent(new RunQuery(null, null, event, id, 20));
  }

  private static boolean runEnded(String event, long id) {
    List<SyncRun> r = runs(event, id);
    return !r.isEmpty() && r.get(0).status().isTerminal();
  }

  private static long paymentsFor(String invoiceId) {
    return env.sage().contactPayments(env.sage().defaultBusinessId()).stream()
        .filter(
            p -> {
              for (JsonNode a : p.path("allocated_artefacts")) {
                if (a.path("artefact").path("id").asText().equals(invoiceId)) {
                  return true;
                }
              }
              return false;
            })
        .count();
  }

  // ------------------------------------------------------------------ invoice.paid

  @Test
  void anInvoicePaidByAMappedMethodIsReceiptedAndNothingIsLeftOutstanding() throws Exception {
    long id = env.store().raiseInvoice(domestic().paid().build());

    await("invoice synced", () -> terminal("invoice", id));
    await("payment run ended", () -> runEnded("invoice.paid", id));
    SyncState row = state("invoice", id);

    assertThat(row.syncStatus()).isEqualTo("synced");
    assertThat(row.providerReference()).matches("SI-\\d+");
    JsonNode invoice = sageInvoice(row.providerEntityId());
    assertThat(outstanding(invoice)).isEqualByComparingTo("0");
    assertThat(invoice.path("status").path("id").asText()).isEqualTo("PAID");
    assertThat(paymentsFor(row.providerEntityId())).isEqualTo(1);
    assertThat(runs("invoice.paid", id).get(0).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    await(
        "store row still synced with the invoice's ids",
        () -> {
          SyncState s = state("invoice", id);
          return s != null && row.providerEntityId().equals(s.providerEntityId());
        });
  }

  @Test
  void anInvoicePaidByAnUnmappedMethodStaysOutstandingAndTheRowSynced() throws Exception {
    long id = env.store().raiseInvoice(domestic().paymentMethod("stripe_payments").paid().build());

    await("payment run ended", () -> runEnded("invoice.paid", id));
    await("invoice synced", () -> terminal("invoice", id));

    SyncRun paid = runs("invoice.paid", id).get(0);
    assertThat(paid.status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(paid.skipReason()).isEqualTo("payment_method_not_mapped");
    SyncState row = state("invoice", id);
    assertThat(row.syncStatus()).isEqualTo("synced");
    assertThat(outstanding(sageInvoice(row.providerEntityId()))).isEqualByComparingTo("30.00");
  }

  @Test
  void aEuroInvoicePaidIsReceiptedInEurosAtTheInvoicesRate() throws Exception {
    long id = env.store().raiseInvoice(builderOf("EUR guest").paid().build());

    await("payment run ended", () -> runEnded("invoice.paid", id));
    SyncState row = state("invoice", id);
    JsonNode invoice = sageInvoice(row.providerEntityId());

    assertThat(outstanding(invoice)).isEqualByComparingTo("0");
    JsonNode receipt =
        env.sage().contactPayments(env.sage().defaultBusinessId()).stream()
            .filter(
                p ->
                    p.path("allocated_artefacts")
                        .path(0)
                        .path("artefact")
                        .path("id")
                        .asText()
                        .equals(row.providerEntityId()))
            .findFirst()
            .orElseThrow();
    assertThat(receipt.path("currency").path("id").asText()).isEqualTo("EUR");
    assertThat(new BigDecimal(receipt.path("exchange_rate").asText())).isEqualByComparingTo("1.17");
    assertThat(new BigDecimal(receipt.path("total_amount").asText())).isEqualByComparingTo("54.99");
  }

  @Test
  void aPaymentDeliveredBeforeItsInvoiceWaitsAndThenIsReceipted() throws Exception {
    env.store().failNextDeliveries("invoice.created", 1);
    long id = env.store().raiseInvoice(domestic().paid().build());

    await(
        "payment waiting for its invoice",
        () -> {
          List<SyncRun> r = runs("invoice.paid", id);
          return !r.isEmpty() && r.get(0).status() == SyncRunStatus.WAITING;
        });
    assertThat(runs("invoice.created", id)).isEmpty();
    env.store().retryOutboxNow();

    await("payment run ended", () -> runEnded("invoice.paid", id));
    await("invoice synced", () -> terminal("invoice", id));
    SyncState row = state("invoice", id);
    assertThat(runs("invoice.paid", id).get(0).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(outstanding(sageInvoice(row.providerEntityId()))).isEqualByComparingTo("0");
    assertThat(paymentsFor(row.providerEntityId())).isEqualTo(1);
  }

  @Test
  void aReceiptWhoseAnswerWasLostIsNotPostedTwice() throws Exception {
    long id = env.store().raiseInvoice(domestic().build());
    await("invoice synced", () -> terminal("invoice", id));
    String sageId = state("invoice", id).providerEntityId();
    env.sage().failNextAfterCommit("/contact_payments", 1);

    env.store().payInvoice(id);
    await("payment run ended", () -> runEnded("invoice.paid", id));

    assertThat(runs("invoice.paid", id).get(0).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(paymentsFor(sageId)).isEqualTo(1);
    assertThat(outstanding(sageInvoice(sageId))).isEqualByComparingTo("0");
  }

  // ------------------------------------------------------------------ creditmemo.created

  @Test
  void aPartialCreditMemoOnAnUnpaidInvoiceIsAllocatedAgainstIt() throws Exception {
    long id = env.store().raiseInvoice(domestic().build());
    await("invoice synced", () -> terminal("invoice", id));
    String invoiceId = state("invoice", id).providerEntityId();

    long memo =
        env.store().raiseCreditMemo(env.store().creditMemoFor(id).refundLine("WB-01", "1").build());
    await("memo synced", () -> terminal("creditmemo", memo));

    SyncState row = state("creditmemo", memo);
    assertThat(row.syncStatus()).isEqualTo("synced");
    assertThat(row.providerReference()).matches("SCN-\\d+");
    JsonNode note = sageCreditNote(row.providerEntityId());
    assertThat(note.path("contact").path("id").asText())
        .isEqualTo(sageInvoice(invoiceId).path("contact").path("id").asText());
    assertThat(outstanding(note)).isEqualByComparingTo("0");
    assertThat(outstanding(sageInvoice(invoiceId))).isEqualByComparingTo("18.00");
    assertThat(env.sage().contactAllocations(env.sage().defaultBusinessId()))
        .anySatisfy(
            a ->
                assertThat(a.path("allocated_artefacts").toString())
                    .contains(invoiceId)
                    .contains(row.providerEntityId()));
  }

  @Test
  void aFullRefundOfAPaidInvoiceIsPaidBackFromTheReceiptsBank() throws Exception {
    long id = env.store().raiseInvoice(domestic().paid().build());
    await("payment run ended", () -> runEnded("invoice.paid", id));

    long memo = env.store().refundInvoice(id);
    await("memo synced", () -> terminal("creditmemo", memo));

    SyncState row = state("creditmemo", memo);
    assertThat(row.syncStatus()).isEqualTo("synced");
    JsonNode note = sageCreditNote(row.providerEntityId());
    assertThat(new BigDecimal(note.path("total_amount").asText())).isEqualByComparingTo("30.00");
    assertThat(outstanding(note)).isEqualByComparingTo("0");
    JsonNode refund =
        env.sage().contactPayments(env.sage().defaultBusinessId()).stream()
            .filter(p -> p.path("transaction_type").path("id").asText().equals("CUSTOMER_REFUND"))
            .filter(p -> p.path("allocated_artefacts").toString().contains(row.providerEntityId()))
            .findFirst()
            .orElseThrow();
    assertThat(refund.path("bank_account").path("id").asText())
        .isEqualTo(env.sage().bankAccountId(env.sage().defaultBusinessId()));
  }

  @Test
  void onSageStartTheCreditNoteIsPostedUnallocatedWithAWarning() throws Exception {
    long id = env.store().raiseInvoice(domestic().build());
    await("invoice synced", () -> terminal("invoice", id));
    String invoiceId = state("invoice", id).providerEntityId();
    env.sage().setEdition(env.sage().defaultBusinessId(), Edition.START);

    long memo = env.store().refundInvoice(id);
    await("memo synced", () -> terminal("creditmemo", memo));

    assertThat(state("creditmemo", memo).syncStatus()).isEqualTo("synced");
    assertThat(outstanding(sageInvoice(invoiceId))).isEqualByComparingTo("30.00");
    SyncRun run = runs("creditmemo.created", memo).get(0);
    assertThat(env.chassis().query().attempts(run.id()))
        .anySatisfy(a -> assertThat(a.message()).contains("allocations_unavailable"));
  }

  @Test
  void anAllocationSageRejectsFailsTheMemoAndARetryFinishesWithOneCreditNote() throws Exception {
    long id = env.store().raiseInvoice(domestic().build());
    await("invoice synced", () -> terminal("invoice", id));
    String invoiceId = state("invoice", id).providerEntityId();
    env.sage().failNext("/contact_allocations", 422, 1);

    long memo = env.store().refundInvoice(id);
    await("memo run ended", () -> runEnded("creditmemo.created", memo));
    SyncRun failed = runs("creditmemo.created", memo).get(0);
    assertThat(failed.status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo("validation");
    await("store told", () -> "failed".equals(state("creditmemo", memo).syncStatus()));

    env.chassis().retry().retry(failed.id());
    await("memo synced", () -> "synced".equals(state("creditmemo", memo).syncStatus()));

    long notes =
        env.sage().salesCreditNotes(env.sage().defaultBusinessId()).stream()
            .filter(
                n ->
                    n.path("reference")
                        .asText()
                        .equals(env.store().creditMemo(memo).orElseThrow().incrementId()))
            .count();
    assertThat(notes).isEqualTo(1);
    assertThat(outstanding(sageInvoice(invoiceId))).isEqualByComparingTo("0");
  }

  @Test
  void anOfflineRefundWithoutAnInvoiceLandsOnTheCustomersContact() throws Exception {
    long id = env.store().raiseInvoice(domestic().build());
    await("invoice synced", () -> terminal("invoice", id));
    String contactId =
        sageInvoice(state("invoice", id).providerEntityId()).path("contact").path("id").asText();

    long memo =
        env.store()
            .raiseCreditMemo(env.store().creditMemoFor(id).withoutInvoice().refundAll().build());
    await("memo synced", () -> terminal("creditmemo", memo));

    SyncState row = state("creditmemo", memo);
    assertThat(row.syncStatus()).isEqualTo("synced");
    JsonNode note = sageCreditNote(row.providerEntityId());
    assertThat(note.path("contact").path("id").asText()).isEqualTo(contactId);
    assertThat(outstanding(note)).isEqualByComparingTo("30.00");
  }
}
