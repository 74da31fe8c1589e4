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
import io.ledgerbridge.ports.out.JobQueue;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
 * same number of jobs, one run each, each in a fresh schema. Enqueueing is not timed.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.ledgerbridge.bench.QueueComparison
 * [jobs] [threads]}; PostgreSQL from {@code LEDGER_TEST_PG_URL} (default
 * jdbc:postgresql://127.0.0.1:5432/test, user postgres).
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
    double ours1 = ledgerbridge(jobs, threads, 1);
    double ours10 = ledgerbridge(jobs, threads, 10);
    double peer = dbScheduler(jobs, threads);
    System.out.printf(Locale.ROOT, "%n| queue | jobs | threads | jobs/s |%n|---|---:|---:|---:|%n");
    System.out.printf(
        Locale.ROOT,
        "| ledgerbridge JDBC queue, claim 1 | %d | %d | %.0f |%n",
        jobs,
        threads,
        ours1);
    System.out.printf(
        Locale.ROOT,
        "| ledgerbridge JDBC queue, claim 10 | %d | %d | %.0f |%n",
        jobs,
        threads,
        ours10);
    System.out.printf(
        Locale.ROOT,
        "| db-scheduler 15.1.1, lock-and-fetch | %d | %d | %.0f |%n",
        jobs,
        threads,
        peer);
    System.out.printf(
        Locale.ROOT,
        "ratio ledgerbridge(claim 1) / db-scheduler = %.2f; (claim 10) = %.2f%n",
        ours1 / peer,
        ours10 / peer);
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

  static double ledgerbridge(int jobs, int threads, int claim) throws Exception {
    String schema = freshSchema("bench_q_");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (PersistenceAdapter db =
        PersistenceAdapter.start(
            PersistenceConfig.postgres(withSchema(schema), USER, null, threads + 2, key))) {
      JobQueue queue = db.jobQueue();
      Instant now = Instant.now();
      for (int i = 0; i < jobs; i++) {
        queue.enqueue(Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t", now));
      }
      AtomicInteger done = new AtomicInteger();
      long start = System.nanoTime();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread w =
            new Thread(
                () -> {
                  while (done.get() < jobs) {
                    List<Job> got = queue.claimDue(Instant.now(), claim, Duration.ofMinutes(5));
                    if (got.isEmpty()) {
                      continue;
                    }
                    for (Job j : got) {
                      queue.complete(j.id());
                      done.incrementAndGet();
                    }
                  }
                });
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
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
