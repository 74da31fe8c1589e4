package io.ledgerbridge.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a repeated message from flooding the log: for each key, the first occurrence in an interval
 * is reported together with how many were kept quiet since the last report; the others are only
 * counted. Logger-agnostic (callers log), thread-safe.
 *
 * <pre>{@code
 * long n = throttle.count("redis unreachable");
 * if (n > 0) log.warn("redis unreachable ({} times since the last report)", n);
 * }</pre>
 */
public final class LogThrottle {
  private final Clock clock;
  private final Duration interval;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public LogThrottle(Clock clock, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Counts one occurrence of {@code key}.
   *
   * @return 0 to stay quiet, else the number of occurrences to report (this one and those kept
   *     quiet since the last report)
   */
  public long count(String key) {
    Instant now = clock.instant();
    long[] report = new long[1];
    windows.compute(
        key,
        (k, w) -> {
          if (w == null || !now.isBefore(w.lastReport.plus(interval))) {
            report[0] = (w == null ? 0 : w.quiet) + 1;
            return new Window(now, 0);
          }
          return new Window(w.lastReport, w.quiet + 1);
        });
    return report[0];
  }

  private record Window(Instant lastReport, long quiet) {}
}
