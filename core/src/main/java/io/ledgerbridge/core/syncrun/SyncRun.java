package io.ledgerbridge.core.syncrun;

import io.ledgerbridge.core.failure.ErrorClass;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One accepted store event and what became of it. Immutable; every change goes through an intent
 * method and the one guarded {@link #transitionTo}. {@code version} increments on every transition
 * and is the compare-and-set token for persistence.
 */
public record SyncRun(
    UUID id,
    String tenantId,
    EventType event,
    long storeEntityId,
    String idempotencyKey,
    SyncRunStatus status,
    int policyVersion,
    int attempts,
    String sageEntityId,
    String sageReference,
    String errorCode,
    String errorMessage,
    String skipReason,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public SyncRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static SyncRun accepted(
      UUID id,
      String tenantId,
      EventType event,
      long storeEntityId,
      String idempotencyKey,
      int policyVersion,
      Instant now) {
    return new SyncRun(
        id,
        tenantId,
        event,
        storeEntityId,
        idempotencyKey,
        SyncRunStatus.QUEUED,
        policyVersion,
        0,
        null,
        null,
        null,
        null,
        null,
        now,
        now,
        0);
  }

  public SyncRun start(Instant now) {
    SyncRun next = transitionTo(SyncRunStatus.RUNNING, now);
    return next.with(attempts + 1, sageEntityId, sageReference, null, null, null);
  }

  public SyncRun succeed(String sageId, String sageRef, Instant now) {
    Objects.requireNonNull(sageId, "sageId");
    return transitionTo(SyncRunStatus.SUCCEEDED, now)
        .with(attempts, sageId, sageRef, null, null, null);
  }

  public SyncRun skip(String reasonCode, String explanation, Instant now) {
    Objects.requireNonNull(reasonCode, "reasonCode");
    return transitionTo(SyncRunStatus.SKIPPED_BY_POLICY, now)
        .with(attempts, null, null, null, explanation, reasonCode);
  }

  public SyncRun fail(ErrorClass errorClass, String message, Instant now) {
    Objects.requireNonNull(errorClass, "errorClass");
    return transitionTo(SyncRunStatus.FAILED, now)
        .with(attempts, sageEntityId, sageReference, errorClass.code(), message, null);
  }

  public SyncRun scheduleRetry(ErrorClass errorClass, String message, Instant now) {
    return transitionTo(SyncRunStatus.RETRY_SCHEDULED, now)
        .with(attempts, sageEntityId, sageReference, errorClass.code(), message, null);
  }

  /**
   * Holds the run without counting a failure, with why ({@code reason} shows as its message); it
   * starts again later from where it is. A run already waiting keeps waiting with the new reason
   * (not a transition, but a new version: writing it is still a compare-and-set).
   */
  public SyncRun hold(String reason, Instant now) {
    Objects.requireNonNull(reason, "reason");
    SyncRun waiting =
        status == SyncRunStatus.WAITING
            ? new SyncRun(
                id,
                tenantId,
                event,
                storeEntityId,
                idempotencyKey,
                status,
                policyVersion,
                attempts,
                sageEntityId,
                sageReference,
                errorCode,
                errorMessage,
                skipReason,
                createdAt,
                now,
                version + 1)
            : transitionTo(SyncRunStatus.WAITING, now);
    return waiting.with(attempts, sageEntityId, sageReference, null, reason, null);
  }

  /**
   * A running run found that something it needs is not there yet (its invoice is not in Sage): it
   * waits, with why, and the look it just took does not count as an attempt.
   */
  public SyncRun awaitDependency(String reason, Instant now) {
    Objects.requireNonNull(reason, "reason");
    if (status != SyncRunStatus.RUNNING) {
      throw new IllegalTransitionException("sync_run", status, SyncRunStatus.WAITING);
    }
    return transitionTo(SyncRunStatus.WAITING, now)
        .with(Math.max(0, attempts - 1), sageEntityId, sageReference, null, reason, null);
  }

  /** An operator re-queues a failed run. */
  public SyncRun requeue(Instant now) {
    return transitionTo(SyncRunStatus.QUEUED, now).with(attempts, null, null, null, null, null);
  }

  public SyncRun transitionTo(SyncRunStatus next, Instant now) {
    if (!status.canTransitionTo(next)) {
      throw new IllegalTransitionException("sync_run", status, next);
    }
    return new SyncRun(
        id,
        tenantId,
        event,
        storeEntityId,
        idempotencyKey,
        next,
        policyVersion,
        attempts,
        sageEntityId,
        sageReference,
        errorCode,
        errorMessage,
        skipReason,
        createdAt,
        now,
        version + 1);
  }

  /**
   * The same run (same state and version) with its error message rewritten, e.g. scrubbed of
   * secrets before it is shown. Not a transition.
   */
  public SyncRun withErrorMessage(java.util.function.UnaryOperator<String> rewrite) {
    return errorMessage == null
        ? this
        : with(
            attempts,
            sageEntityId,
            sageReference,
            errorCode,
            rewrite.apply(errorMessage),
            skipReason);
  }

  private SyncRun with(
      int newAttempts,
      String newSageId,
      String newSageRef,
      String newErrorCode,
      String newMessage,
      String newSkipReason) {
    return new SyncRun(
        id,
        tenantId,
        event,
        storeEntityId,
        idempotencyKey,
        status,
        policyVersion,
        newAttempts,
        newSageId,
        newSageRef,
        newErrorCode,
        newMessage,
        newSkipReason,
        createdAt,
        updatedAt,
        version);
  }
}
