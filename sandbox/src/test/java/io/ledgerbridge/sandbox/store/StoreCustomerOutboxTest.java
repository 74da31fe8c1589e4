package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code customer.upserted} (WIRE §5.1, §5.2: CustomerUpsertedObserver on {@code
 * customer_save_after}): raised by every save with the fixed key {@code customer.upserted:<id>},
 * dropped while a row with that key is in the outbox in any status, raised again after the GC cron;
 * nothing while the store is not connected.
 */
class StoreCustomerOutboxTest {

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
                .build()); // real backoff: a failed row stays pending until retryOutboxNow
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  private static StoreCustomer.Builder ann() {
    return StoreCustomer.builder().email("ann@example.com").name("Ann", "Lee").websiteId(3);
  }

  @Test
  void aNewCustomerRaisesCustomerUpsertedWithTheModulesEnvelope() throws Exception {
    ledger.enqueueReply(202, "{\"sync_run_id\":\"run-c\"}");

    long id = store.saveCustomer(ann().storeId(4).build());

    TestLedger.Received r = ledger.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/webhooks/magento/tenant-1/customer.upserted");
    assertThat(r.header("Idempotency-Key")).isEqualTo("customer.upserted:" + id);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":3,\"store_id\":0,"
                + "\"occurred_at\":\"2026-04-29T10:11:12Z\",\"payload\":{}}");
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);
    assertThat(store.outbox().get(0).eventName()).isEqualTo("customer.upserted");
    assertThat(store.syncRunIdForKey("customer.upserted:1")).hasValue("run-c");
    assertThat(store.syncState("customer", id))
        .hasValue(
            new SyncState(
                "customer",
                1,
                SandboxStore.PROVIDER,
                "pending",
                null,
                null,
                null,
                null,
                "2026-04-29 10:11:12"));
  }

  @Test
  void aSecondEditWhileTheFirstRowIsInTheOutboxIsDroppedUntilGarbageCollected() throws Exception {
    ledger.enqueueReply(503, "{}"); // the first delivery waits on its backoff: still pending
    long id = store.saveCustomer(ann().build());
    ledger.take();
    Await.until(() -> store.outbox().get(0).attempts() == 1);
    String firstBody = store.outbox().get(0).payload();

    clock.advance(Duration.ofMinutes(1));
    store.saveCustomer(store.customer(id).orElseThrow().toBuilder().lastName("Lee-Park").build());
    assertThat(store.outbox()).hasSize(1);
    assertThat(store.customer(id).orElseThrow().lastName()).isEqualTo("Lee-Park");

    store.retryOutboxNow();
    assertThat(ledger.take().bodyText()).isEqualTo(firstBody);
    Await.until(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);

    // succeeded, the row still blocks the key: a later edit reaches the ledger never
    clock.advance(Duration.ofDays(1));
    store.saveCustomer(store.customer(id).orElseThrow().toBuilder().firstName("Anne").build());
    store.drainOutboxNow();
    assertThat(store.outbox())
        .singleElement()
        .extracting(OutboxRow::idempotencyKey)
        .isEqualTo("customer.upserted:1");
    assertThat(ledger.all()).hasSize(2);
    // the mirror write still runs for each dropped duplicate
    assertThat(store.syncState("customer", id).orElseThrow().lastSyncAt())
        .isEqualTo("2026-04-30 10:12:12");

    clock.advance(Duration.ofDays(30));
    assertThat(store.runOutboxGc()).isEqualTo(1);
    store.saveCustomer(store.customer(id).orElseThrow().toBuilder().build());
    TestLedger.Received again = ledger.take();
    assertThat(again.header("Idempotency-Key")).isEqualTo("customer.upserted:1");
    assertThat(again.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":3,\"store_id\":0,"
                + "\"occurred_at\":\"2026-05-30T10:12:12Z\",\"payload\":{}}");
  }

  @Test
  void differentCustomersHaveTheirOwnKeysAndRegisteredBuyersRaiseNoCustomerEvent()
      throws Exception {
    store.raiseInvoice(
        StoreInvoice.builder()
            .customer(StoreContact.registered(9, "kari@example.no", "Kari", "Nordmann"))
            .build());
    assertThat(ledger.take().header("Idempotency-Key")).isEqualTo("invoice.created:1");

    long ann = store.saveCustomer(ann().build());
    long kari =
        store.saveCustomer(store.customer(9).orElseThrow().toBuilder().lastName("N.").build());

    assertThat(ann).isEqualTo(10);
    assertThat(kari).isEqualTo(9);
    assertThat(ledger.take().header("Idempotency-Key")).isEqualTo("customer.upserted:10");
    TestLedger.Received second = ledger.take();
    assertThat(second.header("Idempotency-Key")).isEqualTo("customer.upserted:9");
    assertThat(second.bodyText()).startsWith("{\"magento_entity_id\":9,\"website_id\":1,");
  }

  @Test
  void whileNotConnectedSavesEnqueueNothingAndWriteNoMirrorRow() throws Exception {
    store.disconnect();
    ledger.take(); // the disconnect notification

    long id = store.saveCustomer(ann().build());
    store.drainOutboxNow();

    assertThat(store.customer(id)).isPresent();
    assertThat(store.outbox()).isEmpty();
    assertThat(store.syncState("customer", id)).isEmpty();
    assertThat(ledger.all()).hasSize(1);
  }
}
