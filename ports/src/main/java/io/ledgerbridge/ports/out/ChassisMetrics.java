package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import java.time.Duration;
import java.util.Locale;

/**
 * What the chassis counts and times for an operator's metrics (ADR 0022). The services and the HTTP
 * adapter call it at the points named below; an implementation turns the calls into meters (the
 * reference application: Micrometer, scraped by Prometheus). Every method does nothing by default,
 * so {@link #NONE} is a complete implementation.
 *
 * <p>Every argument is taken from a closed set (an enum, or the name of a port method), so a meter
 * built from them has a bounded number of series: no tenant, entity, customer data, message or
 * secret is ever passed. Calls are made after the change they report is committed, on the thread
 * that made it; an implementation must be cheap and must not throw.
 */
public interface ChassisMetrics {

  /** Records nothing. */
  ChassisMetrics NONE = new ChassisMetrics() {};

  /** Why a store's webhook was refused (the error code of the answer, or its cause). */
  enum WebhookRejection {
    /** 401: missing, malformed, wrongly signed or replayed token. */
    UNAUTHORIZED,
    /** 503: correctly signed outside its time window. */
    CLOCK_SKEW,
    /** 503: the authenticator failed (its store is down). */
    AUTHENTICATOR_UNAVAILABLE,
    /** 400: Idempotency-Key missing, repeated or malformed. */
    INVALID_IDEMPOTENCY_KEY,
    /** 415. */
    UNSUPPORTED_MEDIA_TYPE,
    /** 413. */
    BODY_TOO_LARGE,
    /** 400. */
    MALFORMED_JSON,
    /** 422. */
    INVALID_ENVELOPE,
    /** 404: the event is not one the store emits. */
    UNKNOWN_EVENT,
    /** 503: the binding was removed after authentication. */
    BINDING_UNAVAILABLE,
    /** 503: the accept use case failed (the database is down). */
    ACCEPT_FAILED;

    /** The label value: the constant's name in lower case. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The remote system of a timed call. */
  enum Remote {
    SAGE,
    STORE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What became of a sync job whose Sage business was held by another worker. */
  enum BusyBusiness {
    /** Parked with the thread of this process that holds the business (ADR 0013). */
    HANDED_OFF,
    /** Given back to the queue for a short while, without counting a failure. */
    DEFERRED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a job left the queue. */
  enum JobEnd {
    DONE,
    DEAD_LETTERED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A webhook was accepted (202); {@code duplicate} when its key was seen before. */
  default void webhookAccepted(EventType event, boolean duplicate) {}

  /** A webhook was refused. */
  default void webhookRejected(WebhookRejection reason) {}

  /** One accept transaction committed {@code size} webhooks together (group commit). */
  default void acceptBatch(int size) {}

  /**
   * One transaction wrote the end of {@code size} runs together (a worker's group of claimed jobs
   * whose runs succeeded or were skipped).
   */
  default void runsEndedTogether(int size) {}

  /**
   * A run reached a terminal status ({@code succeeded}, {@code skipped_by_policy} or {@code
   * failed}); {@code errorClass} is null unless it failed.
   */
  default void runEnded(EventType event, SyncRunStatus status, ErrorClass errorClass) {}

  /** A job left the queue, {@code sinceEnqueued} after it was enqueued. */
  default void jobEnded(JobKind kind, JobEnd end, Duration sinceEnqueued) {}

  /**
   * A call to Sage or the store returned or threw.
   *
   * @param operation the gateway method, in snake case ({@code create_sales_invoice})
   * @param outcome {@code ok}, or the {@link ErrorClass#code()} of the failure
   */
  default void remoteCall(Remote remote, String operation, String outcome, Duration took) {}

  /**
   * The rate governor made a Sage call wait {@code waited} in all (only calls that waited are
   * reported); {@code gaveUp} when the wait ran out and the call failed {@code rate_limited}.
   */
  default void rateGovernorWaited(Duration waited, boolean gaveUp) {}

  /** A sync job found its Sage business held by another worker. */
  default void businessBusy(BusyBusiness outcome) {}
}
