package io.ledgerbridge.core.syncrun;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.policy.SkipReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
   * The combined state of one store entity, from every run of the events that concern it (the store
   * keeps one row per entity and each push overwrites all of it, WIRE §4):
   *
   * <ol>
   *   <li>only terminal runs count, and of each event only its latest;
   *   <li>the Sage id and reference are those of the newest successful run of the entity's primary
   *       event ({@code invoice.created} for an invoice, and so on): once the entity is in Sage
   *       they stay, whatever a later event does;
   *   <li>{@code failed} when the latest run of any event failed (with that failure's class,
   *       keeping the ids); else {@code synced} when the entity is in Sage or the latest run of any
   *       event succeeded; else {@code skipped}, with the primary event's reason when it was
   *       skipped, the latest reason otherwise.
   * </ol>
   *
   * A skipped (or not yet supported) later event therefore never turns a synced or failed entity
   * back to skipped, nor erases its Sage id.
   *
   * @return empty when no run of the entity has ended yet
   */
  public static java.util.Optional<EntitySyncState> combine(
      StoreEntityType type, long storeEntityId, List<SyncRun> runs, Instant at) {
    Map<EventType, SyncRun> latest = new EnumMap<>(EventType.class);
    SyncRun posted = null;
    for (SyncRun r : runs) {
      if (r.event().entityType() != type
          || r.storeEntityId() != storeEntityId
          || !r.status().isTerminal()) {
        continue;
      }
      // a reconciliation run continues its store event's stream: the newer of the two counts
      EventType stream = r.event().reconciles().orElse(r.event());
      latest.merge(stream, r, (a, b) -> newer(a, b) ? a : b);
      if (stream == primaryEvent(type)
          && r.status() == SyncRunStatus.SUCCEEDED
          && (posted == null || newer(r, posted))) {
        posted = r;
      }
    }
    if (latest.isEmpty()) {
      return java.util.Optional.empty();
    }
    String sageId = posted == null ? null : posted.sageEntityId();
    String sageRef = posted == null ? null : posted.sageReference();
    SyncRun failed = null;
    SyncRun succeeded = null;
    SyncRun skipped = null;
    for (SyncRun r : latest.values()) {
      switch (r.status()) {
        case FAILED -> failed = failed == null || newer(r, failed) ? r : failed;
        case SUCCEEDED -> succeeded = r;
        default -> skipped = skipped == null || newer(r, skipped) ? r : skipped;
      }
    }
    SyncRun primary = latest.get(primaryEvent(type));
    if (primary != null && primary.status() == SyncRunStatus.SKIPPED_BY_POLICY) {
      skipped = primary; // the primary event's reason explains the entity best
    }
    if (failed != null) {
      return java.util.Optional.of(
          new EntitySyncState(
              type,
              storeEntityId,
              Status.FAILED,
              sageId,
              sageRef,
              null,
              failed.errorCode() == null
                  ? ErrorClass.INTERNAL
                  : ErrorClass.fromCode(failed.errorCode()),
              at));
    }
    if (posted != null || succeeded != null) {
      return java.util.Optional.of(
          new EntitySyncState(
              type,
              storeEntityId,
              Status.SYNCED,
              sageId != null ? sageId : succeeded.sageEntityId(),
              sageId != null ? sageRef : succeeded.sageReference(),
              null,
              null,
              at));
    }
    return java.util.Optional.of(
        new EntitySyncState(
            type,
            storeEntityId,
            Status.SKIPPED,
            null,
            null,
            SkipReason.fromCode(skipped.skipReason()),
            null,
            at));
  }

  /** The event whose success puts the entity into Sage. */
  public static EventType primaryEvent(StoreEntityType type) {
    return switch (type) {
      case INVOICE -> EventType.INVOICE_CREATED;
      case CREDITMEMO -> EventType.CREDITMEMO_CREATED;
      case CUSTOMER -> EventType.CUSTOMER_UPSERTED;
      case PRODUCT -> EventType.PRODUCT_UPSERTED;
    };
  }

  /** Ordered by when each run last changed, then by when it was accepted. */
  private static boolean newer(SyncRun a, SyncRun b) {
    int c = a.updatedAt().compareTo(b.updatedAt());
    return c != 0 ? c > 0 : a.createdAt().compareTo(b.createdAt()) > 0;
  }

  /**
   * The state a terminal run leaves its entity in when it is the entity's only run: synced with the
   * run's Sage ids, skipped with its reason, or failed with its error class.
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
