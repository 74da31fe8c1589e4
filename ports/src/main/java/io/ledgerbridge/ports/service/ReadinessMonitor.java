package io.ledgerbridge.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Readiness of a process: whether every backend it is configured with (the database, Redis)
 * answers. The checks run on a background thread every {@code interval}, so a probe never waits on
 * a backend's connect timeout; a result older than {@code maxAge} (a check hanging) counts as not
 * ready. Each backend's state change is logged once.
 */
public final class ReadinessMonitor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReadinessMonitor.class.getName());

  /** What a probe answers: each backend up or down, and whether all are up and fresh. */
  public record Readiness(boolean ready, Map<String, Boolean> backends) {}

  private final Map<String, BooleanSupplier> checks;
  private final Clock clock;
  private final Duration interval;
  private final Duration maxAge;
  private volatile Map<String, Boolean> last = Map.of();
  private volatile Instant checkedAt;
  private ScheduledExecutorService scheduler;

  /**
   * @param checks backend name to a check that returns true when it answers (exceptions count as
   *     down), in the order they are reported
   */
  public ReadinessMonitor(
      Map<String, BooleanSupplier> checks, Clock clock, Duration interval, Duration maxAge) {
    this.checks = new LinkedHashMap<>(Objects.requireNonNull(checks, "checks"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
  }

  /** Checks every 2 s; a result older than 10 s is not ready. */
  public static ReadinessMonitor standard(Map<String, BooleanSupplier> checks, Clock clock) {
    return new ReadinessMonitor(checks, clock, Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  /** Runs the checks once now, then every interval on a daemon thread. */
  public synchronized ReadinessMonitor start() {
    if (scheduler == null) {
      checkNow();
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ledger-readiness");
                t.setDaemon(true);
                return t;
              });
      scheduler.scheduleWithFixedDelay(
          this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Runs every check now and keeps the result. */
  public void checkNow() {
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
      boolean up;
      try {
        up = c.getValue().getAsBoolean();
      } catch (RuntimeException e) {
        up = false;
      }
      result.put(c.getKey(), up);
      Boolean before = last.get(c.getKey());
      if (before == null ? !up : before != up) {
        if (up) {
          LOG.info("readiness: " + c.getKey() + " is up");
        } else {
          LOG.warning("readiness: " + c.getKey() + " is down; not ready");
        }
      }
    }
    last = Map.copyOf(result);
    checkedAt = clock.instant();
  }

  /** The latest result; not ready if no check finished within {@code maxAge}. */
  public Readiness current() {
    Instant at = checkedAt;
    Map<String, Boolean> backends = last;
    boolean fresh = at != null && !clock.instant().isAfter(at.plus(maxAge));
    boolean allUp = backends.size() == checks.size() && !backends.containsValue(false);
    Map<String, Boolean> ordered = new LinkedHashMap<>();
    for (String name : checks.keySet()) {
      ordered.put(name, fresh && Boolean.TRUE.equals(backends.get(name)));
    }
    return new Readiness(fresh && allUp, ordered);
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
