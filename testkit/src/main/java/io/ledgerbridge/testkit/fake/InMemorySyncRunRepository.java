package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.SyncRunRepository.RunCursor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs in insertion order; transitions are compare-and-set on the version. */
public final class InMemorySyncRunRepository implements SyncRunRepository {
  private final Map<UUID, SyncRun> runs = new LinkedHashMap<>();
  private int lookUps;

  @Override
  public synchronized void insert(SyncRun run) {
    if (runs.putIfAbsent(run.id(), run) != null) {
      throw new IllegalStateException("sync run " + run.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<SyncRun> find(UUID id) {
    lookUps++;
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public synchronized List<SyncRun> findAll(Collection<UUID> ids) {
    lookUps++;
    List<SyncRun> found = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(ids)) {
      SyncRun run = runs.get(id);
      if (run != null) {
        found.add(run);
      }
    }
    return found;
  }

  /** How many look-ups by id were made ({@link #find} and {@link #findAll} count one each). */
  public synchronized int lookUps() {
    return lookUps;
  }

  @Override
  public synchronized boolean transition(SyncRun next) {
    SyncRun current = runs.get(next.id());
    if (current == null || current.version() != next.version() - 1) {
      return false;
    }
    runs.put(next.id(), next);
    return true;
  }

  @Override
  public synchronized List<SyncRun> forEntity(
      String tenantId, StoreEntityType type, long storeEntityId) {
    return runs.values().stream()
        .filter(
            r ->
                r.tenantId().equals(tenantId)
                    && r.event().entityType() == type
                    && r.storeEntityId() == storeEntityId)
        .toList();
  }

  @Override
  public synchronized List<Long> succeededEntitiesSince(
      String tenantId,
      io.ledgerbridge.core.syncrun.EventType event,
      java.time.Instant since,
      int limit) {
    return runs.values().stream()
        .filter(
            r ->
                r.tenantId().equals(tenantId)
                    && r.event() == event
                    && r.status() == io.ledgerbridge.core.syncrun.SyncRunStatus.SUCCEEDED
                    && !r.updatedAt().isBefore(since))
        .map(SyncRun::storeEntityId)
        .distinct()
        .sorted()
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<EntityRef> endedEntitiesSince(String tenantId, java.time.Instant since) {
    return runs.values().stream()
        .filter(
            r ->
                r.tenantId().equals(tenantId)
                    && r.status().isTerminal()
                    && (since == null || !r.updatedAt().isBefore(since)))
        .map(r -> new EntityRef(r.event().entityType(), r.storeEntityId()))
        .distinct()
        .sorted(Comparator.comparing(EntityRef::type).thenComparingLong(EntityRef::storeEntityId))
        .toList();
  }

  @Override
  public synchronized List<SyncRun> recent(RunQuery q) {
    List<SyncRun> matching =
        runs.values().stream()
            .filter(q::matches)
            .filter(r -> q.before() == null || q.before().isOlder(r))
            .filter(r -> q.after() == null || q.after().isNewer(r))
            .sorted(RunCursor.NEWEST_FIRST)
            .toList();
    int n = Math.max(0, Math.min(q.limit(), matching.size()));
    // after a cursor: the runs just newer than it, that is the last ones of the newest-first order
    return q.after() == null
        ? matching.subList(0, n)
        : matching.subList(matching.size() - n, matching.size());
  }

  @Override
  public synchronized Map<SyncRunStatus, Long> countByStatus(RunQuery q) {
    RunQuery any = q.withStatus(null);
    Map<SyncRunStatus, Long> counts = new EnumMap<>(SyncRunStatus.class);
    runs.values().stream()
        .filter(any::matches)
        .forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return counts;
  }
}
