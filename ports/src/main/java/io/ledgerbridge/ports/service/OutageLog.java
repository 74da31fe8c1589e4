package io.ledgerbridge.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a backend that keeps failing (a queue that cannot be claimed from, a transport that cannot
 * be published to) without flooding the log: the first failure of an outage is logged with its
 * stack trace, later ones at most once per interval as one line with a count, and the recovery
 * once. One instance is shared by every thread that calls the same backend, so four workers failing
 * on one Redis still make one line per interval. Thread-safe.
 */
public final class OutageLog {
  private final Logger log;
  private final LogThrottle throttle;
  private final ConcurrentHashMap<String, AtomicLong> failing = new ConcurrentHashMap<>();

  public OutageLog(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.throttle = new LogThrottle(clock, interval);
  }

  /** One minute between reports. */
  public static OutageLog perMinute(Logger log, Clock clock) {
    return new OutageLog(log, clock, Duration.ofMinutes(1));
  }

  /**
   * Records one failure of {@code what} (e.g. "claiming jobs"). Serialised: workers sharing this
   * log fail together, and the first failure must open the throttle's window before any other
   * counts, or a second worker reports "still failing" beside the first line. Only failures take
   * the lock; {@link #succeeded}, on every successful call, does not.
   */
  public synchronized void failed(String what, Throwable e) {
    boolean first = failing.computeIfAbsent(what, k -> new AtomicLong()).getAndIncrement() == 0;
    long report = throttle.count(what);
    if (first) {
      log.log(Level.WARNING, what + " failed; retrying quietly, reporting once a minute", e);
    } else if (report > 0) {
      log.warning(
          what + " still failing (" + report + " failures since the last report): " + summary(e));
    }
  }

  /** Records a success of {@code what}: logs the recovery if it was failing. */
  public void succeeded(String what) {
    AtomicLong failures = failing.isEmpty() ? null : failing.remove(what);
    if (failures != null) {
      log.info(what + " works again after " + failures.get() + " failures");
    }
  }

  /** Whether {@code what} failed last time. */
  public boolean isFailing(String what) {
    return failing.containsKey(what);
  }

  /** The exception and its root cause on one line, no stack trace. */
  static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (cause: " + root + ")";
  }
}
