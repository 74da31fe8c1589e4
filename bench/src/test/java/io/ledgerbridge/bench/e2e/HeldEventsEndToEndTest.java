package io.ledgerbridge.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.store.OutboxRow;
import io.ledgerbridge.sandbox.store.SyncState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paused binding over real HTTP: the store's webhook is accepted (202, the outbox row succeeds,
 * nothing is dead-lettered), the run waits without posting to Sage or counting a failure, and once
 * the binding is resumed the held event syncs by itself.
 */
class HeldEventsEndToEndTest {
  @TempDir Path dataDir;
  private DemoEnvironment env;

  @BeforeEach
  void start() {
    env =
        DemoEnvironment.start(
            AppConfig.from(
                    Map.of(
                        "LEDGER_HTTP_PORT", "0",
                        "LEDGER_SWEEP_MS", "100",
                        "LEDGER_HELD_RECHECK_SECONDS", "1"))
                .withDataDir(dataDir),
            p -> p);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aPausedBindingAcceptsTheStoresEventsHoldsThemAndSyncsThemOnceResumed() throws Exception {
    env.chassis().registration().changeStatus(env.tenant(), BindingStatus.PAUSED);
    long id = env.store().raiseInvoice(SampleInvoices.all().get(0).invoice());

    OutboxRow row = awaitDelivered("invoice.created:" + id);
    SyncRun held = awaitRun(id, SyncRunStatus.WAITING);
    Thread.sleep(2_500); // two held rechecks: still waiting, nothing posted, no failure counted

    assertThat(row.status()).isEqualTo(OutboxRow.Status.SUCCEEDED);
    assertThat(row.lastStatusCode()).isEqualTo(202);
    assertThat(row.attempts()).isEqualTo(1);
    SyncRun stillHeld = runFor(id);
    assertThat(stillHeld.id()).isEqualTo(held.id());
    assertThat(stillHeld.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(stillHeld.attempts()).isZero();
    assertThat(stillHeld.errorMessage()).contains("binding paused");
    assertThat(env.sage().salesInvoices(env.sage().defaultBusinessId())).isEmpty();

    env.chassis().registration().changeStatus(env.tenant(), BindingStatus.ACTIVE);
    SyncState state = InvoiceCreatedEndToEndTest.awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("synced");
    assertThat(runFor(id).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(env.sage().salesInvoices(env.sage().defaultBusinessId())).hasSize(1);
  }

  private OutboxRow awaitDelivered(String key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (OutboxRow r : env.store().outbox()) {
        if (r.idempotencyKey().equals(key) && r.status() != OutboxRow.Status.PENDING) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(key + " was never delivered");
  }

  private SyncRun awaitRun(long invoiceId, SyncRunStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<SyncRun> runs =
          env.chassis().query().recent(new RunQuery(null, null, "invoice.created", invoiceId, 10));
      if (!runs.isEmpty() && runs.get(0).status() == status) {
        return runs.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run of invoice " + invoiceId + " never reached " + status);
  }

  private SyncRun runFor(long invoiceId) {
    return env.chassis()
        .query()
        .recent(new RunQuery(null, null, "invoice.created", invoiceId, 10))
        .get(0);
  }
}
