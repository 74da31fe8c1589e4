package io.ledgerbridge.app.metrics;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@link ChassisMetrics} port on a Micrometer registry. Meter names are Micrometer's dotted
 * names; the Prometheus registry renders them as {@code ledger_webhooks_accepted_total}, {@code
 * ledger_sage_request_seconds_bucket} and so on (the full list is in {@code docs/operations.md}).
 * Timers publish a few fixed buckets each instead of Micrometer's 70-odd default percentile
 * buckets, so a histogram costs about a dozen series per label combination.
 */
public final class MicrometerChassisMetrics implements ChassisMetrics {

  static final String WEBHOOKS_ACCEPTED = "ledger.webhooks.accepted";
  static final String WEBHOOKS_REJECTED = "ledger.webhooks.rejected";
  static final String RUNS_ENDED = "ledger.runs.ended";
  static final String JOB_LATENCY = "ledger.job.latency";
  static final String SAGE_REQUEST = "ledger.sage.request";
  static final String STORE_REQUEST = "ledger.store.request";
  static final String RATE_GOVERNOR_WAIT = "ledger.rate.governor.wait";
  static final String BUSINESS_BUSY = "ledger.business.busy";
  static final String ACCEPT_BATCH = "ledger.webhooks.accept.batch";
  static final String END_BATCH = "ledger.runs.end.batch";

  /** Buckets of one call to Sage or the store. */
  static final Duration[] CALL_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  /** Buckets of a job from enqueue to done: seconds when all is well, hours on the retry ladder. */
  static final Duration[] JOB_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1),
    Duration.ofHours(6),
    Duration.ofHours(24)
  };

  /** Buckets of the time a Sage call waited for the rate governor. */
  static final Duration[] WAIT_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30)
  };

  private final MeterRegistry registry;
  private final DistributionSummary acceptBatch;
  private final DistributionSummary endBatch;

  /**
   * Registers the counters whose label values are known in advance at zero, so that a rate over
   * them starts from the process's start rather than from the first event.
   */
  public MicrometerChassisMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    for (WebhookRejection reason : WebhookRejection.values()) {
      rejected(reason);
    }
    for (BusyBusiness outcome : BusyBusiness.values()) {
      busy(outcome);
    }
    acceptBatch =
        DistributionSummary.builder(ACCEPT_BATCH)
            .description("Webhooks committed per accept transaction (group commit)")
            .baseUnit("webhooks")
            .register(registry);
    endBatch =
        DistributionSummary.builder(END_BATCH)
            .description("Runs whose end was written in one transaction by a worker")
            .baseUnit("runs")
            .register(registry);
  }

  @Override
  public void acceptBatch(int size) {
    acceptBatch.record(size);
  }

  @Override
  public void runsEndedTogether(int size) {
    endBatch.record(size);
  }

  @Override
  public void webhookAccepted(EventType event, boolean duplicate) {
    Counter.builder(WEBHOOKS_ACCEPTED)
        .description("Store webhooks accepted (202), by event; duplicate: the key was seen before")
        .tag("event", event.wire())
        .tag("duplicate", Boolean.toString(duplicate))
        .register(registry)
        .increment();
  }

  @Override
  public void webhookRejected(WebhookRejection reason) {
    rejected(reason).increment();
  }

  private Counter rejected(WebhookRejection reason) {
    return Counter.builder(WEBHOOKS_REJECTED)
        .description("Store webhooks refused, by reason (the error code answered, or its cause)")
        .tag("reason", reason.code())
        .register(registry);
  }

  @Override
  public void runEnded(EventType event, SyncRunStatus status, ErrorClass errorClass) {
    Counter.builder(RUNS_ENDED)
        .description("Sync runs that reached a terminal status, by event, status and error class")
        .tag("event", event.wire())
        .tag("status", status.db())
        .tag("error_class", errorClass == null ? "none" : errorClass.code())
        .register(registry)
        .increment();
  }

  @Override
  public void jobEnded(JobKind kind, JobEnd end, Duration sinceEnqueued) {
    Timer.builder(JOB_LATENCY)
        .description("Jobs from enqueue to done or dead-lettered, by kind (sync, push)")
        .tag("kind", kind.db())
        .tag("end", end.code())
        .serviceLevelObjectives(JOB_BUCKETS)
        .register(registry)
        .record(nonNegative(sinceEnqueued));
  }

  @Override
  public void remoteCall(Remote remote, String operation, String outcome, Duration took) {
    Timer.builder(remote == Remote.SAGE ? SAGE_REQUEST : STORE_REQUEST)
        .description(
            remote == Remote.SAGE
                ? "Calls to Sage, by gateway operation and outcome (ok or error class)"
                : "Calls to the store, by gateway operation and outcome (ok or error class)")
        .tag("operation", operation)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(CALL_BUCKETS)
        .register(registry)
        .record(nonNegative(took));
  }

  @Override
  public void rateGovernorWaited(Duration waited, boolean gaveUp) {
    Timer.builder(RATE_GOVERNOR_WAIT)
        .description("Sage calls that waited for the rate governor; gave_up: it failed instead")
        .tag("gave_up", Boolean.toString(gaveUp))
        .serviceLevelObjectives(WAIT_BUCKETS)
        .register(registry)
        .record(nonNegative(waited));
  }

  @Override
  public void businessBusy(BusyBusiness outcome) {
    busy(outcome).increment();
  }

  private Counter busy(BusyBusiness outcome) {
    return Counter.builder(BUSINESS_BUSY)
        .description(
            "Sync jobs that found their Sage business held by another worker: handed_off to this"
                + " process's holder, or deferred")
        .tag("outcome", outcome.code())
        .register(registry);
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
