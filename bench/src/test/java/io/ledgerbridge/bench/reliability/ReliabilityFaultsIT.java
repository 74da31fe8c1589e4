package io.ledgerbridge.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.reliability.faults.FaultSchedule;
import io.ledgerbridge.bench.reliability.faults.FaultsReport;
import io.ledgerbridge.bench.reliability.faults.FaultsRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short, deterministic variant of {@code ledgerbridge reliability faults} for CI: 60 invoices
 * over 2 Sage businesses (a third of those that sync raised paid, a quarter refunded in full), web
 * + 2 workers + relay as child processes on PostgreSQL and Redis, with one worker SIGKILL, one
 * Redis cut and one Sage 503 storm (invoices, contacts, payments, credit notes, allocations) while
 * the invoices flow. The same runner and the same invariant as the full run.
 */
class ReliabilityFaultsIT {
  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  @Test
  void shortFaultScheduleLosesAndDuplicatesNothingAndEveryInvoiceEndsWithItsExpectedStatus()
      throws Exception {
    Path out = Path.of("target", "reliability-faults").toAbsolutePath();
    FaultsRunner.Options options =
        new FaultsRunner.Options(
            60,
            2,
            2,
            4.0,
            FaultSchedule.shortCi(),
            Duration.ofMinutes(3),
            5L,
            env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
            env("LEDGER_TEST_PG_USER", "postgres"),
            System.getenv("LEDGER_TEST_PG_PASSWORD"),
            env("LEDGER_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
            out.resolve("faults-logs"));

    FaultsReport report = new FaultsRunner(options, System.out::println).run();
    report.write(out);

    String context = report.markdown();
    assertThat(report.faults())
        .as(context)
        .extracting(FaultsReport.AppliedFault::kind)
        .containsExactlyInAnyOrder(
            FaultSchedule.Kind.WORKER_KILL,
            FaultSchedule.Kind.REDIS_CUT,
            FaultSchedule.Kind.SAGE_503_STORM);
    assertThat(report.raised()).as(context).isEqualTo(60);
    assertThat(report.accepted()).as(context).isEqualTo(60);
    assertThat(report.duplicates()).as(context).isZero();
    assertThat(report.lost()).as(context).isZero();
    assertThat(report.unexpectedStatus()).as(context).isZero();
    assertThat(report.conflictingStatusPushes()).as(context).isZero();
    assertThat(report.deadLettered()).as(context).isZero();
    assertThat(report.synced() + report.skipped()).as(context).isEqualTo(60);
    assertThat(report.skipped()).as("one zero-value sample in six\n" + context).isEqualTo(10);
    assertThat(report.money().paidInvoices()).as(context).isPositive();
    assertThat(report.money().receipts()).as(context).isEqualTo(report.money().paidInvoices());
    assertThat(report.money().creditMemos()).as(context).isPositive();
    assertThat(report.money().creditNotes()).as(context).isEqualTo(report.money().creditMemos());
    assertThat(report.money().allocations() + report.money().refunds())
        .as(context)
        .isEqualTo(report.money().creditMemos());
    assertThat(report.money().duplicates()).as(context).isZero();
    assertThat(report.money().unsettled()).as(context).isZero();
    assertThat(report.passed()).as(context).isTrue();
  }
}
