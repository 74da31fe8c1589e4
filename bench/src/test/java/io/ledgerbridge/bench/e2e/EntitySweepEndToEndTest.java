package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.ports.service.EntitySweepService;
import io.ledgerbridge.sandbox.store.OutboxRow;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation sweep over real HTTP, against a sandbox store that drops a repeat of a fixed
 * idempotency key while the first row is in its outbox, exactly as the module does: the second edit
 * of a customer never arrives as an event, and the sweep makes Sage follow it anyway; an unchanged
 * customer costs no Sage write and no status push; a deleted one ends skipped.
 */
class EntitySweepEndToEndTest {
  private static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");
  private static final StoreAddress LEEDS = StoreAddress.of("9 Park Row", "Leeds", "LS1 5HD", "GB");

  @TempDir Path dataDir;
  private DemoEnvironment env;

  @BeforeEach
  void start() {
    AppConfig config =
        AppConfig.from(
                Map.of(
                    "LEDGER_HTTP_PORT", "0",
                    "LEDGER_SWEEP_MS", "100",
                    "LEDGER_HELD_RECHECK_SECONDS", "1",
                    "LEDGER_ENTITY_SWEEP_SPREAD_MINUTES", "0"))
            .withDataDir(dataDir);
    env = DemoEnvironment.start(config, p -> p);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static StoreCustomer jane(StoreAddress address) {
    return StoreCustomer.builder()
        .id(42)
        .email("jane.doe@example.com")
        .name("Jane", "Doe")
        .defaultAddress(address)
        .build();
  }

  @Test
  void anEditTheStoreNeverSendsReachesSageThroughTheSweepAndNothingElseIsSent() throws Exception {
    String business = env.sage().defaultBusinessId();
    env.store().saveCustomer(jane(LONDON));
    SyncRun first = awaitRuns("customer.upserted", 1).get(0);
    assertThat(first.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    String contactId = first.sageEntityId();

    // the second edit is dropped by the store: its key is still in the outbox
    env.store().saveCustomer(jane(LEEDS));
    assertThat(
            env.store().outbox().stream()
                .filter(r -> r.idempotencyKey().equals("customer.upserted:42"))
                .map(OutboxRow::status))
        .containsExactly(OutboxRow.Status.SUCCEEDED);
    Thread.sleep(500);
    assertThat(runs("customer.upserted")).hasSize(1);
    assertThat(city(business, contactId)).isEqualTo("London");
    int pushes = env.store().syncStateCalls().size();
    int puts = env.sage().putCount("/contacts");

    Instant now = Instant.now();
    EntitySweepService.Summary swept = env.chassis().entitySweep().sweep(now);

    assertThat(swept.customers()).isEqualTo(1);
    SyncRun reconciled = awaitRuns("customer.reconciled", 1).get(0);
    assertThat(reconciled.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(reconciled.storeEntityId()).isEqualTo(42);
    assertThat(city(business, contactId)).isEqualTo("Leeds");
    assertThat(env.sage().putCount("/contacts")).isEqualTo(puts + 1);
    await("the change pushed", () -> env.store().syncStateCalls().size() == pushes + 1);

    // the same cycle again (a second relay): nothing new
    EntitySweepService.Summary again = env.chassis().entitySweep().sweep(now);
    assertThat(again.customers()).isZero();
    assertThat(again.alreadySwept()).isEqualTo(1);

    // the next cycle finds the customer unchanged: a run, no Sage write, no status push
    env.chassis().entitySweep().sweep(now.plus(Duration.ofDays(1)));
    List<SyncRun> later = awaitRuns("customer.reconciled", 2);
    assertThat(later.get(0).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(env.chassis().query().attempts(later.get(0).id()))
        .anySatisfy(a -> assertThat(a.message()).contains("unchanged: GBP"));
    Thread.sleep(500);
    assertThat(env.sage().putCount("/contacts")).isEqualTo(puts + 1);
    assertThat(env.store().syncStateCalls()).hasSize(pushes + 1);

    // the store deletes the customer: the next cycle's run ends skipped, quietly
    env.store().deleteCustomer(42);
    env.chassis().entitySweep().sweep(now.plus(Duration.ofDays(2)));
    List<SyncRun> gone = awaitRuns("customer.reconciled", 3);
    assertThat(gone.get(0).status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(gone.get(0).skipReason()).isEqualTo("entity_not_in_store");
    Thread.sleep(500);
    assertThat(env.store().syncStateCalls()).hasSize(pushes + 1);
  }

  @Test
  void theSweepLooksOnlyAtEntitiesSyncedFromAStoreEventWithinItsWindow() throws Exception {
    env.store().saveCustomer(jane(LONDON));
    awaitRuns("customer.upserted", 1);

    // 91 days on, the customer's store event is outside the 90-day window
    EntitySweepService.Summary outside =
        env.chassis().entitySweep().sweep(Instant.now().plus(Duration.ofDays(91)));

    assertThat(outside.customers()).isZero();
    assertThat(outside.products()).isZero();
    assertThat(runs("customer.reconciled")).isEmpty();
  }

  private String city(String business, String contactId) {
    JsonNode contact = env.sage().contact(business, contactId).orElseThrow();
    return contact.path("main_address").path("city").asText();
  }

  private List<SyncRun> runs(String event) {
    return env.chassis().query().recent(new RunQuery(null, null, event, 42L, 20));
  }

  /** Waits until {@code n} runs of {@code event} exist and the newest has ended; newest first. */
  private List<SyncRun> awaitRuns(String event, int n) throws InterruptedException {
    await(
        n + " runs of " + event,
        () -> {
          List<SyncRun> r = runs(event);
          return r.size() >= n && r.get(0).status().isTerminal();
        });
    return runs(event);
  }
}
