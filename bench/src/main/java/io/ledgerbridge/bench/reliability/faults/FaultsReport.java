package io.ledgerbridge.bench.reliability.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one fault run: what was run, how long each phase took, the counts the invariant is
 * judged on, the faults actually applied (with their timings) and the problems found.
 *
 * <p>{@code duplicates} = surplus Sage invoices + Sage contacts created more than once + surplus
 * runs for one store event + surplus receipts, credit notes, allocations and refunds. {@code lost}
 * = raised invoices without an accepted run, without a terminal store status, or synced without the
 * Sage invoice behind it, plus paid or refunded invoices Sage still shows outstanding and credit
 * memos without exactly one settled credit note.
 */
public record FaultsReport(
    boolean passed,
    boolean settled,
    int invoices,
    int businesses,
    int workers,
    double ratePerSecond,
    String schedule,
    long seed,
    long setUpMs,
    long raiseMs,
    long settleMs,
    long totalMs,
    int raised,
    long accepted,
    long synced,
    long skipped,
    long failed,
    long notTerminal,
    long deadLettered,
    long duplicates,
    long sageInvoiceDuplicates,
    long contactDuplicates,
    long runDuplicates,
    long conflictingStatusPushes,
    long lost,
    long unexpectedStatus,
    long statusPushes,
    long repeatedStatusPushes,
    long sageInvoices,
    int sageInvoicePosts,
    int sageContactPosts,
    int workerRestarts,
    Map<String, Long> runStatuses,
    Map<String, Long> jobStatuses,
    List<BusinessCounts> perBusiness,
    MoneyCounts money,
    List<AppliedFault> faults,
    List<String> problems,
    int problemCount,
    String logDir) {

  public FaultsReport {
    runStatuses = Map.copyOf(runStatuses);
    jobStatuses = Map.copyOf(jobStatuses);
    perBusiness = List.copyOf(perBusiness);
    faults = List.copyOf(faults);
    problems = List.copyOf(problems);
  }

  /**
   * Payments and credit notes: invoices raised paid and the receipts Sage holds for them, credit
   * memos and the credit notes, allocations and refunds that settle them, the surplus of each, and
   * the paid or refunded documents Sage does not show settled.
   */
  public record MoneyCounts(
      long paidInvoices,
      long receipts,
      long receiptDuplicates,
      long creditMemos,
      long creditNotes,
      long creditNoteDuplicates,
      long allocations,
      long refunds,
      long settlementDuplicates,
      long unsettled,
      int contactPaymentPosts,
      int creditNotePosts,
      int allocationPosts) {

    public long duplicates() {
      return receiptDuplicates + creditNoteDuplicates + settlementDuplicates;
    }
  }

  /** Counts for one store and its Sage business. */
  public record BusinessCounts(
      String tenant,
      String businessId,
      long raised,
      long synced,
      long skipped,
      long sageInvoices,
      long sageContacts,
      int storeUnavailableRefusals) {}

  /**
   * One fault as applied: planned offset (-1 for an unplanned action), actual start and end offsets
   * from the first invoice, and what was done.
   */
  public record AppliedFault(
      FaultSchedule.Kind kind, long plannedMs, long startedMs, long endedMs, String detail) {}

  /** Writes {@code faults.md} and {@code faults.json} into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at", Instant.now().toString());
    doc.put("report", this);
    Files.writeString(
        dir.resolve("faults.json"), json.writeValueAsString(doc), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("faults.md"), markdown(), StandardCharsets.UTF_8);
  }

  /** The Markdown report. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Reliability suite: faults\n\n");
    b.append("Result: **")
        .append(passed ? "PASS" : "FAIL")
        .append("** (generated ")
        .append(Instant.now())
        .append(")\n\n");
    b.append("Command: `java -jar ledgerbridge.jar reliability faults --invoices ")
        .append(invoices)
        .append(" --businesses ")
        .append(businesses)
        .append(" --workers ")
        .append(workers)
        .append(" --rate ")
        .append(fmt(ratePerSecond))
        .append(" --schedule ")
        .append(schedule)
        .append(" --seed ")
        .append(seed)
        .append("`\n\n");
    b.append("Chassis: 1 web, ")
        .append(workers)
        .append(
            " worker processes (2 threads each), 1 relay,"
                + " PostgreSQL + Redis, both behind TCP proxies that the run cuts; one sandbox store and one"
                + " Sage business per binding; sample invoices from the demo set (one in six is zero-value"
                + " and must end skipped).\n\n");
    b.append("## Timings\n\n| phase | ms |\n|---|---:|\n");
    b.append("| set-up (schema, sandboxes, bindings, child processes) | ")
        .append(setUpMs)
        .append(" |\n");
    b.append("| raising at ")
        .append(fmt(ratePerSecond))
        .append("/s | ")
        .append(raiseMs)
        .append(" |\n");
    b.append("| settling (all terminal, no pending job) | ")
        .append(settleMs)
        .append(settled ? "" : " (timed out)")
        .append(" |\n");
    b.append("| total | ").append(totalMs).append(" |\n\n");
    b.append("## Invariant counts\n\n| count | value | must be |\n|---|---:|---|\n");
    row(b, "invoices raised", raised, "= " + invoices);
    row(b, "accepted (runs in the database)", accepted, "= raised");
    row(b, "synced (store status)", synced, "");
    row(b, "skipped (store status)", skipped, "");
    row(b, "failed (store status)", failed, "0 (only transient faults injected)");
    row(b, "not terminal", notTerminal, "0");
    row(b, "dead-lettered jobs", deadLettered, "0");
    row(b, "**duplicates**", duplicates, "**0**");
    row(b, "  surplus Sage invoices", sageInvoiceDuplicates, "0");
    row(b, "  Sage contacts created twice", contactDuplicates, "0");
    row(b, "  surplus runs for one event", runDuplicates, "0");
    row(
        b,
        "conflicting status pushes (two different terminal statuses)",
        conflictingStatusPushes,
        "0");
    row(b, "**lost**", lost, "**0**");
    row(b, "unexpected terminal status", unexpectedStatus, "0");
    row(b, "accepted status pushes", statusPushes, "");
    row(
        b,
        "  identical repeats (at-least-once push after a kill or timeout)",
        repeatedStatusPushes,
        "");
    row(b, "Sage sales invoices", sageInvoices, "= synced");
    row(b, "Sage sales invoice POSTs (incl. faulted)", sageInvoicePosts, "");
    row(b, "Sage contact POSTs (incl. faulted)", sageContactPosts, "");
    row(b, "worker restarts", workerRestarts, "");
    b.append("\n## Payments and credit notes\n\n| count | value | must be |\n|---|---:|---|\n");
    row(b, "invoices raised paid (invoice.paid)", money.paidInvoices(), "");
    row(b, "customer receipts in Sage for them", money.receipts(), "= paid invoices");
    row(b, "  surplus receipts", money.receiptDuplicates(), "0");
    row(b, "credit memos raised (full refunds)", money.creditMemos(), "");
    row(b, "Sage credit notes", money.creditNotes(), "= credit memos");
    row(b, "  surplus credit notes", money.creditNoteDuplicates(), "0");
    row(b, "allocations (credit against an unpaid invoice)", money.allocations(), "");
    row(b, "refunds (credit of a paid invoice paid back)", money.refunds(), "");
    row(b, "  surplus allocations and refunds", money.settlementDuplicates(), "0");
    row(b, "paid or refunded but not settled in Sage", money.unsettled(), "0");
    row(b, "Sage contact payment POSTs (incl. faulted)", money.contactPaymentPosts(), "");
    row(b, "Sage credit note POSTs (incl. faulted)", money.creditNotePosts(), "");
    row(b, "Sage allocation POSTs (incl. faulted)", money.allocationPosts(), "");
    b.append("\nRun statuses in the database: ")
        .append(new java.util.TreeMap<>(runStatuses))
        .append("\n\nJobs by kind:status: ")
        .append(new java.util.TreeMap<>(jobStatuses))
        .append("\n\n");
    b.append(
        "## Per business\n\n| tenant | Sage business | raised | synced | skipped | Sage invoices"
            + " | Sage contacts | store 503 refusals |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (BusinessCounts c : perBusiness) {
      b.append("| ")
          .append(c.tenant())
          .append(" | `")
          .append(c.businessId())
          .append("` | ")
          .append(c.raised())
          .append(" | ")
          .append(c.synced())
          .append(" | ")
          .append(c.skipped())
          .append(" | ")
          .append(c.sageInvoices())
          .append(" | ")
          .append(c.sageContacts())
          .append(" | ")
          .append(c.storeUnavailableRefusals())
          .append(" |\n");
    }
    b.append(
        "\n## Faults applied (offsets from the first invoice)\n\n| # | kind | planned ms | started ms"
            + " | ended ms | detail |\n|---:|---|---:|---:|---:|---|\n");
    int i = 1;
    for (AppliedFault f :
        faults.stream()
            .sorted(java.util.Comparator.comparingLong(AppliedFault::startedMs))
            .toList()) {
      b.append("| ")
          .append(i++)
          .append(" | ")
          .append(f.kind())
          .append(" | ")
          .append(f.plannedMs())
          .append(" | ")
          .append(f.startedMs())
          .append(" | ")
          .append(f.endedMs())
          .append(" | ")
          .append(f.detail().replace("|", "\\|"))
          .append(" |\n");
    }
    b.append("\n## Problems (").append(problemCount).append(")\n\n");
    if (problems.isEmpty()) {
      b.append("None.\n");
    } else {
      for (String p : problems) {
        b.append("- ").append(p.replace("\n", " ")).append('\n');
      }
    }
    b.append("\nChild process logs: `").append(logDir).append("`\n");
    return b.toString();
  }

  private static void row(StringBuilder b, String name, long value, String must) {
    b.append("| ")
        .append(name)
        .append(" | ")
        .append(value)
        .append(" | ")
        .append(must)
        .append(" |\n");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** One line for the console. */
  public String summary() {
    return (passed ? "PASS" : "FAIL")
        + ": raised "
        + raised
        + ", accepted "
        + accepted
        + ", synced "
        + synced
        + ", skipped "
        + skipped
        + ", failed "
        + failed
        + ", dead-lettered "
        + deadLettered
        + ", duplicates "
        + duplicates
        + ", lost "
        + lost
        + ", unexpected "
        + unexpectedStatus
        + ", conflicting pushes "
        + conflictingStatusPushes
        + ", pushes "
        + statusPushes
        + " ("
        + repeatedStatusPushes
        + " repeats), faults "
        + faults.size()
        + ", total "
        + totalMs
        + " ms";
  }
}
