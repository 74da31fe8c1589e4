package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Newest runs first.")
  static final class ListRuns implements Callable<Integer> {
    @Option(
        names = "--status",
        description =
            "queued, running, retry_scheduled, waiting, succeeded, skipped_by_policy, failed")
    String status;

    @Option(names = "--tenant-id")
    String tenantId;

    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
      SyncRunStatus s = status == null ? null : SyncRunStatus.fromDb(status);
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
        List<SyncRun> runs =
            chassis.query().recent(new RunQuery(tenantId, s, null, null, Math.max(1, limit)));
        String fmt = "%-36s %-20s %-18s %-9s %-18s %-10s %s%n";
        System.out.printf(
            fmt, "RUN", "CREATED", "EVENT", "ENTITY", "STATUS", "SAGE REF", "ERROR / REASON");
        for (SyncRun r : runs) {
          System.out.printf(
              fmt,
              r.id(),
              r.createdAt().toString().substring(0, 19),
              r.event().wire(),
              r.storeEntityId(),
              r.status().db(),
              r.sageReference() == null ? "-" : r.sageReference(),
              r.errorCode() != null
                  ? r.errorCode() + ": " + r.errorMessage()
                  : r.skipReason() != null ? r.skipReason() : "");
        }
      }
      return 0;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Send failed runs through the worker again (after fixing the cause).")
  static final class Retry implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    static final class Selector {
      @Option(names = "--run-id", description = "One failed run")
      UUID runId;

      @Option(names = "--all-failed", description = "Every failed run (newest 10,000)")
      boolean allFailed;
    }

    @Override
    public Integer call() {
      int requeued = 0;
      int refused = 0;
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
        List<UUID> ids =
            selector.runId != null
                ? List.of(selector.runId)
                : chassis
                    .query()
                    .recent(new RunQuery(null, SyncRunStatus.FAILED, null, null, 10_000))
                    .stream()
                    .map(SyncRun::id)
                    .toList();
        for (UUID id : ids) {
          RetrySyncRunUseCase.RetryResult r = chassis.retry().retry(id);
          if (r instanceof RetrySyncRunUseCase.Requeued) {
            requeued++;
          } else {
            refused++;
            System.err.println(id + ": " + ((RetrySyncRunUseCase.NotRetryable) r).reason());
          }
        }
      }
      System.out.println(
          requeued + " run(s) re-queued" + (refused > 0 ? ", " + refused + " refused" : ""));
      return refused > 0 && requeued == 0 ? 1 : 0;
    }
  }

  @Command(
      name = "dead-letters",
      mixinStandardHelpOptions = true,
      description = "Jobs parked after a permanent failure or the last retry, newest first.")
  static final class DeadLetters implements Callable<Integer> {
    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
        List<Job> jobs = chassis.jobQueue().deadLetters(Math.max(1, limit));
        if (jobs.isEmpty()) {
          System.out.println("No dead-lettered jobs.");
          return 0;
        }
        String fmt = "%-36s %-5s %-36s %-8s %s%n";
        System.out.printf(fmt, "JOB", "KIND", "RUN", "ATTEMPTS", "LAST ERROR");
        for (Job j : jobs) {
          String err = j.lastError() == null ? "" : j.lastError().replaceAll("\\s+", " ");
          System.out.printf(
              fmt,
              j.id(),
              j.kind().db(),
              j.syncRunId(),
              j.attempts(),
              err.length() > 120 ? err.substring(0, 119) + "…" : err);
        }
        System.out.println("Retry a failed run with: ledgerbridge runs retry --run-id <RUN>");
      }
      return 0;
    }
  }
}
