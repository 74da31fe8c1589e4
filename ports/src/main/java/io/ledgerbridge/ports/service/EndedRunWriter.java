package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.outbox.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Group commit on the worker side: the runs a process's workers end (succeeded or skipped) are
 * written by one thread, which takes whatever has queued (up to {@code maxBatch}) and writes it in
 * one transaction of batched statements ({@link SyncRunRecorder#recordAllEnded}): end states,
 * attempts, push jobs, job completions. A worker hands its run over and goes on to its next job; it
 * has released the business lease by then. Failures, retries and waits do not come here: the
 * recorder writes them at once.
 *
 * <p>Nothing a later run relies on waits for this writer: a handler's cross-references are written
 * as it makes them, inside the lease, so the next run of the business finds them; the status push
 * job is written with the end state, and pushes the entity's combined state when it runs. A process
 * that dies with runs still queued here leaves them {@code running} with their jobs claimed: the
 * jobs come back after the visibility timeout, the attempt is recorded as lost, and the retry finds
 * the cross-references instead of calling Sage again (the same as a death just before the write).
 * If a batch fails transiently (the database unreachable, a deadlock), it is tried again after a
 * pause (100 ms doubling to 5 s, {@value #TRANSIENT_ATTEMPTS} tries in all, {@value
 * #CLOSING_ATTEMPTS} once closing); after that its runs are left to the visibility timeout, as if
 * the process had died. If it fails otherwise (a run changed meanwhile, say), each of its runs is
 * written alone, so only the run at fault fails, through the processor's usual failure path.
 *
 * <p>There is no batching window: at low load a batch is one run, written as soon as it ends. The
 * queue is bounded; a worker that finds it full waits (back-pressure). {@link #close} writes what
 * is queued before it returns.
 */
final class EndedRunWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EndedRunWriter.class.getName());
  private static final int CAPACITY = 4096;

  /** A batch that fails transiently is tried this many times in all, pausing 100 ms doubling. */
  static final int TRANSIENT_ATTEMPTS = 8;

  /** As {@link #TRANSIENT_ATTEMPTS}, once {@link #close} has been called. */
  static final int CLOSING_ATTEMPTS = 3;

  private static final long FIRST_PAUSE_MILLIS = 100;
  private static final long MAX_PAUSE_MILLIS = 5_000;

  /** Queued by {@link #close} after the last run: the thread writes what is before it and ends. */
  private static final SyncRunRecorder.Ended END =
      new SyncRunRecorder.Ended(null, null, null, List.of(), null, null);

  private final SyncRunRecorder recorder;
  private final BiConsumer<Job, Runnable> guarded;
  private final int maxBatch;
  private final BlockingQueue<SyncRunRecorder.Ended> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /**
   * @param guarded runs one run's lone write the way the processor runs a job: a failure is logged
   *     and recorded against the run
   */
  EndedRunWriter(SyncRunRecorder recorder, BiConsumer<Job, Runnable> guarded, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive");
    }
    this.recorder = recorder;
    this.guarded = guarded;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::run, "ledgerbridge-ended-runs");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues an ended run; false when this writer is closed or its thread is gone (the caller then
   * writes it itself). Waits while the queue is full.
   */
  boolean submit(SyncRunRecorder.Ended ended) {
    lock.readLock().lock(); // close() cannot queue END between the check and the put
    try {
      if (closed || !thread.isAlive()) {
        return false;
      }
      queue.put(ended);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void run() {
    List<SyncRunRecorder.Ended> batch = new ArrayList<>(maxBatch);
    boolean end = false;
    while (!end) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warning("ended-run writer interrupted; queued runs are redelivered after the timeout");
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      end = batch.removeIf(e -> e == END); // the marker itself, not an equal record
      write(batch);
      batch.clear();
    }
  }

  private void write(List<SyncRunRecorder.Ended> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long pause = FIRST_PAUSE_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        recorder.recordAllEnded(batch);
        return;
      } catch (TransientGatewayException e) {
        // the database is unreachable or busy: writing the runs one by one would only wait out
        // the pool's timeout once per run; the batch is tried again after a pause instead
        // once closing, fewer tries: shutdown should not wait out a long outage
        if (attempt >= (closed ? CLOSING_ATTEMPTS : TRANSIENT_ATTEMPTS)) {
          LOG.warning(
              "could not write "
                  + batch.size()
                  + " ended runs ("
                  + e.getMessage()
                  + "); their jobs come back after the visibility timeout, and the retry finds"
                  + " what the runs did");
          return;
        }
        LOG.info(
            "writing "
                + batch.size()
                + " ended runs failed ("
                + e.getMessage()
                + "); trying again in "
                + pause
                + " ms");
        if (!pause(pause)) {
          return;
        }
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      } catch (RuntimeException e) {
        // perhaps one run's own fault (changed meanwhile): each is written alone, so only it fails
        LOG.info("writing " + batch.size() + " ended runs together failed (" + e + "); one by one");
        for (SyncRunRecorder.Ended one : batch) {
          guarded.accept(one.job(), () -> recorder.recordEnded(one));
        }
        return;
      }
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops taking runs (later ones are written by their workers) and writes what is queued. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      while (!queue.offer(END, 100, TimeUnit.MILLISECONDS) && thread.isAlive()) {
        // full: the thread is writing, and makes room
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      lock.writeLock().unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
