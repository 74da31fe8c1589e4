package io.ledgerbridge.bench.jmh;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ledgerbridge.adapter.persistence.PersistenceAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.in.ProcessJobUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.service.ClaimBuffer;
import io.ledgerbridge.ports.service.InProcessJobSignal;
import io.ledgerbridge.ports.service.JobWorker;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Side-by-side drain of no-op jobs on one PostgreSQL: ledgerbridge's JDBC job queue (claim with
 * {@code FOR UPDATE SKIP LOCKED} + lease, then complete) against db-scheduler 15 (one-time tasks,
 * lock-and-fetch polling, which also uses {@code SKIP LOCKED}). Same database, same thread count,
 * same number of jobs, one run each, each in a fresh schema, after a warm-up run of each (2,000
 * jobs, not reported). Enqueueing is not timed.
 *
 * <p>Usage: {@code java -cp bench/target/ledgerbridge-tools.jar
 * io.ledgerbridge.bench.jmh.QueueComparison [jobs] [threads]}; PostgreSQL from {@code
 * LEDGER_TEST_PG_URL} (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
 */
public final class QueueComparison {
  private static final String URL =
      System.getenv().getOrDefault("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER =
      System.getenv().getOrDefault("LEDGER_TEST_PG_USER", "postgres");

  private QueueComparison() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    // a declared warm-up, not reported: each queue drains a few jobs first, so that neither is
    // measured while the JIT is still compiling its path (the first queue measured paid for it)
    int warmup = Math.min(jobs, 2_000);
    ledgerbridge(warmup, threads, JobKind.SYNC);
    ledgerbridge(warmup, threads, JobKind.PUSH);
    dbScheduler(warmup, threads);
    double oursSync = ledgerbridge(jobs, threads, JobKind.SYNC);
    double oursPush = ledgerbridge(jobs, threads, JobKind.PUSH);
    double peer = dbScheduler(jobs, threads);
    int claim = ClaimBuffer.forWorkers(null, threads).claimSize();
    System.out.printf(Locale.ROOT, "%n| queue | jobs | threads | jobs/s |%n|---|---:|---:|---:|%n");
    System.out.printf(
        Locale.ROOT,
        "| ledgerbridge JDBC queue as JobWorker runs it: claim %d per round trip, sync jobs"
            + " completed one by one | %d | %d | %.0f |%n",
        claim,
        jobs,
        threads,
        oursSync);
    System.out.printf(
        Locale.ROOT,
        "| ledgerbridge JDBC queue as JobWorker runs it: claim %d per round trip, push jobs"
            + " completed per group of up to %d | %d | %d | %.0f |%n",
        claim,
        ClaimBuffer.MAX_PUSH_GROUP,
        jobs,
        threads,
        oursPush);
    System.out.printf(
        Locale.ROOT,
        "| db-scheduler 15.1.1, lock-and-fetch | %d | %d | %.0f |%n",
        jobs,
        threads,
        peer);
    System.out.printf(
        Locale.ROOT,
        "ratio ledgerbridge / db-scheduler: sync jobs = %.2f; push jobs = %.2f%n",
        oursSync / peer,
        oursPush / peer);
  }

  private static String freshSchema(String prefix) throws Exception {
    String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(URL, USER, null);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return schema;
  }

  private static void dropSchema(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(URL, USER, null);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String withSchema(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * Our queue drained by real {@link JobWorker}s with the chassis's claim settings ({@link
   * ClaimBuffer#forWorkers}, as {@code Chassis.startWorkers} builds them) and a processor that does
   * only the queue's part of a job: a sync job is completed on its own (the chassis completes it in
   * the transaction that records its run's outcome), a group of push jobs is completed in one
   * statement (as the status push processor does).
   */
  static double ledgerbridge(int jobs, int threads, JobKind kind) throws Exception {
    String schema = freshSchema("bench_q_");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (PersistenceAdapter db =
        PersistenceAdapter.start(
            PersistenceConfig.postgres(withSchema(schema), USER, null, threads + 2, key))) {
      JobQueue queue = db.jobQueue();
      Instant now = Instant.now();
      for (int i = 0; i < jobs; i++) {
        queue.enqueue(Job.newJob(UUID.randomUUID(), kind, UUID.randomUUID(), "t", now));
      }
      AtomicInteger done = new AtomicInteger();
      ProcessJobUseCase noop =
          new ProcessJobUseCase() {
            @Override
            public void process(Job job) {
              queue.complete(job.id());
              done.incrementAndGet();
            }

            @Override
            public void processAll(List<Job> group) {
              queue.completeAll(group.stream().map(Job::id).toList());
              done.addAndGet(group.size());
            }
          };
      InProcessJobSignal signal = new InProcessJobSignal();
      Clock clock = Clock.systemUTC();
      ClaimBuffer claims = ClaimBuffer.forWorkers(queue, threads);
      List<JobWorker> workers = new ArrayList<>();
      List<Thread> running = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        JobWorker w =
            new JobWorker(
                noop,
                signal,
                clock,
                Duration.ofMinutes(5),
                Duration.ofMillis(50),
                claims,
                JobWorker.outageLog(clock));
        workers.add(w);
        Thread thread = new Thread(w, "queue-comparison-" + t);
        running.add(thread);
        thread.start();
      }
      while (done.get() < jobs) {
        Thread.sleep(1);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      workers.forEach(JobWorker::stop);
      for (Thread w : running) {
        w.join();
      }
      return jobs / seconds;
    } finally {
      dropSchema(schema);
    }
  }

  static double dbScheduler(int jobs, int threads) throws Exception {
    String schema = freshSchema("bench_dbs_");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(withSchema(schema));
    hc.setUsername(USER);
    hc.setMaximumPoolSize(threads + 2);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "create table scheduled_tasks (task_name text not null, task_instance text not null,"
                + " task_data bytea, execution_time timestamp with time zone not null,"
                + " picked boolean not null, picked_by text, last_success timestamp with time zone,"
                + " last_failure timestamp with time zone, consecutive_failures int,"
                + " last_heartbeat timestamp with time zone, version bigint not null,"
                + " priority smallint, primary key (task_name, task_instance))");
        s.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
        s.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
        s.execute(
            "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
      }
      AtomicInteger done = new AtomicInteger();
      OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((inst, ctx) -> done.incrementAndGet());
      Scheduler scheduler =
          Scheduler.create(ds, noop)
              .threads(threads)
              .pollingInterval(Duration.ofMillis(50))
              .pollUsingLockAndFetch(0.5, 1.0)
              .build();
      Instant now = Instant.now();
      for (int i = 0; i < jobs; i++) {
        scheduler.schedule(noop.instance("j" + i), now);
      }
      long start = System.nanoTime();
      scheduler.start();
      while (done.get() < jobs) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      scheduler.stop();
      return jobs / seconds;
    } finally {
      dropSchema(schema);
    }
  }
}
