package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands a sync job whose Sage business is busy to the worker thread in this process that holds the
 * business, instead of deferring it. Without it, a burst for one business runs at one job per defer
 * interval (200 ms) whatever Sage's speed, because the other workers keep claiming the business's
 * jobs and putting them back.
 *
 * <p>Protocol (every step under this object's lock): the holder calls {@link #hold} after taking
 * the lease; a worker that finds the business busy calls {@link #park}, which succeeds only while a
 * local holder is registered and has room; the holder takes parked jobs with {@link #nextOrLetGo},
 * which unregisters it in the same step when nothing is waiting. A job can therefore never be
 * parked with nobody left to run it: a park after the holder let go fails and the caller defers the
 * job as before. Parked jobs stay claimed in the queue, so if the process dies they are delivered
 * again after the visibility timeout.
 */
final class BusinessHandoff {
  /** Jobs one holder may have waiting; beyond this, jobs are deferred as usual. */
  static final int MAX_WAITING = 16;

  /** A job given to the holder, and when. */
  record Parked(Job job, Instant parkedAt) {}

  private final Map<String, ArrayDeque<Parked>> holders = new HashMap<>();
  private boolean closed;

  /** Registers the calling thread as this process's holder of {@code businessId}. */
  synchronized void hold(String businessId) {
    if (!closed) {
      holders.putIfAbsent(businessId, new ArrayDeque<>());
    }
  }

  /** Gives the job to the local holder; false if there is none, it is full, or handoffs stopped. */
  synchronized boolean park(String businessId, Job job, Instant now) {
    ArrayDeque<Parked> waiting = holders.get(businessId);
    if (closed || waiting == null || waiting.size() >= MAX_WAITING) {
      return false;
    }
    waiting.addLast(new Parked(job, now));
    return true;
  }

  /**
   * The next parked job for the holder, or null; null also unregisters the holder (except during
   * shutdown), so later jobs for the business are not parked with it.
   */
  synchronized Parked nextOrLetGo(String businessId) {
    if (closed) {
      return null; // shutting down: the holder's letGo returns what is left, to be given back
    }
    ArrayDeque<Parked> waiting = holders.get(businessId);
    Parked next = waiting == null ? null : waiting.pollFirst();
    if (next == null) {
      holders.remove(businessId);
    }
    return next;
  }

  /** Unregisters the holder and returns whatever it still had waiting (to be given back). */
  synchronized List<Parked> letGo(String businessId) {
    ArrayDeque<Parked> waiting = holders.remove(businessId);
    return waiting == null ? List.of() : new ArrayList<>(waiting);
  }

  /** Stops parking (shutdown): holders finish their current job and give the rest back. */
  synchronized void close() {
    closed = true;
  }

  synchronized int waiting(String businessId) {
    ArrayDeque<Parked> waiting = holders.get(businessId);
    return waiting == null ? 0 : waiting.size();
  }
}
