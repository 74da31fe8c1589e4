package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.ports.in.ProcessJobUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * One worker thread's loop: claim due jobs, process them, and when there is nothing to do wait for
 * a wake signal (new work committed) or the sweep interval (delayed retries, redeliveries).
 */
public final class JobWorker implements Runnable {
  private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
  private static final String CLAIMING = "claiming jobs";

  /** A shared outage log for the workers of one process. */
  public static OutageLog outageLog(Clock clock) {
    return OutageLog.perMinute(LOG, clock);
  }

  private final JobQueue queue;
  private final ProcessJobUseCase processor;
  private final InProcessJobSignal signal;
  private final Clock clock;
  private final Duration visibility;
  private final Duration sweep;
  private final int batch;
  private final OutageLog outages;
  private volatile boolean stopping;

  public JobWorker(
      JobQueue queue,
      ProcessJobUseCase processor,
      InProcessJobSignal signal,
      Clock clock,
      Duration visibility,
      Duration sweep,
      int batch) {
    this(
        queue, processor, signal, clock, visibility, sweep, batch, OutageLog.perMinute(LOG, clock));
  }

  /**
   * @param outages where a failing queue is reported; share one between the workers of a process so
   *     an outage is one line per minute, not one per worker and sweep
   */
  public JobWorker(
      JobQueue queue,
      ProcessJobUseCase processor,
      InProcessJobSignal signal,
      Clock clock,
      Duration visibility,
      Duration sweep,
      int batch,
      OutageLog outages) {
    this.outages = outages;
    this.queue = queue;
    this.processor = processor;
    this.signal = signal;
    this.clock = clock;
    this.visibility = visibility;
    this.sweep = sweep;
    this.batch = batch;
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
        jobs = queue.claimDue(clock.instant(), batch, visibility);
        outages.succeeded(CLAIMING);
      } catch (RuntimeException e) {
        outages.failed(CLAIMING, e); // tried again after the sweep interval
        jobs = List.of();
      }
      for (Job job : jobs) {
        if (stopping) {
          break; // unprocessed claims become visible again after the visibility timeout
        }
        processor.process(job);
      }
      if (jobs.isEmpty()) {
        try {
          signal.awaitChange(seen, sweep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
