package io.ledgerbridge.app.metrics;

import io.ledgerbridge.adapter.persistence.JobQueueDepth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the job queue: {@code ledger_jobs_pending}, {@code ledger_jobs_due} and {@code
 * ledger_jobs_oldest_due_age_seconds}. A scrape never waits on the database: it reads the last
 * answer, and when that is older than {@link #MAX_AGE} it asks for a new one in the background, so
 * however many scrapes arrive the database sees at most one query per {@link #MAX_AGE} (and none
 * while nobody scrapes). Until the first answer, and while the database does not answer, the gauges
 * keep the last value they had (NaN before any).
 */
public final class QueueDepthGauges implements AutoCloseable {
  /** How old an answer may be before a scrape asks for a new one. */
  public static final Duration MAX_AGE = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(QueueDepthGauges.class);

  private final Supplier<JobQueueDepth> source;
  private final Clock clock;
  private final Executor executor;
  private final ExecutorService ownExecutor;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final MeterRegistry registry;
  private final List<Meter> meters;
  private volatile JobQueueDepth last;
  private volatile Instant askedAt;

  QueueDepthGauges(
      MeterRegistry registry,
      Supplier<JobQueueDepth> source,
      Clock clock,
      Executor executor,
      ExecutorService ownExecutor) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.ownExecutor = ownExecutor;
    this.meters =
        List.of(
            gauge("ledger.jobs.pending", "Jobs pending, due or not", null, JobQueueDepth::pending),
            gauge("ledger.jobs.due", "Jobs due now that no worker holds", null, JobQueueDepth::due),
            gauge(
                "ledger.jobs.oldest.due.age",
                "How long the oldest due job has been due (0 when none is)",
                "seconds",
                d -> d.oldestDueAge().toNanos() / 1e9));
    current(); // the first answer is on its way before the first scrape
  }

  /** Registers the gauges on {@code registry}, refreshed on a daemon thread of their own. */
  public static QueueDepthGauges register(
      MeterRegistry registry, Supplier<JobQueueDepth> source, Clock clock) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ledger-metrics");
              t.setDaemon(true);
              return t;
            });
    return new QueueDepthGauges(registry, source, clock, executor, executor);
  }

  private Meter gauge(
      String name, String description, String unit, ToDoubleFunction<JobQueueDepth> value) {
    return Gauge.builder(
            name,
            this,
            g -> {
              JobQueueDepth d = g.current();
              return d == null ? Double.NaN : value.applyAsDouble(d);
            })
        .description(description)
        .baseUnit(unit)
        .strongReference(true)
        .register(registry);
  }

  /**
   * The last answer (null before the first); asks for a new one once it is {@link #MAX_AGE} old.
   */
  JobQueueDepth current() {
    Instant now = clock.instant();
    Instant asked = askedAt;
    if ((asked == null || !now.isBefore(asked.plus(MAX_AGE)))
        && refreshing.compareAndSet(false, true)) {
      askedAt = now;
      try {
        executor.execute(this::refresh);
      } catch (RuntimeException e) {
        refreshing.set(false); // shut down
      }
    }
    return last;
  }

  private void refresh() {
    try {
      last = source.get();
    } catch (RuntimeException e) {
      LOG.debug("job queue depth unavailable: {}", e.toString());
    } finally {
      refreshing.set(false);
    }
  }

  /** Removes the gauges from the registry and stops the refresh thread. */
  @Override
  public void close() {
    meters.forEach(registry::remove);
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }
}
