package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runs list|retry} and {@code runs dead-letters}: operator views of sync runs and jobs. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Inspect sync runs, list dead-lettered jobs, retry failed runs.",
    subcommands = {
      RunsCommand.ListRuns.class,
      RunsCommand.Retry.class,
      RunsCommand.DeadLetters.class
    })
final class RunsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The filter options {@code list} and {@code retry} share. */
  static final class RunFilter {
    @Option(names = "--tenant-id", description = "Only runs of this tenant")
    String tenantId;

    @Option(
        names = "--event",
        paramLabel = "EVENT",
        completionCandidates = Converters.Events.class,
        description = "Only runs of this event: ${COMPLETION-CANDIDATES}")
    EventType event;

    @Option(
        names = "--entity-id",
        paramLabel = "ID",
        description =
            "Only runs of this store entity (invoice, credit memo, customer or product id)")
    Long entityId;

    @Option(
        names = "--since",
        paramLabel = "DATE",
        description = "Only runs accepted at or after this date (2026-01-31, UTC) or instant")
    Instant since;

    @Option(
        names = "--until",
        paramLabel = "DATE",
        description = "Only runs accepted before this date (2026-01-31, UTC) or instant")
    Instant until;

    boolean any() {
      return tenantId != null
          || event != null
          || entityId != null
          || since != null
          || until != null;
    }

    RunQuery query(SyncRunStatus status, int limit) {
      return new RunQuery(
          tenantId,
          status,
          event == null ? null : event.wire(),
          entityId,
          since,
          until,
          null,
          null,
          limit);
    }
  }

  static Map<String, Object> json(SyncRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("tenant_id", r.tenantId());
    m.put("event", r.event().wire());
    m.put("store_entity_id", r.storeEntityId());
    m.put("status", r.status().db());
    m.put("attempts", r.attempts());
    m.put("sage_entity_id", r.sageEntityId());
    m.put("sage_reference", r.sageReference());
    m.put("error_code", r.errorCode());
    m.put("error_message", r.errorMessage());
    m.put("skip_reason", r.skipReason());
    m.put("created_at", r.createdAt().toString());
    m.put("updated_at", r.updatedAt().toString());
    return m;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Sync runs, newest first.")
  static final class ListRuns implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        completionCandidates = Converters.RunStatuses.class,
        description = "Only runs in this status: ${COMPLETION-CANDIDATES}")
    SyncRunStatus status;

    @Mixin RunFilter filter;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many runs (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the runs as JSON")
    boolean json;

    @Override
    public Integer call() {
      List<SyncRun> runs;
      try (Chassis chassis = Cli.open()) {
        runs = chassis.query().recent(filter.query(status, Math.max(1, limit)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Cli.printJson(out, runs.stream().map(RunsCommand::json).toList());
        return 0;
      }
      Table t =
          new Table("RUN", "CREATED", "EVENT", "ENTITY", "STATUS", "SAGE REF", "ERROR / REASON");
      for (SyncRun r : runs) {
        t.row(
            r.id(),
            r.createdAt().toString().substring(0, 19),
            r.event().wire(),
            r.storeEntityId(),
            r.status().db(),
            r.sageReference(),
            r.errorCode() != null
                ? r.errorCode() + ": " + Table.cut(r.errorMessage(), 100)
                : r.skipReason() != null ? r.skipReason() : "");
      }
      t.print(out);
      return 0;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = {
        "Send failed runs through the worker again (after fixing the cause): one run by id, or"
            + " every failed run that matches the filter. Each goes back to queued with a fresh"
            + " job and keeps its Sage idempotency ids."
      })
  static final class Retry implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run-id", paramLabel = "RUN", description = "Retry this one failed run")
    UUID runId;

    @Option(
        names = "--all-failed",
        description = "Retry every failed run (with the filter options: every one that matches)")
    boolean allFailed;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        defaultValue = "failed",
        completionCandidates = Converters.RunStatuses.class,
        description = "Runs in this status; only failed runs can be retried (default: failed)")
    SyncRunStatus status;

    @Mixin RunFilter filter;

    @Option(
        names = "--limit",
        defaultValue = "10000",
        description = "At most this many runs, newest first (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--dry-run", description = "List the runs that would be retried; retry none")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      boolean filtered = filter.any() || allFailed;
      if (runId != null && filtered) {
        throw new CommandLine.ParameterException(
            cl, "--run-id retries one run; it cannot be combined with a filter or --all-failed");
      }
      if (runId == null && !filtered) {
        throw new CommandLine.ParameterException(
            cl,
            "say which runs: --run-id, or a filter (--tenant-id, --event, --entity-id, --since,"
                + " --until), or --all-failed");
      }
      if (status != SyncRunStatus.FAILED) {
        throw new CommandLine.ParameterException(
            cl, "only failed runs can be retried, not " + status.db());
      }
      PrintWriter out = cl.getOut();
      PrintWriter err = cl.getErr();
      int requeued = 0;
      List<String> refused = new ArrayList<>();
      List<UUID> ids;
      try (Chassis chassis = Cli.open()) {
        ids =
            runId != null
                ? List.of(runId)
                : chassis
                    .query()
                    .recent(filter.query(SyncRunStatus.FAILED, Math.max(1, limit)))
                    .stream()
                    .map(SyncRun::id)
                    .toList();
        if (dryRun) {
          ids.forEach(out::println);
          out.println(ids.size() + " run(s) would be retried");
          out.flush();
          return 0;
        }
        try (ProgressBar bar = ProgressBar.start("retrying", ids.size())) {
          for (UUID id : ids) {
            RetrySyncRunUseCase.RetryResult r = chassis.retry().retry(id);
            if (r instanceof RetrySyncRunUseCase.Requeued) {
              requeued++;
            } else {
              refused.add(id + ": " + ((RetrySyncRunUseCase.NotRetryable) r).reason());
            }
            bar.step();
          }
        }
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matched", ids.size());
        m.put("requeued", requeued);
        m.put("refused", refused);
        Cli.printJson(out, m);
      } else {
        refused.forEach(err::println);
        err.flush();
        out.println(
            ids.isEmpty()
                ? "no failed run matches"
                : requeued
                    + " run(s) re-queued"
                    + (refused.isEmpty() ? "" : ", " + refused.size() + " refused"));
        out.flush();
      }
      return !refused.isEmpty() && requeued == 0 ? 1 : 0;
    }
  }

  @Command(
      name = "dead-letters",
      mixinStandardHelpOptions = true,
      description = "Jobs parked after a permanent failure or the last retry, newest first.")
  static final class DeadLetters implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many jobs (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the jobs as JSON")
    boolean json;

    @Override
    public Integer call() {
      List<Job> jobs;
      try (Chassis chassis = Cli.open()) {
        jobs = chassis.jobQueue().deadLetters(Math.max(1, limit));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Cli.printJson(out, jobs.stream().map(OutboxCommand::json).toList());
        return 0;
      }
      if (jobs.isEmpty()) {
        out.println("No dead-lettered jobs.");
        out.flush();
        return 0;
      }
      Table t = new Table("JOB", "KIND", "RUN", "TENANT", "ATTEMPTS", "LAST ERROR");
      for (Job j : jobs) {
        t.row(
            j.id(),
            j.kind().db(),
            j.syncRunId(),
            j.tenantId(),
            j.attempts(),
            Table.cut(j.lastError(), 120));
      }
      t.print(out);
      out.println("Retry a failed run with: ledgerbridge runs retry --run-id <RUN>");
      out.flush();
      return 0;
    }
  }
}
