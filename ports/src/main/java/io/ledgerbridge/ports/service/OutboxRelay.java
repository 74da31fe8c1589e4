package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.ports.out.OutboxRelayStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The relay role: publishes committed outbox jobs to the transport and wakes the workers; every
 * {@code reconcileEvery} it checks that jobs published a while ago are still held by the transport
 * and republishes those it lost (a Redis restart without persistence, a failed publish).
 */
public final class OutboxRelay implements Runnable {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final String RELAYING = "relaying jobs to the transport";

  private final OutboxRelayStore store;
  private final JobTransport transport;
  private final InProcessJobSignal localSignal;
  private final JobSignal workerSignal;
  private final Clock clock;
  private final Duration sweep;
  private final Duration reconcileAfter;
  private final int batch;
  private final OutageLog outages;
  private volatile boolean stopping;
  private Instant lastReconcile = Instant.EPOCH;

  /**
   * @param localSignal woken when web processes commit new jobs (in-process or via the database)
   * @param workerSignal told after publishing, so idle workers claim at once
   * @param reconcileAfter how old a publication must be before the relay checks it is still held
   */
  public OutboxRelay(
      OutboxRelayStore store,
      JobTransport transport,
      InProcessJobSignal localSignal,
      JobSignal workerSignal,
      Clock clock,
      Duration sweep,
      Duration reconcileAfter,
      int batch) {
    this.store = store;
    this.transport = transport;
    this.localSignal = localSignal;
    this.workerSignal = workerSignal;
    this.clock = clock;
    this.sweep = sweep;
    this.reconcileAfter = reconcileAfter;
    this.batch = batch;
    this.outages = OutageLog.perMinute(LOG, clock);
  }

  public void stop() {
    stopping = true;
    localSignal.wake();
  }

  /** Publishes what is due; returns how many jobs went to the transport. */
  public int publishOnce() {
    int published = 0;
    while (!stopping) {
      List<Job> jobs = store.claimForPublishing(clock.instant(), batch);
      if (jobs.isEmpty()) {
        break;
      }
      try {
        transport.enqueueAll(jobs); // one round trip for the batch
        published += jobs.size();
      } catch (RuntimeException e) {
        // the transport is down: the whole batch again on the next pass (enqueueing a job the
        // transport already holds leaves it as it is)
        for (Job job : jobs) {
          store.unpublish(job.id());
        }
        throw e;
      }
      if (jobs.size() < batch) {
        break;
      }
    }
    if (published > 0) {
      workerSignal.wake();
    }
    return published;
  }

  /** Republishes jobs the transport no longer holds; returns how many. */
  public int reconcileOnce() {
    Instant now = clock.instant();
    int lost = 0;
    for (UUID id : store.publishedPendingBefore(now.minus(reconcileAfter), 500)) {
      if (!transport.tracks(id)) {
        store.unpublish(id);
        lost++;
      }
    }
    if (lost > 0) {
      LOG.warning("the job transport lost " + lost + " jobs; republishing them");
    }
    lastReconcile = now;
    return lost;
  }

  @Override
  public void run() {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      long seen = localSignal.generation();
      try {
        publishOnce();
        if (clock.instant().isAfter(lastReconcile.plus(reconcileAfter))) {
          reconcileOnce();
          publishOnce();
        }
        outages.succeeded(RELAYING);
      } catch (RuntimeException e) {
        outages.failed(RELAYING, e); // the transport or the database; tried again next pass
      }
      try {
        localSignal.awaitChange(seen, sweep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
