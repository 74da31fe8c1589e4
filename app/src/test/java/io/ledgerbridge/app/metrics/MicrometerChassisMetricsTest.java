package io.ledgerbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.ChassisMetrics.BusyBusiness;
import io.ledgerbridge.ports.out.ChassisMetrics.JobEnd;
import io.ledgerbridge.ports.out.ChassisMetrics.Remote;
import io.ledgerbridge.ports.out.ChassisMetrics.WebhookRejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerChassisMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerChassisMetrics metrics = new MicrometerChassisMetrics(registry);

  @Test
  void countsAcceptedWebhooksByEventAndWhetherTheKeyWasSeenBefore() {
    metrics.webhookAccepted(EventType.INVOICE_CREATED, false);
    metrics.webhookAccepted(EventType.INVOICE_CREATED, false);
    metrics.webhookAccepted(EventType.INVOICE_CREATED, true);

    assertThat(
            registry
                .get("ledger.webhooks.accepted")
                .tags("event", "invoice.created", "duplicate", "false")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get("ledger.webhooks.accepted")
                .tags("event", "invoice.created", "duplicate", "true")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void summarisesTheWebhooksPerAcceptTransactionUnderItsPrometheusName() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerChassisMetrics onPrometheus = new MicrometerChassisMetrics(prometheus);
    onPrometheus.acceptBatch(1);
    onPrometheus.acceptBatch(7);

    assertThat(prometheus.scrape())
        .contains("ledger_webhooks_accept_batch_webhooks_count 2\n")
        .contains("ledger_webhooks_accept_batch_webhooks_sum 8.0")
        .contains("ledger_webhooks_accept_batch_webhooks_max 7.0");
  }

  @Test
  void summarisesTheRunsEndedPerWorkerTransactionUnderItsPrometheusName() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerChassisMetrics onPrometheus = new MicrometerChassisMetrics(prometheus);
    onPrometheus.runsEndedTogether(3);
    onPrometheus.runsEndedTogether(8);

    assertThat(prometheus.scrape())
        .contains("ledger_runs_end_batch_runs_count 2\n")
        .contains("ledger_runs_end_batch_runs_sum 11.0")
        .contains("ledger_runs_end_batch_runs_max 8.0");
  }

  @Test
  void startsEveryRejectionReasonAtZeroAndCountsThem() {
    metrics.webhookRejected(WebhookRejection.CLOCK_SKEW);

    assertThat(registry.get("ledger.webhooks.rejected").counters())
        .hasSize(WebhookRejection.values().length);
    assertThat(
            registry.get("ledger.webhooks.rejected").tag("reason", "clock_skew").counter().count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("ledger.webhooks.rejected")
                .tag("reason", "unauthorized")
                .counter()
                .count())
        .isZero();
  }

  @Test
  void countsEndedRunsByEventStatusAndErrorClass() {
    metrics.runEnded(EventType.INVOICE_PAID, SyncRunStatus.FAILED, ErrorClass.VALIDATION);
    metrics.runEnded(EventType.INVOICE_PAID, SyncRunStatus.SUCCEEDED, null);

    assertThat(
            registry
                .get("ledger.runs.ended")
                .tags("event", "invoice.paid", "status", "failed", "error_class", "validation")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("ledger.runs.ended")
                .tags("status", "succeeded", "error_class", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void timesJobsRemoteCallsAndRateGovernorWaits() {
    metrics.jobEnded(JobKind.SYNC, JobEnd.DONE, Duration.ofSeconds(3));
    metrics.jobEnded(JobKind.PUSH, JobEnd.DEAD_LETTERED, Duration.ofMinutes(2));
    metrics.remoteCall(Remote.SAGE, "create_sales_invoice", "ok", Duration.ofMillis(400));
    metrics.remoteCall(Remote.STORE, "fetch_invoice", "http", Duration.ofMillis(30));
    metrics.rateGovernorWaited(Duration.ofMillis(250), false);

    var sync = registry.get("ledger.job.latency").tags("kind", "sync", "end", "done").timer();
    assertThat(sync.count()).isEqualTo(1);
    assertThat(sync.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    assertThat(
            registry.get("ledger.job.latency").tags("kind", "push", "end", "dead_lettered").timer())
        .isNotNull();
    assertThat(
            registry
                .get("ledger.sage.request")
                .tags("operation", "create_sales_invoice", "outcome", "ok")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(400.0);
    assertThat(
            registry
                .get("ledger.store.request")
                .tags("operation", "fetch_invoice", "outcome", "http")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("ledger.rate.governor.wait")
                .tag("gave_up", "false")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(250.0);
  }

  @Test
  void countsBusyBusinessesByWhatBecameOfTheJob() {
    metrics.businessBusy(BusyBusiness.HANDED_OFF);
    metrics.businessBusy(BusyBusiness.DEFERRED);
    metrics.businessBusy(BusyBusiness.DEFERRED);

    assertThat(registry.get("ledger.business.busy").tag("outcome", "deferred").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("ledger.business.busy").tag("outcome", "handed_off").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void rendersPrometheusNamesAndFixedHistogramBuckets() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerChassisMetrics onPrometheus = new MicrometerChassisMetrics(prometheus);
    onPrometheus.remoteCall(Remote.SAGE, "create_contact", "ok", Duration.ofMillis(120));
    onPrometheus.jobEnded(JobKind.SYNC, JobEnd.DONE, Duration.ofSeconds(2));
    onPrometheus.runEnded(EventType.CUSTOMER_UPSERTED, SyncRunStatus.SKIPPED_BY_POLICY, null);

    String text = prometheus.scrape();

    assertThat(text)
        .contains(
            "ledger_sage_request_seconds_bucket{operation=\"create_contact\",outcome=\"ok\",le=\"0.25\"} 1",
            "ledger_sage_request_seconds_count{operation=\"create_contact\",outcome=\"ok\"} 1",
            "ledger_job_latency_seconds_bucket{end=\"done\",kind=\"sync\",le=\"5.0\"} 1",
            "ledger_runs_ended_total{error_class=\"none\",event=\"customer.upserted\","
                + "status=\"skipped_by_policy\"} 1.0");
    long sageBuckets =
        text.lines().filter(l -> l.startsWith("ledger_sage_request_seconds_bucket")).count();
    assertThat(sageBuckets).isEqualTo(MicrometerChassisMetrics.CALL_BUCKETS.length + 1);
  }
}
