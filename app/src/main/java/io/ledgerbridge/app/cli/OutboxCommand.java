package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.out.OutboxMaintenance;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobFilter;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobRow;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobState;
import io.ledgerbridge.ports.out.OutboxMaintenance.StateCount;
import io.ledgerbridge.ports.service.RequeueJobService;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code outbox inspect|requeue|cleanup}: the chassis's own job table. It is the outbox with or
 * without Redis Streams (the relay publishes from it), so these commands work on every substrate.
 */
@Command(
    name = "outbox",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect the job outbox (the jobs table), re-queue dead-lettered or stuck jobs, delete old"
          + " ended jobs. With Redis Streams the table is still the outbox the relay publishes"
          + " from."
    },
    subcommands = {
      OutboxCommand.Inspect.class,
      OutboxCommand.Requeue.class,
      OutboxCommand.Cleanup.class
    })
final class OutboxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final String REDIS_NOTE =
      "note: jobs are delivered through Redis Streams. This table is the outbox they are published"
          + " from: 'due' and 'scheduled' are its view (published = handed to Redis), a worker's"
          + " lease lives in Redis (a delivery whose worker died is claimed again there after"
          + " LEDGER_VISIBILITY_SECONDS), so no job shows 'leased' here.";

  /** The filter options the three commands share; the states are each command's own. */
  static final class Filter {
    @Option(names = "--tenant-id", description = "Only jobs of this tenant")
    String tenantId;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        completionCandidates = Converters.JobKinds.class,
        description = "Only jobs of this kind: ${COMPLETION-CANDIDATES} (push: the status push)")
    JobKind kind;

    @Option(
        names = "--older-than",
        paramLabel = "AGE",
        description =
            "Only jobs last changed (enqueued, claimed, retried, ended) longer ago than this:"
                + " 90s, 15m, 2h, 7d")
    Duration olderThan;

    JobFilter filter(Set<JobState> states, Instant now) {
      return new JobFilter(states, tenantId, kind, olderThan == null ? null : now.minus(olderThan));
    }
  }

  static Map<String, Object> json(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id().toString());
    m.put("kind", j.kind().db());
    m.put("sync_run_id", j.syncRunId().toString());
    m.put("tenant_id", j.tenantId());
    m.put("status", j.status().db());
    m.put("attempts", j.attempts());
    m.put("next_attempt_at", j.nextAttemptAt().toString());
    m.put("last_error", j.lastError());
    m.put("created_at", j.createdAt().toString());
    return m;
  }

  static Map<String, Object> json(JobRow r) {
    Map<String, Object> m = json(r.job());
    m.put("state", r.state().wire());
    m.put("updated_at", r.updatedAt().toString());
    m.put("locked_until", r.lockedUntil() == null ? null : r.lockedUntil().toString());
    m.put("published", r.published());
    return m;
  }

  static String substrate(Chassis chassis) {
    return chassis.persistence().databaseProduct()
        + (chassis.deliversThroughRedis() ? " + Redis Streams" : " (database job queue)");
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "Count the jobs per state (due, scheduled, leased, succeeded, dead_lettered) and list"
              + " those that match, longest unchanged first.")
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "STATE",
        split = ",",
        completionCandidates = Converters.JobStates.class,
        description =
            "Only jobs in these states (repeat or comma-separate): ${COMPLETION-CANDIDATES}")
    Set<JobState> states = EnumSet.noneOf(JobState.class);

    @Mixin Filter filter;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description =
            "List at most this many jobs; 0 for the counts alone (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the counts and jobs as JSON")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Chassis chassis = Cli.open()) {
        Instant now = chassis.clock().instant();
        OutboxMaintenance outbox = chassis.outbox();
        JobFilter f = filter.filter(states, now);
        List<StateCount> counts = outbox.summarize(f, now);
        List<JobRow> rows = limit > 0 ? outbox.list(f, now, limit) : List.of();
        long total = counts.stream().mapToLong(StateCount::count).sum();
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("substrate", substrate(chassis));
          m.put("redis_streams", chassis.deliversThroughRedis());
          m.put("as_of", now.toString());
          Map<String, Object> byState = new LinkedHashMap<>();
          for (JobState s : JobState.values()) {
            byState.put(s.wire(), 0L);
          }
          counts.forEach(c -> byState.put(c.state().wire(), c.count()));
          m.put("counts", byState);
          m.put("total", total);
          m.put("jobs", rows.stream().map(OutboxCommand::json).toList());
          Cli.printJson(out, m);
          return 0;
        }
        out.println("outbox on " + substrate(chassis) + ", as of " + now);
        Table t = new Table("STATE", "JOBS", "OLDEST CHANGE");
        for (StateCount c : counts) {
          t.row(c.state().wire(), c.count(), c.oldestChange());
        }
        t.row("total", total, "");
        t.print(out);
        if (!rows.isEmpty()) {
          out.println();
          Table jobs =
              new Table(
                  "JOB", "KIND", "STATE", "TENANT", "RUN", "ATTEMPTS", "CHANGED", "LAST ERROR");
          for (JobRow r : rows) {
            jobs.row(
                r.job().id(),
                r.job().kind().db(),
                r.state().wire() + (r.published() ? " (published)" : ""),
                r.job().tenantId(),
                r.job().syncRunId(),
                r.job().attempts(),
                r.updatedAt(),
                Table.cut(r.job().lastError(), 80));
          }
          jobs.print(out);
          if (rows.size() == limit && total > limit) {
            out.println("(" + limit + " of " + total + " listed; --limit lists more)");
          }
        }
        if (chassis.deliversThroughRedis()) {
          out.println(REDIS_NOTE);
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "requeue",
      mixinStandardHelpOptions = true,
      description = {
        "Put dead-lettered jobs (or jobs leased by a worker that is gone) back to work. A"
            + " dead-lettered sync job retries its failed run (runs retry); a dead-lettered push is"
            + " due again; a leased job has its lease released."
      })
  static final class Requeue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "STATE",
        split = ",",
        completionCandidates = Converters.JobStates.class,
        description =
            "Jobs in these states: dead_lettered (default) and/or leased (stuck: use --older-than)")
    Set<JobState> states = EnumSet.of(JobState.DEAD_LETTERED);

    @Option(names = "--job-id", paramLabel = "JOB", description = "Only this job")
    UUID jobId;

    @Mixin Filter filter;

    @Option(
        names = "--limit",
        defaultValue = "10000",
        description = "At most this many jobs, longest unchanged first (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--dry-run", description = "List the jobs that would be re-queued; change none")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      Set<JobState> allowed = EnumSet.of(JobState.DEAD_LETTERED, JobState.LEASED);
      for (JobState s : states) {
        if (!allowed.contains(s)) {
          throw new CommandLine.ParameterException(
              cl, "--status " + s.wire() + ": only dead_lettered and leased jobs are re-queued");
        }
      }
      PrintWriter out = cl.getOut();
      PrintWriter err = cl.getErr();
      List<String> refused = new ArrayList<>();
      int requeued = 0;
      List<JobRow> rows;
      try (Chassis chassis = Cli.open()) {
        Instant now = chassis.clock().instant();
        rows =
            chassis.outbox().list(filter.filter(states, now), now, Math.max(1, limit)).stream()
                .filter(r -> jobId == null || r.job().id().equals(jobId))
                .toList();
        if (dryRun) {
          Table t = new Table("JOB", "KIND", "STATE", "TENANT", "RUN", "CHANGED");
          rows.forEach(
              r ->
                  t.row(
                      r.job().id(),
                      r.job().kind().db(),
                      r.state().wire(),
                      r.job().tenantId(),
                      r.job().syncRunId(),
                      r.updatedAt()));
          if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("matched", rows.size());
            m.put("jobs", rows.stream().map(OutboxCommand::json).toList());
            Cli.printJson(out, m);
            return 0;
          }
          if (!t.isEmpty()) {
            t.print(out);
          }
          out.println(rows.size() + " job(s) would be re-queued");
          out.flush();
          return 0;
        }
        try (ProgressBar bar = ProgressBar.start("re-queueing", rows.size())) {
          for (JobRow r : rows) {
            RequeueJobService.Outcome o = chassis.requeueJobs().requeue(r);
            if (o instanceof RequeueJobService.Requeued) {
              requeued++;
            } else {
              refused.add(o.jobId() + ": " + ((RequeueJobService.Refused) o).reason());
            }
            bar.step();
          }
        }
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("matched", rows.size());
          m.put("requeued", requeued);
          m.put("refused", refused);
          Cli.printJson(out, m);
        } else {
          refused.forEach(err::println);
          err.flush();
          out.println(
              rows.isEmpty()
                  ? "no job matches"
                  : requeued
                      + " job(s) re-queued"
                      + (refused.isEmpty() ? "" : ", " + refused.size() + " refused"));
          if (chassis.deliversThroughRedis() && states.contains(JobState.LEASED)) {
            out.println(REDIS_NOTE);
          }
          out.flush();
        }
      }
      return !refused.isEmpty() && requeued == 0 ? 1 : 0;
    }
  }

  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = {
        "Delete ended jobs (succeeded, and dead_lettered unless --status says otherwise) last"
            + " changed longer ago than --older-than. The runs and their history stay; a failed"
            + " run whose dead letter is deleted can still be retried (runs retry)."
      })
  static final class Cleanup implements Callable<Integer> {
    static final int BATCH = 500;

    @Spec CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "STATE",
        split = ",",
        completionCandidates = Converters.JobStates.class,
        description = "Ended states to delete: succeeded and/or dead_lettered (default: both)")
    Set<JobState> states = EnumSet.copyOf(JobState.ENDED);

    @Option(names = "--tenant-id", description = "Only jobs of this tenant")
    String tenantId;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        completionCandidates = Converters.JobKinds.class,
        description = "Only jobs of this kind: ${COMPLETION-CANDIDATES}")
    JobKind kind;

    @Option(
        names = "--older-than",
        paramLabel = "AGE",
        required = true,
        description = "Only jobs that ended longer ago than this: 90s, 15m, 2h, 7d (required)")
    Duration olderThan;

    @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      for (JobState s : states) {
        if (!JobState.ENDED.contains(s)) {
          throw new CommandLine.ParameterException(
              cl, "--status " + s.wire() + ": only succeeded and dead_lettered jobs are deleted");
        }
      }
      PrintWriter out = cl.getOut();
      try (Chassis chassis = Cli.open()) {
        Instant now = chassis.clock().instant();
        JobFilter f = new JobFilter(states, tenantId, kind, now.minus(olderThan));
        Map<JobState, Long> before = new LinkedHashMap<>();
        chassis.outbox().summarize(f, now).forEach(c -> before.put(c.state(), c.count()));
        long matched = before.values().stream().mapToLong(Long::longValue).sum();
        long deleted = 0;
        if (!dryRun) {
          try (ProgressBar bar =
              ProgressBar.start("deleting", (int) Math.min(Integer.MAX_VALUE, matched))) {
            int n;
            while ((n = chassis.outbox().deleteEnded(f, now, BATCH)) > 0) {
              deleted += n;
              bar.advance(n);
            }
          }
        }
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("dry_run", dryRun);
          m.put("cutoff", now.minus(olderThan).toString());
          Map<String, Object> byState = new LinkedHashMap<>();
          for (JobState s : states) {
            byState.put(s.wire(), before.getOrDefault(s, 0L));
          }
          m.put("matched", byState);
          m.put("deleted", deleted);
          Cli.printJson(out, m);
          return 0;
        }
        List<String> parts = new ArrayList<>();
        for (JobState s : states) {
          parts.add(before.getOrDefault(s, 0L) + " " + s.wire());
        }
        String what =
            String.join(", ", parts) + " job(s) last changed before " + now.minus(olderThan);
        out.println(dryRun ? "would delete " + what : "deleted " + deleted + " of " + what);
        out.flush();
      }
      return 0;
    }
  }
}
