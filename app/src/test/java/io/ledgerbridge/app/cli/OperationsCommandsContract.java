package io.ledgerbridge.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator commands run as {@code ledgerbridge ...} against a real database: what they print,
 * what they change and their exit codes. Every clock is fixed: the commands run at {@link #NOW},
 * the seeded rows were written hours or minutes before it.
 */
abstract class OperationsCommandsContract {
  static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");
  static final String TENANT = "shop-ops";
  static final String API_KEY = "ops-api-key-0123456789abcdef0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Supplier<AppConfig> savedConfig;
  private Clock savedClock;
  private SandboxStore store;
  AppConfig config;

  /** The configuration of a fresh, empty database. */
  abstract AppConfig freshDatabase() throws Exception;

  /** Drops what {@link #freshDatabase} made. */
  abstract void dropDatabase() throws Exception;

  record Result(int exit, String out, String err) {}

  Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  JsonNode json(Result r) throws Exception {
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    return JSON.readTree(r.out());
  }

  // seeded ids
  UUID failedRun;
  UUID deadSyncJob;
  UUID deadPushJob;
  UUID pushedRun;
  UUID leasedJob;
  UUID paymentFailedRun;

  @BeforeEach
  void seed() throws Exception {
    savedConfig = Cli.config;
    savedClock = Cli.clock;
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, API_KEY)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
    config = freshDatabase();
    Cli.config = () -> config;
    Cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Instant old = NOW.minus(Duration.ofHours(3));
    Instant recent = NOW.minus(Duration.ofMinutes(10));
    try (Chassis c = Chassis.open(config, Clock.fixed(old, ZoneOffset.UTC))) {
      c.persistence()
          .bindings()
          .add(
              new Binding(
                  TENANT,
                  store.baseUrl(),
                  Binding.DEFAULT_SAGE_API_URL,
                  Binding.DEFAULT_SAGE_TOKEN_URL,
                  "b".repeat(32),
                  "GB",
                  "GBP",
                  BindingStatus.ACTIVE,
                  old),
              new BindingSecrets(API_KEY, "client", "secret"));
      // invoice 7: failed, its sync job dead-lettered three hours ago
      failedRun = run(c, EventType.INVOICE_CREATED, 7, old, SyncRunStatus.FAILED);
      deadSyncJob = job(c, JobKind.SYNC, failedRun, old);
      c.jobQueue().deadLetter(deadSyncJob, "validation: refused");
      // invoice 8: in Sage; its sync job done, its push dead-lettered
      pushedRun = run(c, EventType.INVOICE_CREATED, 8, old, SyncRunStatus.SUCCEEDED);
      c.jobQueue().complete(job(c, JobKind.SYNC, pushedRun, old));
      deadPushJob = job(c, JobKind.PUSH, pushedRun, old);
      c.jobQueue().deadLetter(deadPushJob, "provider: store down");
      // invoice 8's payment failed, without a job left (another tenant's filter must skip it)
      paymentFailedRun = run(c, EventType.INVOICE_PAID, 8, old, SyncRunStatus.FAILED);
    }
    try (Chassis c = Chassis.open(config, Clock.fixed(recent, ZoneOffset.UTC))) {
      // invoice 9: a job claimed ten minutes ago by a worker that is gone, leased for an hour
      UUID run9 = run(c, EventType.INVOICE_CREATED, 9, recent, SyncRunStatus.QUEUED);
      leasedJob = job(c, JobKind.SYNC, run9, recent);
      assertThat(c.jobQueue().claimDue(recent, 10, Duration.ofHours(1)))
          .extracting(Job::id)
          .containsExactly(leasedJob);
    }
  }

  private static UUID run(Chassis c, EventType event, long id, Instant at, SyncRunStatus status) {
    SyncRun r =
        SyncRun.accepted(UUID.randomUUID(), TENANT, event, id, "k-" + UUID.randomUUID(), 1, at);
    c.persistence().syncRuns().insert(r);
    if (status == SyncRunStatus.QUEUED) {
      return r.id();
    }
    SyncRun started = r.start(at);
    c.persistence().syncRuns().transition(started);
    c.persistence()
        .syncRuns()
        .transition(
            status == SyncRunStatus.FAILED
                ? started.fail(ErrorClass.VALIDATION, "refused", at)
                : started.succeed("sage-" + id, "SI-" + id, at));
    return r.id();
  }

  private static UUID job(Chassis c, JobKind kind, UUID run, Instant at) {
    UUID id = UUID.randomUUID();
    c.jobQueue().enqueue(Job.newJob(id, kind, run, TENANT, at));
    return id;
  }

  @AfterEach
  void restore() throws Exception {
    Cli.config = savedConfig;
    Cli.clock = savedClock;
    if (store != null) {
      store.close();
    }
    dropDatabase();
  }

  @Test
  void inspectCountsJobsPerStateAndFiltersByStateTenantAndAge() throws Exception {
    JsonNode all = json(cli("outbox", "inspect", "--json"));
    assertThat(all.get("counts").get("dead_lettered").asLong()).isEqualTo(2);
    assertThat(all.get("counts").get("succeeded").asLong()).isEqualTo(1);
    assertThat(all.get("counts").get("leased").asLong()).isEqualTo(1);
    assertThat(all.get("counts").get("due").asLong()).isZero();
    assertThat(all.get("total").asLong()).isEqualTo(4);
    assertThat(all.get("redis_streams").asBoolean()).isFalse();

    JsonNode dead = json(cli("outbox", "inspect", "--status", "dead_lettered", "--json"));
    assertThat(dead.get("jobs")).hasSize(2);
    assertThat(dead.get("jobs").get(0).get("state").asText()).isEqualTo("dead_lettered");

    JsonNode old = json(cli("outbox", "inspect", "--older-than", "2h", "--json"));
    assertThat(old.get("total").asLong()).isEqualTo(3); // the leased one changed 10 minutes ago
    JsonNode other = json(cli("outbox", "inspect", "--tenant-id", "nobody", "--json"));
    assertThat(other.get("total").asLong()).isZero();

    Result table = cli("outbox", "inspect", "--status", "leased,dead_lettered");
    assertThat(table.exit()).isZero();
    assertThat(table.out())
        .contains("STATE", "dead_lettered", "leased", "total")
        .contains(leasedJob.toString());
  }

  @Test
  void requeueRetriesADeadSyncJobsRunMakesADeadPushDueAndReleasesAStuckLease() throws Exception {
    Result dry = cli("outbox", "requeue", "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("2 job(s) would be re-queued");

    Result r = cli("outbox", "requeue", "--json");
    JsonNode summary = json(r);
    assertThat(summary.get("requeued").asInt()).isEqualTo(2);
    assertThat(summary.get("refused")).isEmpty();
    try (Chassis c = Chassis.open(config, Clock.fixed(NOW, ZoneOffset.UTC))) {
      assertThat(c.query().find(failedRun).orElseThrow().status()).isEqualTo(SyncRunStatus.QUEUED);
    }
    JsonNode after = json(cli("outbox", "inspect", "--json"));
    assertThat(after.get("counts").get("dead_lettered").asLong()).isEqualTo(1); // superseded
    assertThat(after.get("counts").get("due").asLong()).isEqualTo(2); // new sync job + push
    assertThat(json(cli("runs", "dead-letters", "--json"))).isEmpty();

    // a second requeue finds the superseded dead letter and says why it leaves it alone
    Result again = cli("outbox", "requeue");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains(deadSyncJob.toString()).contains("retried already");

    Result stuck = cli("outbox", "requeue", "--status", "leased", "--older-than", "5m");
    assertThat(stuck.exit()).as(stuck.err()).isZero();
    assertThat(stuck.out()).contains("1 job(s) re-queued");
    assertThat(json(cli("outbox", "inspect", "--json")).get("counts").get("leased").asLong())
        .isZero();
  }

  @Test
  void cleanupDeletesOnlyEndedJobsOlderThanTheCutoffAndDryRunDeletesNothing() throws Exception {
    Result dry = cli("outbox", "cleanup", "--older-than", "2h", "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would delete 1 succeeded, 2 dead_lettered job(s)");
    assertThat(json(cli("outbox", "inspect", "--json")).get("total").asLong()).isEqualTo(4);

    assertThat(
            json(cli("outbox", "cleanup", "--older-than", "4h", "--json")).get("deleted").asLong())
        .isZero();
    JsonNode done =
        json(cli("outbox", "cleanup", "--older-than", "2h", "--status", "succeeded", "--json"));
    assertThat(done.get("deleted").asLong()).isEqualTo(1);
    Result rest = cli("outbox", "cleanup", "--older-than", "2h");
    assertThat(rest.out()).contains("deleted 2 of 0 succeeded, 2 dead_lettered job(s)");
    JsonNode after = json(cli("outbox", "inspect", "--json"));
    assertThat(after.get("total").asLong()).isEqualTo(1);
    assertThat(after.get("counts").get("leased").asLong()).isEqualTo(1);
  }

  @Test
  void retryByFilterRetriesOnlyTheFailedRunsThatMatch() throws Exception {
    Result none = cli("runs", "retry", "--tenant-id", "nobody");
    assertThat(none.exit()).isZero();
    assertThat(none.out()).contains("no failed run matches");

    JsonNode paid =
        json(cli("runs", "retry", "--event", "invoice.paid", "--entity-id", "8", "--json"));
    assertThat(paid.get("requeued").asInt()).isEqualTo(1);
    Result later = cli("runs", "retry", "--since", "2030-01-15T11:00:00Z", "--tenant-id", TENANT);
    assertThat(later.out()).contains("no failed run matches");
    Result rest = cli("runs", "retry", "--tenant-id", TENANT, "--until", "2030-01-16");
    assertThat(rest.exit()).as(rest.err()).isZero();
    assertThat(rest.out()).contains("1 run(s) re-queued");
    JsonNode failed = json(cli("runs", "list", "--status", "failed", "--json"));
    assertThat(failed).isEmpty();
    JsonNode queued =
        json(cli("runs", "list", "--status", "queued", "--tenant-id", TENANT, "--json"));
    assertThat(queued).hasSize(3);
  }

  @Test
  void backfillPushesEachEntitysCombinedStateToTheStore() throws Exception {
    JsonNode s = json(cli("sync-state", "backfill", "--tenant-id", TENANT, "--json"));
    assertThat(s.get("entities").asInt()).isEqualTo(2); // invoices 7 and 8; 9 has not ended
    assertThat(s.get("pushed").asInt()).isEqualTo(2);
    assertThat(s.get("failed").asInt()).isZero();
    Optional<SyncState> seven = store.syncState("invoice", 7);
    Optional<SyncState> eight = store.syncState("invoice", 8);
    assertThat(seven).isPresent();
    assertThat(seven.get().syncStatus()).isEqualTo("failed");
    // invoice 8: in Sage, but its payment failed: the combined state, not the invoice's alone
    assertThat(eight).isPresent();
    assertThat(eight.get().syncStatus()).isEqualTo("failed");
    assertThat(store.syncState("invoice", 9)).isEmpty();

    Result unknown = cli("sync-state", "backfill", "--tenant-id", "nobody");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err().strip()).isEqualTo("error: no binding for tenant nobody");
  }
}
