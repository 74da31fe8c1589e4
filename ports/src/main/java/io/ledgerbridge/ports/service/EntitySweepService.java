package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The reconciliation sweep of customers and products (relay role). The store sends {@code
 * customer.upserted:<id>} and {@code product.upserted:<id>} under fixed idempotency keys and drops
 * a new event whose key is still in its outbox (WIRE §5.2): a customer edited twice within its
 * 30-day outbox retention reaches the chassis once, and stock that moves daily about once a month.
 * So every {@code interval}, for each active binding, each customer (and, with {@code
 * sync_products}, each product) synced from a store event within {@code window} gets a run of its
 * own ({@code customer.reconciled}, {@code product.reconciled}) that fetches it again and applies
 * the same handler: the no-change rule keeps an unchanged entity free of Sage calls, and such a run
 * tells the store nothing. The runs go through the job queue like any other (the Sage rate governor
 * paces them, the history shows them), due times spread over {@code spread}; one sweep cycle
 * creates at most one run per entity, however many relays run it.
 */
public final class EntitySweepService implements Runnable {
  private static final Logger LOG = Logger.getLogger(EntitySweepService.class.getName());

  /** At most this many entities of one kind per binding and sweep. */
  static final int MAX_ENTITIES = 100_000;

  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final SyncRunRepository runs;
  private final IdempotencyRepository idempotency;
  private final JobQueue queue;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final Duration interval;
  private final Duration window;
  private final Duration spread;

  public EntitySweepService(
      BindingRepository bindings,
      PolicyRepository policies,
      SyncRunRepository runs,
      IdempotencyRepository idempotency,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      Clock clock,
      Supplier<UUID> ids,
      Duration interval,
      Duration window,
      Duration spread) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.uow = Objects.requireNonNull(uow, "uow");
    this.signal = Objects.requireNonNull(signal, "signal");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    this.interval = interval;
    this.window = Objects.requireNonNull(window, "window");
    this.spread = Objects.requireNonNull(spread, "spread");
  }

  /** What one sweep did. */
  public record Summary(int bindings, int customers, int products, int alreadySwept) {}

  @Override
  public void run() {
    try {
      Summary s = sweep(clock.instant());
      if (s.customers() + s.products() > 0) {
        LOG.info("entity sweep: " + s);
      }
    } catch (RuntimeException e) {
      LOG.warning("entity sweep failed: " + e);
    }
  }

  /**
   * Sweeps as of {@code at}: the cycle (one run per entity) is {@code at} rounded down to the
   * interval, the window ends at {@code at}; the runs are due from now on.
   */
  public Summary sweep(Instant at) {
    Instant cycle =
        Instant.ofEpochMilli(at.toEpochMilli() - at.toEpochMilli() % interval.toMillis());
    Instant since = at.minus(window);
    int swept = 0;
    int customers = 0;
    int products = 0;
    int already = 0;
    for (Binding b : bindings.list()) {
      if (b.status() != BindingStatus.ACTIVE) {
        continue; // held bindings' runs would only wait; their entities are swept once active
      }
      Optional<PolicySnapshot> policy = policies.current(b.tenantId());
      if (policy.isEmpty()) {
        continue;
      }
      List<Map.Entry<EventType, Long>> due = new ArrayList<>();
      for (Long id :
          runs.succeededEntitiesSince(
              b.tenantId(), EventType.CUSTOMER_UPSERTED, since, MAX_ENTITIES)) {
        due.add(Map.entry(EventType.CUSTOMER_RECONCILED, id));
      }
      if (policy.get().policy().behaviour().syncProducts()) {
        for (Long id :
            runs.succeededEntitiesSince(
                b.tenantId(), EventType.PRODUCT_UPSERTED, since, MAX_ENTITIES)) {
          due.add(Map.entry(EventType.PRODUCT_RECONCILED, id));
        }
      }
      if (due.isEmpty()) {
        continue;
      }
      swept++;
      Instant start = clock.instant();
      for (int i = 0; i < due.size(); i++) {
        Instant when = start.plus(spread.multipliedBy(i).dividedBy(due.size()));
        Map.Entry<EventType, Long> e = due.get(i);
        if (enqueue(b.tenantId(), e.getKey(), e.getValue(), policy.get().version(), cycle, when)) {
          if (e.getKey() == EventType.CUSTOMER_RECONCILED) {
            customers++;
          } else {
            products++;
          }
        } else {
          already++;
        }
      }
    }
    return new Summary(swept, customers, products, already);
  }

  /** One reconciliation run and its job, unless this cycle already made it; true if made. */
  private boolean enqueue(
      String tenant,
      EventType event,
      long entityId,
      int policyVersion,
      Instant cycle,
      Instant when) {
    Instant now = clock.instant();
    UUID runId = ids.get();
    UUID jobId = ids.get();
    String key = event.wire() + ":" + entityId;
    boolean made =
        uow.inTransaction(
            () -> {
              UUID winner = idempotency.claim(tenant, key, cycle, runId, now);
              if (!winner.equals(runId)) {
                return false;
              }
              runs.insert(
                  SyncRun.accepted(runId, tenant, event, entityId, key, policyVersion, now));
              queue.enqueue(
                  new Job(
                      jobId, JobKind.SYNC, runId, tenant, JobStatus.PENDING, 0, when, null, now));
              uow.afterCommit(signal::wake);
              return true;
            });
    return made;
  }
}
