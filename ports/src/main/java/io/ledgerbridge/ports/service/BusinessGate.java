package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.RateGovernor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One job per Sage business at a time, across every worker process (Sage asks for no parallel POSTs
 * of numbered documents and contacts per business, SAGE §2.0), and no faster than the rate governor
 * allows:
 *
 * <ul>
 *   <li>{@link #run} takes the business lease and runs the job, then the jobs other workers of this
 *       process parked with it ({@link BusinessHandoff}, ADR 0013), then lets go. A job whose
 *       business is held elsewhere is parked with the local holder, or deferred by {@link
 *       WorkerDelays#busyBusinessRetry()} without counting a failure;
 *   <li>{@link #beforeSageCall} confirms the lease (renewing it once a quarter of its TTL has
 *       passed) and waits for the rate governor, before every Sage call of the job.
 * </ul>
 */
public final class BusinessGate {
  private static final Logger LOG = Logger.getLogger(BusinessGate.class.getName());

  private final BusinessLease leases;
  private final RateGovernor governor;
  private final JobQueue queue;
  private final Clock clock;
  private final Duration leaseTtl;
  private final WorkerDelays delays;
  private final ChassisMetrics metrics;
  private final BusinessHandoff handoff = new BusinessHandoff();
  private final ThreadLocal<BusinessLease.Lease> heldLease = new ThreadLocal<>();

  /** When this thread last took or renewed its lease (see {@link #confirmLease}). */
  private final ThreadLocal<Instant> leaseConfirmedAt = new ThreadLocal<>();

  public BusinessGate(
      BusinessLease leases,
      RateGovernor governor,
      JobQueue queue,
      Clock clock,
      Duration leaseTtl,
      WorkerDelays delays) {
    this(leases, governor, queue, clock, leaseTtl, delays, ChassisMetrics.NONE);
  }

  /** Reports rate-governor waits and busy businesses to {@code metrics}. */
  public BusinessGate(
      BusinessLease leases,
      RateGovernor governor,
      JobQueue queue,
      Clock clock,
      Duration leaseTtl,
      WorkerDelays delays,
      ChassisMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.leases = leases;
    this.governor = governor;
    this.queue = queue;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
    this.delays = delays;
  }

  /** A parked job, run by the holder under its lease. */
  @FunctionalInterface
  interface ParkedRunner {
    void run(String businessId, Job job);
  }

  /**
   * Runs {@code first} holding {@code businessId}, then the jobs parked with this thread meanwhile
   * (each through {@code parked}), oldest first. When the business is held elsewhere, {@code job}
   * is parked with this process's holder or deferred, and {@code first} does not run.
   */
  void run(String businessId, Job job, Instant at, Runnable first, ParkedRunner parked) {
    BusinessLease.Lease lease = leases.tryAcquire(businessId, leaseTtl).orElse(null);
    if (lease == null) {
      if (handoff.park(businessId, job, at)) {
        metrics.businessBusy(ChassisMetrics.BusyBusiness.HANDED_OFF);
      } else {
        queue.defer(job.id(), at.plus(delays.busyBusinessRetry()));
        metrics.businessBusy(ChassisMetrics.BusyBusiness.DEFERRED);
      }
      return;
    }
    heldLease.set(lease);
    leaseConfirmedAt.set(clock.instant());
    handoff.hold(businessId);
    try {
      first.run();
      runParked(businessId, lease, parked);
    } finally {
      giveBack(handoff.letGo(businessId));
      heldLease.remove();
      leaseConfirmedAt.remove();
      leases.release(lease);
    }
  }

  /**
   * Runs the jobs other workers parked for this business while the lease is held. The lease is
   * confirmed before each; if it was lost, or a job waited longer than {@link
   * WorkerDelays#maxParked()}, the rest go back to the queue.
   */
  private void runParked(String businessId, BusinessLease.Lease lease, ParkedRunner parked) {
    BusinessHandoff.Parked next;
    while ((next = handoff.nextOrLetGo(businessId)) != null) {
      if (clock.instant().isAfter(next.parkedAt().plus(delays.maxParked()))
          || !confirmLease(lease)) {
        giveBack(List.of(next));
        return; // run() gives back the rest
      }
      parked.run(businessId, next.job());
    }
  }

  /** Returns parked jobs to the queue, due now and without counting a failure. */
  private void giveBack(List<BusinessHandoff.Parked> jobs) {
    Instant now = clock.instant();
    for (BusinessHandoff.Parked p : jobs) {
      try {
        queue.defer(p.job().id(), now);
      } catch (RuntimeException e) {
        // still claimed: it is delivered again once its visibility timeout passes
        LOG.log(Level.WARNING, "could not give back job " + p.job().id(), e);
      }
    }
  }

  /**
   * Before each Sage call: confirms the business lease, so a job whose lease was lost stops before
   * posting in parallel with its new holder, then waits for the rate governor so the chassis slows
   * down before Sage answers 429. Gives up (transient, rate_limited) after {@link
   * WorkerDelays#maxPacing()}.
   */
  public void beforeSageCall(String businessId) {
    BusinessLease.Lease lease = heldLease.get();
    if (lease != null && !confirmLease(lease)) {
      throw new TransientGatewayException(
          "chassis",
          "business_lease",
          0,
          null,
          ErrorClass.INTERNAL,
          "the lease on Sage business " + businessId + " expired during the job",
          null,
          null);
    }
    long deadline = System.nanoTime() + delays.maxPacing().toNanos();
    Duration waited = Duration.ZERO;
    while (true) {
      Duration wait = governor.tryAcquire(businessId);
      if (wait.isZero() || wait.isNegative()) {
        if (!waited.isZero()) {
          metrics.rateGovernorWaited(waited, false);
        }
        return;
      }
      if (System.nanoTime() + wait.toNanos() > deadline) {
        metrics.rateGovernorWaited(waited, true);
        throw new TransientGatewayException(
            "chassis",
            "rate_governor",
            0,
            null,
            ErrorClass.RATE_LIMITED,
            "client-side Sage rate limit for business " + businessId + " still exhausted",
            null,
            null);
      }
      try {
        Thread.sleep(Math.max(1, wait.toMillis()));
        waited = waited.plus(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientGatewayException(
            "chassis", "rate_governor", 0, null, ErrorClass.INTERNAL, "interrupted", null, e);
      }
    }
  }

  /**
   * Makes sure this thread still holds {@code lease} for at least three quarters of its TTL. A
   * lease taken or renewed less than a quarter TTL ago cannot have expired, so it is not renewed
   * again (each renewal is a database or Redis round trip, and a job makes several Sage calls).
   * Otherwise it is renewed; false if it was lost.
   */
  private boolean confirmLease(BusinessLease.Lease lease) {
    Instant now = clock.instant();
    Instant confirmed = leaseConfirmedAt.get();
    if (confirmed != null && now.isBefore(confirmed.plus(leaseTtl.dividedBy(4)))) {
      return true;
    }
    if (!leases.renew(lease, leaseTtl)) {
      return false;
    }
    leaseConfirmedAt.set(now);
    return true;
  }

  /**
   * Stops handing jobs of busy businesses to their holders (shutdown): holders finish the job they
   * are on and give the parked ones back to the queue, due at once.
   */
  public void stop() {
    handoff.close();
  }

  /** Jobs parked with this process's holder of {@code businessId} (for tests). */
  int waiting(String businessId) {
    return handoff.waiting(businessId);
  }
}
