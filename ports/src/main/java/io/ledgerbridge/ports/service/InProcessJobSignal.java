package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.JobSignal;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the worker threads of this process the moment new work commits. A wake that arrives while
 * no worker is waiting is remembered, so it is never lost between a worker's empty claim and its
 * wait.
 */
public final class InProcessJobSignal implements JobSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;

  @Override
  public void wake() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current generation; pass it to {@link #awaitChange} to wait for anything newer. */
  public long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a wake newer than {@code seen} or the timeout. */
  public void awaitChange(long seen, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (generation == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }
}
