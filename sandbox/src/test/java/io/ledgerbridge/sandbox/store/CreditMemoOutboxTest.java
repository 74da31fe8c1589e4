package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code creditmemo.created} (WIRE §5.1, §5.2): enqueued on every save of a memo with the fixed key
 * {@code creditmemo.created:<id>}, dropped while a row with that key exists, enqueued again after
 * the GC cron removed the succeeded row; and the memo's sync-state row (WIRE §4, §6.2).
 */
class CreditMemoOutboxTest {

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
                .backoffScale(0.001)
                .build());
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  private long invoiceDelivered() throws InterruptedException {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder().websiteId(2).storeId(5).line("S", "S", "1", "10", "2").build());
    ledger.take();
    return id;
  }

  @Test
  void raisingAMemoEnqueuesCreditmemoCreatedWithTheModulesEnvelope() throws Exception {
    long invoiceId = invoiceDelivered();
    ledger.enqueueReply(202, "{\"sync_run_id\":\"run-cm\"}");
    clock.advance(Duration.ofDays(2));

    long id =
        store.raiseCreditMemo(
            store.creditMemoFor(invoiceId).refundAll().incrementId("CM/é-1").build());

    TestLedger.Received r = ledger.take();
    assertThat(id).isEqualTo(1);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/webhooks/magento/tenant-1/creditmemo.created");
    assertThat(r.header("Idempotency-Key")).isEqualTo("creditmemo.created:1");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization"))
        .startsWith("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":2,\"store_id\":5,"
                + "\"occurred_at\":\"2026-05-01T10:11:12Z\","
                + "\"payload\":{\"increment_id\":\"CM/\\u00e9-1\"}}");
    Await.until(() -> store.outbox().get(1).status() == OutboxRow.Status.SUCCEEDED);
    OutboxRow row = store.outbox().get(1);
    assertThat(row.idempotencyKey()).isEqualTo("creditmemo.created:1");
    assertThat(row.eventName()).isEqualTo("creditmemo.created");
    assertThat(row.payload()).isEqualTo(r.bodyText());
    assertThat(store.syncRunIdForKey("creditmemo.created:1")).hasValue("run-cm");
    assertThat(store.syncState("creditmemo", id))
        .hasValue(
            new SyncState(
                "creditmemo",
                1,
                SandboxStore.PROVIDER,
                "pending",
                null,
                null,
                null,
                null,
                "2026-05-01 10:11:12"));
  }

  @Test
  void everySaveFiresButTheEarlierRowWinsUntilGarbageCollected() throws Exception {
    long invoiceId = invoiceDelivered();
    long id = store.refundInvoice(invoiceId);
    ledger.take();
    Await.until(() -> store.outbox().get(1).status() == OutboxRow.Status.SUCCEEDED);
    String firstBody = store.outbox().get(1).payload();

    clock.advance(Duration.ofMinutes(1));
    assertThat(store.saveCreditMemoAgain(id)).isFalse();
    assertThat(store.saveCreditMemoAgain(id)).isFalse();
    store.drainOutboxNow();

    assertThat(store.outbox())
        .filteredOn(r -> r.idempotencyKey().equals("creditmemo.created:" + id))
        .singleElement()
        .extracting(OutboxRow::payload)
        .isEqualTo(firstBody);
    assertThat(ledger.all()).hasSize(2);
    // the mirror write still runs for a dropped duplicate: only last_sync_at moves
    assertThat(store.syncState("creditmemo", id).orElseThrow().lastSyncAt())
        .isEqualTo("2026-04-29 10:12:12");

    clock.advance(Duration.ofDays(30).minusMinutes(1));
    assertThat(store.runOutboxGc()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.runOutboxGc()).isEqualTo(2);
    assertThat(store.outbox()).isEmpty();

    assertThat(store.saveCreditMemoAgain(id)).isTrue();
    TestLedger.Received again = ledger.take();
    assertThat(again.header("Idempotency-Key")).isEqualTo("creditmemo.created:" + id);
    assertThat(again.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":2,\"store_id\":5,"
                + "\"occurred_at\":\"2026-05-29T10:12:12Z\","
                + "\"payload\":{\"increment_id\":\"000000001\"}}");
  }

  @Test
  void aDeadLetteredRowBlocksTheKeyForGood() throws Exception {
    long invoiceId = invoiceDelivered();
    ledger.enqueueReply(422, "{\"error\":\"validation\"}");
    long id = store.refundInvoice(invoiceId);
    ledger.take();
    Await.until(() -> store.outbox().get(1).status() == OutboxRow.Status.DEAD_LETTERED);

    clock.advance(Duration.ofDays(60));
    assertThat(store.runOutboxGc()).isEqualTo(1);
    assertThat(store.saveCreditMemoAgain(id)).isFalse();
    assertThat(store.outbox())
        .singleElement()
        .extracting(OutboxRow::status)
        .isEqualTo(OutboxRow.Status.DEAD_LETTERED);
  }

  @Test
  void memoIdsHaveTheirOwnSequenceAndOfflineMemosUseTheirOwnWebsiteAndStore() throws Exception {
    invoiceDelivered();
    invoiceDelivered();

    long offline =
        store.raiseCreditMemo(
            StoreCreditMemo.builder()
                .websiteId(3)
                .storeId(7)
                .line("X", "X", "1", "5", "0")
                .build());

    assertThat(offline).isEqualTo(1);
    assertThat(ledger.take().bodyText())
        .startsWith("{\"magento_entity_id\":1,\"website_id\":3,\"store_id\":7,");
  }

  @Test
  void syncStateForACreditMemoIsStoredAndReadable() throws Exception {
    long id = store.refundInvoice(invoiceDelivered());
    StoreClient client = new StoreClient(store, MASTER, NOW.getEpochSecond());

    HttpResponse<String> r =
        client.post(
            "/rest/V1/byte8/sync-state",
            "{\"entity_type\":\"creditmemo\",\"magento_entity_id\":"
                + id
                + ",\"provider\":\"sage_accounting\",\"sync_status\":\"synced\","
                + "\"provider_entity_id\":\"4f1c\",\"provider_reference\":\"SCN-1\","
                + "\"last_sync_at\":\"2026-04-29 10:12:00\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("[]");
    assertThat(store.syncState("creditmemo", id))
        .hasValue(
            new SyncState(
                "creditmemo",
                id,
                "sage_accounting",
                "synced",
                "4f1c",
                "SCN-1",
                null,
                null,
                "2026-04-29 10:12:00"));
    assertThat(store.syncState("invoice", id).orElseThrow().syncStatus()).isEqualTo("pending");
    assertThat(store.acceptedPushes("creditmemo")).containsOnlyKeys(id);
    assertThat(
            store.acceptedPushes("creditmemo").get(id).get(0).path("provider_reference").asText())
        .isEqualTo("SCN-1");
    assertThat(store.acceptedInvoicePushes()).isEmpty();
  }
}
