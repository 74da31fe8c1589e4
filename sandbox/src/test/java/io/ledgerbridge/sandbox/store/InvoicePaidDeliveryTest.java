package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code invoice.paid} (WIRE §5.2): enqueued after {@code invoice.created} on a paid insert and on
 * OPEN to PAID, delivered in either order. The backoff is real-sized (scale 1), so a row that
 * failed waits until {@link SandboxStore#retryOutboxNow()}: the order is decided by the test, not
 * by timing.
 */
class InvoicePaidDeliveryTest {

  private static final Instant NOW = Instant.parse("2026-04-29T10:11:12Z");
  private static final String TENANT = "tenant-1";

  private TestLedger ledger;
  private MutableClock clock;
  private SandboxStore store;

  @BeforeEach
  void start() {
    ledger = new TestLedger();
    clock = new MutableClock(NOW);
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl(ledger.baseUrl())
                .backoffScale(1.0)
                .build());
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  private static StoreInvoice.Builder invoice() {
    return StoreInvoice.builder().incrementId("INV/1").line("S", "S", "1", "10", "2");
  }

  @Test
  void paidInsertEnqueuesCreatedThenPaidInOneSaveAndDeliversThemInThatOrder() throws Exception {
    long id = store.raiseInvoice(invoice().paid().build());

    TestLedger.Received first = ledger.take();
    TestLedger.Received second = ledger.take();

    List<OutboxRow> rows = store.outbox();
    assertThat(rows)
        .extracting(OutboxRow::id, OutboxRow::idempotencyKey, OutboxRow::eventName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "invoice.created:" + id, "invoice.created"),
            org.assertj.core.groups.Tuple.tuple(2L, "invoice.paid:" + id, "invoice.paid"));
    assertThat(rows.get(0).payload())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":1,\"store_id\":1,"
                + "\"occurred_at\":\"2026-04-29T10:11:12Z\","
                + "\"payload\":{\"increment_id\":\"INV/1\",\"paid\":true}}");
    assertThat(rows.get(1).payload())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":1,\"store_id\":1,"
                + "\"occurred_at\":\"2026-04-29T10:11:12Z\","
                + "\"payload\":{\"increment_id\":\"INV/1\"}}");
    assertThat(first.path()).isEqualTo("/webhooks/magento/tenant-1/invoice.created");
    assertThat(first.bodyText()).isEqualTo(rows.get(0).payload());
    assertThat(second.path()).isEqualTo("/webhooks/magento/tenant-1/invoice.paid");
    assertThat(second.header("Idempotency-Key")).isEqualTo("invoice.paid:" + id);
    assertThat(second.bodyText()).isEqualTo(rows.get(1).payload());
    assertThat(store.syncState("invoice", id).orElseThrow().syncStatus()).isEqualTo("pending");
  }

  @Test
  void aTransientFailureOfInvoiceCreatedLetsInvoicePaidArriveFirst() throws Exception {
    store.failNextDeliveries("invoice.created", 1);

    long id = store.raiseInvoice(invoice().paid().build());

    TestLedger.Received first = ledger.take();
    assertThat(first.path()).endsWith("/invoice.paid");
    Await.until(() -> store.outbox().get(0).attempts() == 1);
    OutboxRow created = store.outbox().get(0);
    assertThat(created.status()).isEqualTo(OutboxRow.Status.PENDING);
    assertThat(created.lastStatusCode()).isNull();
    assertThat(created.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(created.lastError())
        .isEqualTo(
            "Network error publishing to Byte8 ("
                + ledger.baseUrl()
                + "/webhooks/magento/tenant-1/invoice.created): sandbox fault: this delivery of"
                + " invoice.created was made to fail");
    assertThat(ledger.all()).hasSize(1);

    store.retryOutboxNow();

    TestLedger.Received second = ledger.take();
    assertThat(second.path()).endsWith("/invoice.created");
    assertThat(second.header("Idempotency-Key")).isEqualTo("invoice.created:" + id);
    assertThat(second.bodyText())
        .endsWith("\"payload\":{\"increment_id\":\"INV/1\",\"paid\":true}}");
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);
    assertThat(store.outbox().get(0).attempts()).isEqualTo(2);
    assertThat(store.outbox().get(0).lastError()).isNull();
    assertThat(store.outbox().get(1).attempts()).isEqualTo(1);
  }

  @Test
  void openThenPaidLaterEnqueuesInvoicePaidOnceWithThePaymentTime() throws Exception {
    long id = store.raiseInvoice(invoice().build());
    assertThat(ledger.take().bodyText()).endsWith("\"paid\":false}}");

    clock.advance(Duration.ofHours(3));
    store.payInvoice(id);
    store.payInvoice(id);

    TestLedger.Received paid = ledger.take();
    assertThat(paid.path()).endsWith("/invoice.paid");
    assertThat(paid.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":1,\"store_id\":1,"
                + "\"occurred_at\":\"2026-04-29T13:11:12Z\","
                + "\"payload\":{\"increment_id\":\"INV/1\"}}");
    Await.until(
        () -> store.outbox().stream().allMatch(r -> r.status() == OutboxRow.Status.SUCCEEDED));
    assertThat(store.outbox()).hasSize(2);
    assertThat(store.invoice(id).orElseThrow().state()).isEqualTo(StoreInvoice.State.PAID);
  }

  @Test
  void openThenPaidCanAlsoBeDeliveredPaidFirst() throws Exception {
    store.failNextDeliveries("invoice.created", 1);
    long id = store.raiseInvoice(invoice().build());
    Await.until(() -> store.outbox().get(0).attempts() == 1);

    store.payInvoice(id);

    assertThat(ledger.take().path()).endsWith("/invoice.paid");
    store.retryOutboxNow();
    TestLedger.Received created = ledger.take();
    assertThat(created.path()).endsWith("/invoice.created");
    assertThat(created.bodyText()).endsWith("\"paid\":false}}");
    assertThat(ledger.all()).hasSize(2);
  }

  @Test
  void injectedFailuresCountPerEventAndRunOutAfterTheGivenNumber() throws Exception {
    store.failNextDeliveries("invoice.created", 2);

    store.raiseInvoice(invoice().build());
    Await.until(() -> store.outbox().get(0).attempts() == 1);
    store.retryOutboxNow();
    assertThat(store.outbox().get(0).attempts()).isEqualTo(2);
    assertThat(store.outbox().get(0).status()).isEqualTo(OutboxRow.Status.PENDING);
    assertThat(ledger.all()).isEmpty();
    store.retryOutboxNow();

    ledger.take();
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);
    assertThat(store.outbox().get(0).attempts()).isEqualTo(3);
  }

  @Test
  void cancelledInvoiceRaisesNoEvent() {
    store.raiseInvoice(invoice().state(StoreInvoice.State.CANCELLED).build());
    assertThat(store.outbox()).isEmpty();
  }
}
