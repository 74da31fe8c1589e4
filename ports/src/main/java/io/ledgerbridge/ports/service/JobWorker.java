package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.ports.in.ProcessJobUseCase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * One worker thread's loop: take claimed jobs from the process's {@link ClaimBuffer} (which claims
 * a batch when it is empty), process them, and when there is nothing to do wait for a wake signal
 * (new work committed) or the sweep interval (delayed retries, redeliveries).
 */
public final class JobWorker implements Runnable {
  private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
  private static final String CLAIMING = "claiming jobs";

  /** A shared outage log for the workers of one process. */
  public static OutageLog outageLog(Clock clock) {
    return OutageLog.perMinute(LOG, clock);
  }

  private final ProcessJobUseCase processor;
  private final InProcessJobSignal signal;
  private final Clock clock;
  private final Duration visibility;
  private final Duration sweep;
  private final ClaimBuffer claims;
  private final OutageLog outages;
  private volatile boolean stopping;

  /**
   * @param claims the claimed jobs this worker shares with the other workers of its process (see
   *     {@link ClaimBuffer#forWorkers})
   * @param outages where a failing queue is reported; share one between the workers of a process so
   *     an outage is one line per minute, not one per worker and sweep
   */
  public JobWorker(
      ProcessJobUseCase processor,
      InProcessJobSignal signal,
      Clock clock,
      Duration visibility,
      Duration sweep,
      ClaimBuffer claims,
      OutageLog outages) {
    this.outages = outages;
    this.processor = processor;
    this.signal = signal;
    this.clock = clock;
    this.visibility = visibility;
    this.sweep = sweep;
    this.claims = claims;
  }

  /** Asks the loop to finish its current job and return. */
  public void stop() {
    stopping = true;
    signal.wake();
  }

  @Override
  public void run() {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      long seen = signal.generation();
      List<Job> jobs;
      try {
        ClaimBuffer.Taken taken = claims.next(clock.instant(), visibility);
        outages.succeeded(CLAIMING);
        jobs = taken.jobs();
        if (taken.leftForPeers()) {
          signal.wake(); // idle peers start the rest of the claim
        }
      } catch (RuntimeException e) {
        outages.failed(CLAIMING, e); // tried again after the sweep interval
        jobs = List.of();
      }
      if (stopping) {
        claims.giveBack(jobs, clock.instant());
        break;
      }
      if (jobs.size() == 1) {
        processor.process(jobs.get(0));
      } else if (!jobs.isEmpty()) {
        processor.processAll(jobs);
      }
      if (jobs.isEmpty()) {
        try {
          signal.awaitChange(seen, sweep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    claims.giveBackAll(clock.instant()); // claimed, not started: due again at once
  }
}
