package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jobs one process has claimed and not yet started, shared by its worker threads. A worker that
 * finds it empty claims a whole batch from the queue in one round trip, keeps one job and leaves
 * the rest here for its peers, so a backlog costs one claim per batch instead of one per job while
 * the jobs of one claim still run in parallel on every worker (a worker never sits on jobs another
 * worker could start).
 *
 * <p>A worker takes one sync job at a time, or a group of consecutive push jobs (their completions
 * are then written in one statement, see {@link JobQueue#completeAll}). The buffer never holds more
 * than one claim, so other processes still find the rest of the backlog. Jobs here stay claimed in
 * the queue: if the process dies they are delivered again after the visibility timeout; a job that
 * waited here for half its visibility timeout is given back to the queue (due at once, no failure
 * counted) instead of being started late; on shutdown {@link #giveBackAll} returns what is left.
 */
public final class ClaimBuffer {
  private static final Logger LOG = Logger.getLogger(ClaimBuffer.class.getName());

  /**
   * Jobs claimed per worker thread in one round trip (the claim size is this times the workers).
   */
  public static final int CLAIM_PER_WORKER = 8;

  /** At most this many push jobs go to one worker at once. */
  public static final int MAX_PUSH_GROUP = 16;

  private record Claimed(Job job, Instant claimedAt) {}

  private final JobQueue queue;
  private final int claimSize;
  private final ArrayDeque<Claimed> ready = new ArrayDeque<>();

  /**
   * @param claimSize how many jobs one claim asks for
   */
  public ClaimBuffer(JobQueue queue, int claimSize) {
    if (claimSize < 1) {
      throw new IllegalArgumentException("claimSize must be positive");
    }
    this.queue = queue;
    this.claimSize = claimSize;
  }

  /** The buffer the {@code workers} worker threads of one process share (the real setting). */
  public static ClaimBuffer forWorkers(JobQueue queue, int workers) {
    return new ClaimBuffer(queue, Math.max(1, workers) * CLAIM_PER_WORKER);
  }

  /** How many jobs one claim asks for. */
  public int claimSize() {
    return claimSize;
  }

  /**
   * What one {@link #next} gave a worker, and whether it claimed jobs from the queue that now wait
   * here for the worker's idle peers (who should be woken).
   */
  public record Taken(List<Job> jobs, boolean leftForPeers) {}

  /**
   * The next work for one worker: one sync job, or up to {@link #MAX_PUSH_GROUP} push jobs; empty
   * when nothing is due. Claims a batch from the queue when the buffer is empty (a failing claim
   * throws).
   */
  public Taken next(Instant now, Duration visibility) {
    List<Job> stale = new ArrayList<>();
    List<Job> mine;
    synchronized (this) {
      mine = takeLocked(now, visibility, stale);
    }
    giveBack(stale, now);
    if (!mine.isEmpty()) {
      return new Taken(mine, false);
    }
    List<Job> fresh = queue.claimDue(now, claimSize, visibility);
    if (fresh.isEmpty()) {
      return new Taken(List.of(), false);
    }
    boolean left;
    List<Job> staleAgain = new ArrayList<>();
    synchronized (this) {
      for (Job job : fresh) {
        ready.addLast(new Claimed(job, now));
      }
      mine = takeLocked(now, visibility, staleAgain);
      left = !ready.isEmpty();
    }
    giveBack(staleAgain, now); // a peer's older claims that went stale meanwhile
    return new Taken(mine, left);
  }

  /** Whether claimed jobs wait here for a worker (idle peers should be woken). */
  public synchronized boolean hasWaiting() {
    return !ready.isEmpty();
  }

  /** Gives every waiting job back to the queue, due at {@code now} (shutdown). */
  public void giveBackAll(Instant now) {
    List<Job> all = new ArrayList<>();
    synchronized (this) {
      for (Claimed c : ready) {
        all.add(c.job());
      }
      ready.clear();
    }
    giveBack(all, now);
  }

  private List<Job> takeLocked(Instant now, Duration visibility, List<Job> stale) {
    Duration patience = visibility.dividedBy(2);
    List<Job> mine = new ArrayList<>();
    Claimed next;
    while ((next = ready.peekFirst()) != null) {
      if (now.isAfter(next.claimedAt().plus(patience))) {
        stale.add(ready.pollFirst().job());
        continue;
      }
      boolean push = next.job().kind() == JobKind.PUSH;
      if (!mine.isEmpty() && (!push || mine.size() >= MAX_PUSH_GROUP)) {
        break;
      }
      mine.add(ready.pollFirst().job());
      if (!push) {
        break;
      }
    }
    return mine;
  }

  /** Makes jobs due again without counting a failure; if that fails, their claim expires. */
  void giveBack(List<Job> jobs, Instant now) {
    for (Job job : jobs) {
      try {
        queue.defer(job.id(), now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not give back job " + job.id(), e);
      }
    }
  }
}
