package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UnitOfWork} must do, together with the repositories that join it. Fakes without
 * real rollback override {@link #supportsRollback()}.
 */
public abstract class UnitOfWorkContract {
  private static final java.time.Instant OCCURRED = java.time.Instant.parse("2026-04-29T10:11:12Z");
  protected final MutableClock clock = MutableClock.standard();
  private Fixture f;

  /** A unit of work and repositories that join it, all over the same store. */
  public record Fixture(
      UnitOfWork uow,
      SyncRunRepository runs,
      JobQueue jobs,
      IdempotencyRepository idempotency,
      EntityXrefRepository xrefs) {}

  protected abstract Fixture createFixture(MutableClock clock);

  protected boolean supportsRollback() {
    return true;
  }

  @BeforeEach
  void setUpFixture() {
    f = createFixture(clock);
  }

  private SyncRun run() {
    return SyncRun.accepted(
        UUID.randomUUID(),
        "t-1",
        EventType.INVOICE_CREATED,
        42,
        "k-" + UUID.randomUUID(),
        0,
        clock.instant());
  }

  @Test
  void commitsWorkAndReturnsItsResult() {
    SyncRun run = run();
    Job job = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run.id(), "t-1", clock.instant());

    String result =
        f.uow()
            .inTransaction(
                () -> {
                  f.runs().insert(run);
                  f.jobs().enqueue(job);
                  return "done";
                });

    assertThat(result).isEqualTo("done");
    assertThat(f.runs().find(run.id())).contains(run);
    assertThat(f.jobs().claimDue(clock.instant(), 10, Duration.ofSeconds(30))).containsExactly(job);
  }

  @Test
  void rollbackDiscardsEveryWriteOfTheTransaction() {
    assumeTrue(supportsRollback(), "this unit of work cannot roll back");
    SyncRun run = run();
    Job job = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run.id(), "t-1", clock.instant());

    assertThatThrownBy(
            () ->
                f.uow()
                    .run(
                        () -> {
                          f.runs().insert(run);
                          f.jobs().enqueue(job);
                          f.idempotency()
                              .claim("t-1", "key-r", OCCURRED, run.id(), clock.instant());
                          throw new IllegalStateException("boom");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    assertThat(f.runs().find(run.id())).isEmpty();
    assertThat(f.jobs().claimDue(clock.instant(), 10, Duration.ofSeconds(30))).isEmpty();
    UUID other = UUID.randomUUID();
    assertThat(f.idempotency().claim("t-1", "key-r", OCCURRED, other, clock.instant()))
        .isEqualTo(other);
  }

  @Test
  void nestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
    assumeTrue(supportsRollback(), "this unit of work cannot roll back");
    SyncRun run = run();

    assertThatThrownBy(
            () ->
                f.uow()
                    .run(
                        () -> {
                          f.uow().run(() -> f.runs().insert(run));
                          throw new IllegalStateException("outer fails");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(f.runs().find(run.id())).isEmpty();
  }

  @Test
  void afterCommitCallbacksRunOnlyOnceTheOutermostTransactionCommitted() {
    List<String> events = new ArrayList<>();

    f.uow()
        .run(
            () -> {
              f.uow().afterCommit(() -> events.add("outer callback"));
              f.uow().run(() -> f.uow().afterCommit(() -> events.add("inner callback")));
              events.add("end of outer work");
            });

    assertThat(events).containsExactly("end of outer work", "outer callback", "inner callback");
  }

  @Test
  void afterCommitCallbacksNeverRunAfterARollback() {
    List<String> events = new ArrayList<>();

    assertThatThrownBy(
            () ->
                f.uow()
                    .run(
                        () -> {
                          f.uow().afterCommit(() -> events.add("callback"));
                          throw new IllegalStateException("boom");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(events).isEmpty();
    f.uow().run(() -> events.add("next transaction"));
    assertThat(events).containsExactly("next transaction");
  }

  @Test
  void afterCommitOutsideATransactionRunsAtOnce() {
    List<String> events = new ArrayList<>();

    f.uow().afterCommit(() -> events.add("now"));

    assertThat(events).containsExactly("now");
  }

  @Test
  void losingIdempotencyAndXrefInsertsDoNotSpoilTheSurroundingTransaction() {
    UUID first = UUID.randomUUID();
    f.idempotency().claim("t-1", "dup", OCCURRED, first, clock.instant());
    EntityXref x =
        new EntityXref("t-1", "invoice", "42", "sales_invoice", "s1", "SI-1", clock.instant());
    f.xrefs().record(x);
    SyncRun run = run();

    UUID winner =
        f.uow()
            .inTransaction(
                () -> {
                  UUID w =
                      f.idempotency()
                          .claim("t-1", "dup", OCCURRED, UUID.randomUUID(), clock.instant());
                  f.xrefs()
                      .record(
                          new EntityXref(
                              "t-1",
                              "invoice",
                              "42",
                              "sales_invoice",
                              "s2",
                              "SI-2",
                              clock.instant()));
                  f.runs().insert(run);
                  return w;
                });

    assertThat(winner).isEqualTo(first);
    assertThat(f.runs().find(run.id())).contains(run);
    assertThat(f.xrefs().find("t-1", "invoice", "42", "sales_invoice")).contains(x);
  }
}
