package io.ledgerbridge.core.syncrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.failure.ErrorClass;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncRunTest {
  private static final Instant T0 = Instant.parse("2026-04-29T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final Instant T2 = T0.plusSeconds(2);
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private static SyncRun accepted() {
    return SyncRun.accepted(
        ID, "tenant-1", EventType.INVOICE_CREATED, 42, "invoice.created:42", 3, T0);
  }

  private static ErrorClass anyErrorClass() {
    return ErrorClass.values()[0];
  }

  @Test
  void acceptedRunIsQueuedAtVersionZero() {
    SyncRun run = accepted();
    assertThat(run.status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(run.version()).isZero();
    assertThat(run.attempts()).isZero();
    assertThat(run.policyVersion()).isEqualTo(3);
    assertThat(run.createdAt()).isEqualTo(T0);
  }

  @Test
  void startCountsAnAttemptAndBumpsVersion() {
    SyncRun running = accepted().start(T1);
    assertThat(running.status()).isEqualTo(SyncRunStatus.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.version()).isEqualTo(1);
    assertThat(running.updatedAt()).isEqualTo(T1);
    assertThat(running.createdAt()).isEqualTo(T0);
  }

  @Test
  void succeedRecordsSageIdAndReference() {
    SyncRun done = accepted().start(T1).succeed("abc123", "SI-27", T2);
    assertThat(done.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(done.sageEntityId()).isEqualTo("abc123");
    assertThat(done.sageReference()).isEqualTo("SI-27");
    assertThat(done.version()).isEqualTo(2);
  }

  @Test
  void skipRecordsReasonAndExplanation() {
    SyncRun skipped = accepted().start(T1).skip("invoice_not_paid", "only paid", T2);
    assertThat(skipped.status()).isEqualTo(SyncRunStatus.SKIPPED_BY_POLICY);
    assertThat(skipped.skipReason()).isEqualTo("invoice_not_paid");
    assertThat(skipped.errorMessage()).isEqualTo("only paid");
  }

  @Test
  void failRecordsErrorCode() {
    ErrorClass ec = anyErrorClass();
    SyncRun failed = accepted().start(T1).fail(ec, "boom", T2);
    assertThat(failed.status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo(ec.code());
    assertThat(failed.errorMessage()).isEqualTo("boom");
  }

  @Test
  void retryScheduledRunStartsAgainWithSecondAttempt() {
    SyncRun again = accepted().start(T1).scheduleRetry(anyErrorClass(), "429", T1).start(T2);
    assertThat(again.status()).isEqualTo(SyncRunStatus.RUNNING);
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.errorCode()).isNull();
  }

  @Test
  void requeueOfFailedRunClearsTheError() {
    SyncRun requeued = accepted().start(T1).fail(anyErrorClass(), "boom", T1).requeue(T2);
    assertThat(requeued.status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(requeued.errorCode()).isNull();
    assertThat(requeued.errorMessage()).isNull();
    assertThat(requeued.attempts()).isEqualTo(1);
  }

  @Test
  void succeedFromQueuedThrowsIllegalTransition() {
    assertThatThrownBy(() -> accepted().succeed("x", null, T1))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("QUEUED -> SUCCEEDED");
  }

  @Test
  void requeueOfSucceededRunThrowsIllegalTransition() {
    SyncRun done = accepted().start(T1).succeed("x", null, T1);
    assertThatThrownBy(() -> done.requeue(T2)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void skippedRunCannotBeStartedAgain() {
    SyncRun skipped = accepted().start(T1).skip("zero_value_invoice", "zero", T1);
    assertThatThrownBy(() -> skipped.start(T2)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void illegalTransitionLeavesTheOriginalUnchanged() {
    SyncRun run = accepted();
    assertThatThrownBy(() -> run.skip("r", "e", T1)).isInstanceOf(IllegalTransitionException.class);
    assertThat(run.status()).isEqualTo(SyncRunStatus.QUEUED);
    assertThat(run.version()).isZero();
  }

  @Test
  void aWaitingRunHeldForAnotherReasonKeepsWaitingWithItAsANewVersion() {
    SyncRun waiting =
        accepted().start(T1).awaitDependency("binding token_revoked: invalid_grant", T1);
    assertThat(waiting.attempts()).isZero();

    SyncRun held = waiting.hold("binding paused: events are held", T2);

    assertThat(held.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(held.errorMessage()).isEqualTo("binding paused: events are held");
    assertThat(held.version()).isEqualTo(waiting.version() + 1);
    assertThat(held.updatedAt()).isEqualTo(T2);
    assertThat(held.attempts()).isZero();
    assertThat(held.start(T2).status()).isEqualTo(SyncRunStatus.RUNNING);
  }

  @Test
  void holdingAQueuedRunMakesItWait() {
    SyncRun held = accepted().hold("binding paused", T1);
    assertThat(held.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(held.errorMessage()).isEqualTo("binding paused");
    assertThat(held.version()).isEqualTo(1);
  }

  @Test
  void anEndedRunCannotBeHeld() {
    SyncRun done = accepted().start(T1).succeed("abc123", "SI-27", T2);
    assertThatThrownBy(() -> done.hold("binding paused", T2))
        .isInstanceOf(IllegalTransitionException.class);
  }
}
