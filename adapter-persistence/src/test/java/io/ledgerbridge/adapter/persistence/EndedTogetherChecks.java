package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.service.AcceptWebhookService;
import io.ledgerbridge.ports.service.ProcessorDependencies;
import io.ledgerbridge.ports.service.SyncJobProcessor;
import io.ledgerbridge.ports.sync.SyncContext;
import io.ledgerbridge.ports.sync.SyncEventHandler;
import io.ledgerbridge.ports.sync.SyncOutcome;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Worker-side group commit on a real database: with {@link SyncJobProcessor#writeEndsTogether} on,
 * the runs that succeed or are skipped are written by the ended-run writer in batched transactions,
 * failures at once; a run changed meanwhile fails alone while its batch-mates are written one by
 * one; stopping the writer writes everything queued.
 */
abstract class EndedTogetherChecks {
  private static final String TENANT = "t-ended";
  private static final Instant OCCURRED = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = MutableClock.standard();
  private final List<Integer> together = new CopyOnWriteArrayList<>();
  private PersistenceAdapter adapter;
  private AcceptWebhookService accept;
  private Function<SyncContext, SyncOutcome> outcomes;
  private SyncJobProcessor processor;

  abstract TestDatabase database();

  @BeforeEach
  void setUp() {
    adapter = database().reset(clock);
    adapter
        .bindings()
        .add(
            new Binding(
                TENANT,
                "http://store.test",
                "http://sage.test/v3.1",
                "http://sage.test/token",
                "business-1",
                "GB",
                "GBP",
                BindingStatus.ACTIVE,
                clock.instant()),
            new BindingSecrets("master-key", "client", "secret"));
    adapter.policies().save(TENANT, SyncPolicy.defaults("4000"));
    accept =
        new AcceptWebhookService(
            adapter.bindings(),
            adapter.policies(),
            adapter.syncRuns(),
            adapter.idempotency(),
            adapter.jobQueue(),
            adapter.unitOfWork(),
            () -> {},
            clock,
            UUID::randomUUID);
    SyncEventHandler scripted =
        new SyncEventHandler() {
          @Override
          public EventType event() {
            return EventType.INVOICE_CREATED;
          }

          @Override
          public SyncOutcome handle(SyncContext context) {
            return outcomes.apply(context);
          }
        };
    processor =
        new SyncJobProcessor(
            new ProcessorDependencies(
                adapter.bindings(),
                adapter.policies(),
                adapter.syncRuns(),
                adapter.syncAttempts(),
                adapter.jobQueue(),
                adapter.unitOfWork(),
                () -> {},
                new FakeStoreGateway(),
                BackoffLadder.standard(),
                clock,
                UUID::randomUUID),
            Map.of(EventType.INVOICE_CREATED, scripted),
            new ChassisMetrics() {
              @Override
              public void runsEndedTogether(int size) {
                together.add(size);
              }
            });
  }

  private UUID acceptInvoice(long id) {
    return ((Accepted)
            accept.accept(
                new AcceptWebhookCommand(
                    TENANT, "invoice.created", "invoice.created:" + id, id, 1, 1, OCCURRED)))
        .syncRunId();
  }

  private List<Job> claimAll() {
    return adapter.jobQueue().claimDue(clock.instant(), 100, Duration.ofMinutes(5));
  }

  private SyncRun run(UUID id) {
    return adapter.syncRuns().find(id).orElseThrow();
  }

  private long count(String sql) {
    return adapter
        .unitOfWork()
        .inTransaction(
            () ->
                ((JdbiUnitOfWork) adapter.unitOfWork())
                    .currentHandle()
                    .createQuery(sql)
                    .mapTo(Long.class)
                    .one());
  }

  private static SyncOutcome posted(SyncContext c) {
    long id = c.run().storeEntityId();
    return new SyncOutcome.Posted("sage-" + id, "SI-" + id, "created SI-" + id, "{}", true);
  }

  @Test
  void endedRunsAreWrittenTogetherAndFailuresAtOnce() {
    List<UUID> ids = new ArrayList<>();
    for (long id = 1; id <= 5; id++) {
      ids.add(acceptInvoice(id));
    }
    outcomes =
        c ->
            switch ((int) c.run().storeEntityId()) {
              case 4 -> new SyncOutcome.Skipped(SkipReason.INVOICE_NOT_PAID, "not paid yet");
              case 5 ->
                  new SyncOutcome.Failed(
                      Failure.permanent(ErrorClass.VALIDATION, "post", "Sage said no"), null);
              default -> posted(c);
            };
    List<Job> jobs = claimAll();
    assertThat(jobs).hasSize(5);

    processor.writeEndsTogether(64);
    jobs.forEach(processor::process);
    processor.stopWritingEndsTogether(); // writes what is still queued

    // however the writer cut its batches, every ended run went through one
    assertThat(together.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    for (int i = 0; i < 3; i++) {
      SyncRun done = run(ids.get(i));
      assertThat(done.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
      assertThat(done.sageReference()).isEqualTo("SI-" + (i + 1));
    }
    assertThat(run(ids.get(3)).status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(run(ids.get(4)).status()).isEqualTo(SyncRunStatus.FAILED);
    for (UUID id : ids) {
      assertThat(adapter.syncAttempts().forRun(id)).hasSize(1);
    }
    assertThat(adapter.syncAttempts().forRun(ids.get(0)).get(0).outcome()).isEqualTo("ok");
    assertThat(adapter.syncAttempts().forRun(ids.get(3)).get(0).outcome()).isEqualTo("skipped");
    assertThat(count("SELECT COUNT(*) FROM jobs WHERE kind = 'push' AND status = 'pending'"))
        .isEqualTo(5);
    assertThat(count("SELECT COUNT(*) FROM jobs WHERE kind = 'sync' AND status = 'succeeded'"))
        .isEqualTo(4);
    assertThat(count("SELECT COUNT(*) FROM jobs WHERE kind = 'sync' AND status = 'dead_lettered'"))
        .isEqualTo(1);
    assertThat(claimAll()).extracting(Job::kind).allMatch(k -> k.db().equals("push")).hasSize(5);
  }

  @Test
  void aRunChangedMeanwhileFailsAloneAndItsBatchMatesAreWritten() {
    UUID first = acceptInvoice(1);
    UUID second = acceptInvoice(2);
    UUID third = acceptInvoice(3);
    outcomes =
        c -> {
          if (c.run().storeEntityId() == 1) {
            // someone else moves the run on before its end is written
            assertThat(
                    adapter
                        .syncRuns()
                        .transition(
                            c.run()
                                .scheduleRetry(ErrorClass.INTERNAL, "moved on", clock.instant())))
                .isTrue();
          }
          return posted(c);
        };
    List<Job> jobs = claimAll();

    processor.writeEndsTogether(64);
    jobs.forEach(processor::process);
    processor.stopWritingEndsTogether();

    assertThat(run(second).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(run(third).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    SyncRun moved = run(first);
    assertThat(moved.status()).isNotEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(moved.errorMessage()).isEqualTo("moved on");
    // its job was not completed: it comes back on the retry ladder
    assertThat(
            count(
                "SELECT COUNT(*) FROM jobs WHERE kind = 'sync' AND status = 'pending'"
                    + " AND sync_run_id = '"
                    + first
                    + "'"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM jobs WHERE kind = 'push'")).isEqualTo(2);
    assertThat(adapter.syncAttempts().forRun(second)).hasSize(1);
    assertThat(adapter.syncAttempts().forRun(third)).hasSize(1);
  }

  @Test
  void withoutTheWriterEachRunIsWrittenAsItEnds() {
    UUID only = acceptInvoice(1);
    outcomes = EndedTogetherChecks::posted;

    processor.process(claimAll().get(0));

    assertThat(run(only).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(together).isEmpty();
  }
}
