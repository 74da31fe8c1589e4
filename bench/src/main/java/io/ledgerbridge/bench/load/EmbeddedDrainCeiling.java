package io.ledgerbridge.bench.load;

import io.ledgerbridge.adapter.persistence.PersistenceAdapter;
import io.ledgerbridge.adapter.persistence.PersistenceConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The embedded drain's yardstick: what H2 alone does with a drained run's statements, with no
 * chassis in between. It is to the embedded backlog what {@code bench/drain-vs-pgbench.sh} is to
 * PostgreSQL: the ceiling the data model allows on this machine.
 *
 * <p>The database is the embedded default's (an H2 file with the chassis's options, migrated by the
 * chassis's own migrations). It holds {@code runs} queued invoice runs with their sync jobs, over
 * 64 tenants whose customer and five products already have their Sage ids. Threads then drain the
 * runs, each run once, sending the statements an H2 statement trace of a 1,000-run embedded backlog
 * drain showed, in its order and with the same texts: the sync job's claim, the run's load and
 * start, the cross-reference look-up and the invoice's cross-reference, the end in one transaction
 * (run, attempt with its request body, push job, sync job completed), the push job's claim, and the
 * push's read of its entity's runs; per 16 runs, the push group's one read of its runs and one
 * completion. The claim's candidate query (one per 32 jobs), the compare-and-sets a worker loses,
 * the policy and binding reads (cached) and the business lease (in memory on embedded) are left
 * out, so the figure is a ceiling, not a copy. The job statements' state checks are written as the
 * chassis now sends them ({@code (...) IS TRUE}, ADR 0027); H2 finds the job by its primary key in
 * either form.
 */
final class EmbeddedDrainCeiling {
  static final int TENANTS = 64;
  static final int GROUP = 16;
  private static final String[] SKUS = {"SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5"};

  static final String CLAIM =
      "UPDATE jobs SET locked_until = ?, updated_at = ?, version = version + 1 WHERE id = ? AND"
          + " version = ? AND (status = 'pending' AND next_attempt_at <= ? AND (locked_until IS"
          + " NULL OR locked_until <= ?)) IS TRUE";
  static final String RUN_COLUMNS =
      "id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts,"
          + " sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at,"
          + " updated_at, version";
  static final String LOAD_RUN = "SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE id = ?";
  static final String UPDATE_RUN =
      "UPDATE sync_runs SET status = ?, attempts = ?, sage_entity_id = ?, sage_reference = ?,"
          + " error_code = ?, error_message = ?, skip_reason = ?, updated_at = ?, version = ? WHERE"
          + " id = ? AND version = ?";
  static final String FIND_XREFS =
      "SELECT x.tenant_id, x.store_entity_type, x.store_entity_key, x.kind, x.sage_id,"
          + " x.sage_reference, x.created_at FROM UNNEST(?, ?) AS w(t, k) JOIN entity_xref x ON"
          + " x.tenant_id = ? AND x.store_entity_type = w.t AND x.store_entity_key = w.k";
  static final String INSERT_XREF =
      "INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id,"
          + " sage_reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  static final String INSERT_ATTEMPT =
      "INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at, outcome, error_code,"
          + " http_status, message, request_body, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)";
  static final String INSERT_JOB =
      "INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at,"
          + " locked_until, last_error, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?,"
          + " ?, NULL, ?, ?, ?, 0)";
  static final String COMPLETE_JOB =
      "UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = ?, version = version"
          + " + 1 WHERE id = ? AND (status = 'pending') IS TRUE";
  static final String LOAD_RUNS = "SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE id = ANY(?)";
  static final String ENTITY_RUNS =
      "SELECT "
          + RUN_COLUMNS
          + " FROM sync_runs WHERE tenant_id = ? AND store_entity_id = ? AND event IN (?,?)";
  static final String COMPLETE_JOBS =
      "UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = ?, version = version"
          + " + 1 WHERE id = ANY(?) AND (status = 'pending') IS TRUE";

