package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.SyncRunRepository.EntityRef;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells a store again the sync state of every entity the chassis knows of it, for a store that lost
 * its sync-state table (a restore, a reinstall of the module). Each entity gets its combined state,
 * read at the moment it is sent, exactly as a push job sends it ({@link
 * StatusPushProcessor#combinedState}), never one event's outcome alone, and under the same entity
 * lease, so a backfill and a worker's push never interleave for one entity. An entity whose lease a
 * worker holds is left to that push, which sends the state it finds. A failed push is counted and
 * the backfill goes on; nothing is retried here (run the command again).
 */
public final class SyncStateBackfillService {

  /** What happened to one entity. */
  public sealed interface Outcome permits Pushed, Skipped, Failed {
    EntityRef entity();
  }

  /** The store was sent this state. */
  public record Pushed(EntityRef entity, EntitySyncState state) implements Outcome {}

  /**
   * Nothing sent: a worker was pushing the entity at that moment (its push sends the current
   * state), or none of its runs is ended any more (retried or purged since the list was read).
   */
  public record Skipped(EntityRef entity, String reason) implements Outcome {}

  /** The store did not take it; {@code message} is scrubbed of the binding's secrets. */
  public record Failed(EntityRef entity, String message) implements Outcome {}

  /** Told once with the number of entities, then after each of them. */
  public interface Progress {
    void started(int total);

    void done(Outcome outcome);
  }

  /** The counts of one backfill; {@code firstFailure} is null when none failed. */
  public record Summary(int entities, int pushed, int skipped, int failed, String firstFailure) {}

  private final BindingRepository bindings;
  private final SyncRunRepository runs;
  private final StoreGateway store;
  private final BusinessLease leases;
  private final BindingSecretScrubbers scrubbers;
  private final Clock clock;

  public SyncStateBackfillService(
      BindingRepository bindings,
      SyncRunRepository runs,
      StoreGateway store,
      BusinessLease leases,
      BindingSecretScrubbers scrubbers,
      Clock clock) {
    this.bindings = bindings;
    this.runs = runs;
    this.store = store;
    this.leases = leases;
    this.scrubbers = scrubbers;
    this.clock = clock;
  }

  /**
   * Pushes the combined state of each entity of {@code tenantId} with an ended run last updated at
   * or after {@code since} (every such entity when null), in the order of entity type and id.
   *
   * @throws UnknownBindingException when no binding has that tenant id
   * @throws IllegalStateException when the binding is disconnected (its store forgot its key)
   */
  public Summary backfill(String tenantId, Instant since, Progress progress) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    BindingSecrets secrets =
        bindings.secrets(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    if (binding.status() == BindingStatus.DISCONNECTED) {
      throw new IllegalStateException(
          "binding "
              + tenantId
              + " is disconnected: the store no longer holds its key; pair it again first");
    }
    StoreEndpoint endpoint =
        new StoreEndpoint(binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey());
    List<EntityRef> entities = runs.endedEntitiesSince(tenantId, since);
    progress.started(entities.size());
    int pushed = 0;
    int skipped = 0;
    int failed = 0;
    String firstFailure = null;
    for (EntityRef entity : entities) {
      Outcome outcome = pushOne(endpoint, entity);
      if (outcome instanceof Pushed) {
        pushed++;
      } else if (outcome instanceof Skipped) {
        skipped++;
      } else {
        failed++;
        if (firstFailure == null) {
          firstFailure = ((Failed) outcome).message();
        }
      }
      progress.done(outcome);
    }
    return new Summary(entities.size(), pushed, skipped, failed, firstFailure);
  }

  private Outcome pushOne(StoreEndpoint endpoint, EntityRef entity) {
    Optional<BusinessLease.Lease> lease =
        leases.tryAcquire(
            StatusPushProcessor.entityKey(
                endpoint.tenantId(), entity.type(), entity.storeEntityId()),
            StatusPushProcessor.ENTITY_LEASE);
    if (lease.isEmpty()) {
      return new Skipped(entity, "a worker is pushing it now");
    }
    try {
      Optional<EntitySyncState> state =
          StatusPushProcessor.combinedState(
              runs, endpoint.tenantId(), entity.type(), entity.storeEntityId(), clock.instant());
      if (state.isEmpty()) {
        return new Skipped(entity, "no ended run any more");
      }
      store.pushSyncState(endpoint, state.get());
      return new Pushed(entity, state.get());
    } catch (GatewayException e) {
      return new Failed(
          entity, scrubbers.forTenant(endpoint.tenantId()).scrub(Failure.of(e).describe()));
    } finally {
      leases.release(lease.get());
    }
  }
}
