package io.ledgerbridge.core.syncrun;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.policy.SkipReason;
import java.time.Instant;
import java.util.Objects;

/**
 * What the chassis tells the store about one of its entities, for the store's admin grid: synced
 * (with the Sage id and reference), skipped (with the reason) or failed (with the error class). How
 * that is spelled on the wire belongs to the store adapter.
 */
public record EntitySyncState(
    StoreEntityType entityType,
    long storeEntityId,
    Status status,
    String sageId,
    String sageReference,
    SkipReason skipReason,
    ErrorClass errorClass,
    Instant at) {

  /** The three outcomes the store shows. */
  public enum Status {
    SYNCED,
    SKIPPED,
    FAILED
  }

  public EntitySyncState {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }

  /**
   * The state a terminal run leaves its entity in: synced with the run's Sage ids, skipped with its
   * reason, or failed with its error class.
   */
  public static EntitySyncState of(SyncRun run, Instant at) {
    if (!run.status().isTerminal()) {
      throw new IllegalArgumentException("run " + run.id() + " is not terminal: " + run.status());
    }
    Status status =
        switch (run.status()) {
          case SUCCEEDED -> Status.SYNCED;
          case SKIPPED_BY_POLICY -> Status.SKIPPED;
          default -> Status.FAILED;
        };
    return new EntitySyncState(
        run.event().entityType(),
        run.storeEntityId(),
        status,
        status == Status.SYNCED ? run.sageEntityId() : null,
        status == Status.SYNCED ? run.sageReference() : null,
        run.skipReason() == null ? null : SkipReason.fromCode(run.skipReason()),
        status == Status.FAILED && run.errorCode() != null
            ? ErrorClass.fromCode(run.errorCode())
            : null,
        at);
  }
}