  /** A Sage sales invoice body of the backlog's size, as the attempt row keeps it. */
  static final String REQUEST_BODY =
      "{\"sales_invoice\":{\"contact_id\":\"3c9600664b174815a4eaafc5c31edd01\",\"date\":"
          + "\"2026-04-29\",\"reference\":\"000000002\",\"currency_id\":\"GBP\",\"main_address\":"
          + "{\"address_line_1\":\"10 Downing Street\",\"city\":\"London\",\"postal_code\":"
          + "\"SW1A 2AA\",\"region\":\"Greater London\",\"country_id\":\"GB\"},"
          + "\"delivery_address\":{\"address_line_1\":\"10 Downing Street\",\"city\":\"London\","
          + "\"postal_code\":\"SW1A 2AA\",\"region\":\"Greater London\",\"country_id\":\"GB\"},"
          + "\"shipping_net_amount\":\"4.95\",\"shipping_tax_rate_id\":\"GB_STANDARD\","
          + "\"shipping_tax_amount\":\"0.99\",\"idempotency_id\":"
          + "\"00c56fc009a1610a1f77cce876cf5c54\",\"invoice_lines\":["
          + line("Chaz Kangeroo Hoodie", "1", "52.00", "GB_STANDARD", "10.40")
          + ","
          + line("Child Car Seat", "1", "80.00", "GB_LOWER", "4.00")
          + ","
          + line("Yoga for Beginners (book)", "2", "12.99", "GB_ZERO", "0.00")
          + ","
          + line("Proteus Fitness Jackshirt", "3", "15.00", "GB_STANDARD", "9.00")
          + ","
          + line("Water Bottle", "1", "7.50", "GB_STANDARD", "1.50")
          + "]}}";

  record Options(int runs, int threads, Path resultsDir) {}

  /** What one drain did: runs and jobs ended in the database, and how long it took. */
  record Drain(long runsSucceeded, long jobsSucceeded, double seconds, double cpuSeconds) {}

  private EmbeddedDrainCeiling() {}

  private static String line(
      String description, String qty, String price, String rate, String tax) {
    return "{\"description\":\""
        + description
        + "\",\"ledger_account_id\":\"9a994b92267a11e797950a57719b2edb\",\"quantity\":\""
        + qty
        + "\",\"unit_price\":\""
        + price
        + "\",\"discount_amount\":\"0.00\",\"tax_rate_id\":\""
        + rate
        + "\",\"tax_amount\":\""
        + tax
        + "\"}";
  }

  static int run(Options o, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("ledger-ceiling-");
    try {
      Drain d = drain(dir, o.runs(), o.threads());
      Map<String, Object> drain = new LinkedHashMap<>();
      drain.put("runs_succeeded", d.runsSucceeded());
      drain.put("jobs_succeeded", d.jobsSucceeded());
      drain.put("seconds", ProcessStats.round(d.seconds()));
      drain.put("runs_per_s", ProcessStats.round(d.runsSucceeded() / d.seconds()));
      drain.put("jobs_per_s", ProcessStats.round(d.jobsSucceeded() / d.seconds()));
      drain.put("cpu_seconds", ProcessStats.round(d.cpuSeconds()));
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("runs", o.runs());
      params.put("threads", o.threads());
      params.put("tenants", TENANTS);
      params.put(
          "note",
          "H2 alone, the statements of a drained run (sync and push: two jobs), no chassis");
      Map<String, Object> result = BenchReport.header("drain-ceiling", "embedded", params);
      result.put("drain", drain);
      BenchReport.write(o.resultsDir(), "drain-ceiling-" + o.runs() + "-embedded", result, out);
      return d.runsSucceeded() == o.runs() && d.jobsSucceeded() == 2L * o.runs() ? 0 : 2;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Migrates an embedded database in {@code dir}, queues {@code runs} runs and drains them with
   * {@code threads} threads; the counts are read back from the tables afterwards.
   */
  static Drain drain(Path dir, int runs, int threads) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PersistenceConfig pc = PersistenceConfig.embedded(dir, key);
    // the chassis's own migrations, then the adapter's pool is closed: plain connections from here
    PersistenceAdapter.start(pc).close();
    String url = pc.jdbcUrl();
    UUID[] runIds = new UUID[runs];
    UUID[] jobIds = new UUID[runs];
    for (int k = 0; k < runs; k++) {
      runIds[k] = UUID.randomUUID();
      jobIds[k] = UUID.randomUUID();
    }
    try (Connection keeper = DriverManager.getConnection(url, pc.user(), pc.password())) {
      seed(keeper, runIds, jobIds);
      AtomicInteger next = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      double cpuBefore = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        Thread w =
            new Thread(
                () -> {
                  try (Connection c = DriverManager.getConnection(url, pc.user(), pc.password())) {
                    new Worker(c).drain(next, runIds, jobIds);
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "ceiling-" + t);
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        w.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - cpuBefore;
      if (failure.get() != null) {
        throw new IllegalStateException("the drain failed", failure.get());
      }
      return new Drain(
          count(keeper, "SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded'"),
          count(keeper, "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'"),
          seconds,
          cpu);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String tenant(int k) {
    return "bench-tenant-" + (k % TENANTS);
  }

  private static void seed(Connection c, UUID[] runIds, UUID[] jobIds) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    c.setAutoCommit(false);
    try (PreparedStatement xref = c.prepareStatement(INSERT_XREF);
        PreparedStatement run =
            c.prepareStatement(
                "INSERT INTO sync_runs (id, tenant_id, event, store_entity_id, idempotency_key,"
                    + " status, policy_version, attempts, created_at, updated_at, version) VALUES"
                    + " (?, ?, 'invoice.created', ?, ?, 'queued', 1, 0, ?, ?, 0)");
        PreparedStatement job = c.prepareStatement(INSERT_JOB)) {
      for (int t = 0; t < TENANTS; t++) {
        xrefRow(xref, tenant(t), "customer", "M7", "contact:GBP", "C-" + t, now);
        xref.addBatch();
        for (String sku : SKUS) {
          xrefRow(xref, tenant(t), "product_sku", sku, "product", null, now);
          xref.addBatch();
        }
      }
      xref.executeBatch();
      for (int k = 0; k < runIds.length; k++) {
        run.setObject(1, runIds[k]);
        run.setString(2, tenant(k));
        run.setLong(3, k);
        run.setString(4, "invoice.created:" + k);
        run.setTimestamp(5, now);
        run.setTimestamp(6, now);
        run.addBatch();
        jobRow(job, jobIds[k], "sync", runIds[k], tenant(k), now);
        job.addBatch();
        if (k % 1_000 == 999) {
          run.executeBatch();
          job.executeBatch();
          c.commit();
        }
      }
      run.executeBatch();
      job.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void xrefRow(
      PreparedStatement st,
      String tenant,
      String type,
      String key,
      String kind,
      String reference,
      Timestamp now)
      throws SQLException {
    st.setString(1, tenant);
    st.setString(2, type);
    st.setString(3, key);
    st.setString(4, kind);
    st.setString(5, UUID.randomUUID().toString().replace("-", ""));
    st.setString(6, reference);
    st.setTimestamp(7, now);
  }

  private static void jobRow(
      PreparedStatement st, UUID id, String kind, UUID runId, String tenant, Timestamp now)
      throws SQLException {
    st.setObject(1, id);
    st.setString(2, kind);
    st.setObject(3, runId);
    st.setString(4, tenant);
    st.setString(5, "pending");
    st.setInt(6, 0);
    st.setTimestamp(7, now);
    st.setNull(8, Types.VARCHAR);
    st.setTimestamp(9, now);
    st.setTimestamp(10, now);
  }

  /** One thread's connection and its prepared statements, reused for every run it drains. */
  private static final class Worker {
    private final Connection c;
    private final PreparedStatement claim;
    private final PreparedStatement loadRun;
    private final PreparedStatement updateRun;
    private final PreparedStatement findXrefs;
    private final PreparedStatement insertXref;
    private final PreparedStatement insertAttempt;
    private final PreparedStatement insertJob;
    private final PreparedStatement completeJob;
    private final PreparedStatement loadRuns;
    private final PreparedStatement entityRuns;
    private final PreparedStatement completeJobs;
    private final List<UUID> groupRuns = new ArrayList<>(GROUP);
    private final List<UUID> groupPushes = new ArrayList<>(GROUP);

    Worker(Connection c) throws SQLException {
      this.c = c;
      claim = c.prepareStatement(CLAIM);
      loadRun = c.prepareStatement(LOAD_RUN);
      updateRun = c.prepareStatement(UPDATE_RUN);
      findXrefs = c.prepareStatement(FIND_XREFS);
      insertXref = c.prepareStatement(INSERT_XREF);
      insertAttempt = c.prepareStatement(INSERT_ATTEMPT);
      insertJob = c.prepareStatement(INSERT_JOB);
      completeJob = c.prepareStatement(COMPLETE_JOB);
      loadRuns = c.prepareStatement(LOAD_RUNS);
      entityRuns = c.prepareStatement(ENTITY_RUNS);
      completeJobs = c.prepareStatement(COMPLETE_JOBS);
    }

    void drain(AtomicInteger next, UUID[] runIds, UUID[] jobIds) throws SQLException {
      for (int k = next.getAndIncrement(); k < runIds.length; k = next.getAndIncrement()) {
        one(k, runIds[k], jobIds[k]);
      }
      pushGroup();
    }

    private void one(int k, UUID runId, UUID jobId) throws SQLException {
      String tenant = tenant(k);
      claimJob(jobId);
      loadRun.setObject(1, runId);
      readAll(loadRun);
      Timestamp started = now();
      updateRun(runId, "running", null, null, started, 1, 0);
      findXrefs.setArray(
          1,
          c.createArrayOf(
              "varchar",
              new Object[] {
                "customer",
                "product_sku",
                "product_sku",
                "product_sku",
                "product_sku",
                "product_sku",
                "invoice"
              }));
      findXrefs.setArray(
          2,
          c.createArrayOf(
              "varchar",
              new Object[] {"M7", SKUS[0], SKUS[1], SKUS[2], SKUS[3], SKUS[4], "I" + k}));
      findXrefs.setString(3, tenant);
      readAll(findXrefs);
      String sageId = UUID.randomUUID().toString().replace("-", "");
      String reference = "SI-" + k;
      xrefRow(insertXref, tenant, "invoice", "I" + k, "sales_invoice", reference, now());
      insertXref.executeUpdate();
      // the run's end: its state, its attempt, its push job, its sync job completed
      UUID pushId = UUID.randomUUID();
      c.setAutoCommit(false);
      try {
        Timestamp ended = now();
        updateRun(runId, "succeeded", sageId, reference, ended, 2, 1);
        insertAttempt.setObject(1, runId);
        insertAttempt.setInt(2, 1);
        insertAttempt.setTimestamp(3, started);
        insertAttempt.setTimestamp(4, ended);
        insertAttempt.setString(5, "ok");
        insertAttempt.setNull(6, Types.VARCHAR);
        insertAttempt.setNull(7, Types.INTEGER);
        insertAttempt.setString(8, "created " + reference + " (" + sageId + ")");
        insertAttempt.setString(9, REQUEST_BODY);
        insertAttempt.setNull(10, Types.VARCHAR);
        insertAttempt.executeUpdate();
        jobRow(insertJob, pushId, "push", runId, tenant, ended);
        insertJob.executeUpdate();
        completeJob.setTimestamp(1, ended);
        completeJob.setObject(2, jobId);
        if (completeJob.executeUpdate() != 1) {
          throw new IllegalStateException("sync job " + jobId + " was not completed");
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      // the push: its claim, then its entity's runs; the group's run read and completion per 16
      claimJob(pushId);
      groupRuns.add(runId);
      groupPushes.add(pushId);
      entityRuns.setString(1, tenant);
      entityRuns.setLong(2, k);
      entityRuns.setString(3, "invoice.created");
      entityRuns.setString(4, "invoice.paid");
      readAll(entityRuns);
      if (groupPushes.size() == GROUP) {
        pushGroup();
      }
    }

    private void claimJob(UUID id) throws SQLException {
      Timestamp now = now();
      claim.setTimestamp(1, Timestamp.from(now.toInstant().plusSeconds(300)));
      claim.setTimestamp(2, now);
      claim.setObject(3, id);
      claim.setLong(4, 0);
      claim.setTimestamp(5, now);
      claim.setTimestamp(6, now);
      if (claim.executeUpdate() != 1) {
        throw new IllegalStateException("job " + id + " was not claimed");
      }
    }

    private void updateRun(
        UUID id,
        String status,
        String sageId,
        String reference,
        Timestamp at,
        long version,
        long expected)
        throws SQLException {
      updateRun.setString(1, status);
      updateRun.setInt(2, 1);
      updateRun.setString(3, sageId);
      updateRun.setString(4, reference);
      updateRun.setNull(5, Types.VARCHAR);
      updateRun.setNull(6, Types.VARCHAR);
      updateRun.setNull(7, Types.VARCHAR);
      updateRun.setTimestamp(8, at);
      updateRun.setLong(9, version);
      updateRun.setObject(10, id);
      updateRun.setLong(11, expected);
      if (updateRun.executeUpdate() != 1) {
        throw new IllegalStateException("run " + id + " was not at version " + expected);
      }
    }

    private void pushGroup() throws SQLException {
      if (groupPushes.isEmpty()) {
        return;
      }
      loadRuns.setArray(1, c.createArrayOf("uuid", groupRuns.toArray()));
      readAll(loadRuns);
      completeJobs.setTimestamp(1, now());
      completeJobs.setArray(2, c.createArrayOf("uuid", groupPushes.toArray()));
      int done = completeJobs.executeUpdate();
      if (done != groupPushes.size()) {
        throw new IllegalStateException(done + " of " + groupPushes.size() + " pushes completed");
      }
      groupRuns.clear();
      groupPushes.clear();
    }

    private static void readAll(PreparedStatement st) throws SQLException {
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
        }
      }
    }

    private static Timestamp now() {
      return Timestamp.from(Instant.now());
    }
  }
}
