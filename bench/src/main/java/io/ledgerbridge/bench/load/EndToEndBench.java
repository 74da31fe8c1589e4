package io.ledgerbridge.bench.load;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Submit-to-terminal latency: each sandbox store (one per Sage business) raises invoices, its
 * outbox signs and delivers the webhooks, the chassis syncs them to the sandbox Sage (with the
 * given latency profile) and pushes the status back; latency runs from {@code raiseInvoice} to the
 * store seeing a terminal sync state.
 *
 * <p>A declared warm-up comes first: {@code warmupInvoices} invoices raised the same way, waited
 * for until all are terminal, and reported on their own (the first invoices pay for JIT
 * compilation, new connections, each binding's first Sage token and contacts). The measured
 * invoices follow, continuing the same cycle of samples and stores.
 */
final class EndToEndBench {
  private static final String CLIENT_ID = "ledgerbridge-bench";

  record Options(
      Substrate.Kind substrate,
      int sageMinMs,
      int sageMaxMs,
      int invoices,
      int warmupInvoices,
      int businesses,
      double ratePerSecond,
      int workers,
      int timeoutSeconds,
      Path resultsDir,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl) {}

  private EndToEndBench() {}

  static int run(Options o, PrintStream out) throws Exception {
    List<StoreInvoice> samples =
        SampleInvoices.all().stream()
            .filter(s -> "synced".equals(s.expectedStatus()))
            .map(SampleInvoices.Sample::invoice)
            .toList();
    List<SandboxStore> stores = new ArrayList<>();
    try (Substrate substrate =
            Substrate.open(o.substrate(), o.pgUrl(), o.pgUser(), o.pgPassword(), o.redisUrl());
        // Sage serves up to 150 concurrent requests per app; 8 sleeping threads would be the bound
        SandboxSage sage = SandboxSage.start(SandboxSageConfig.defaults().withThreads(64))) {
      String clientSecret = Harness.hex(24);
      sage.registerClient(CLIENT_ID, clientSecret);
      Map<String, String> env = substrate.environment(o.workers());
      // the chassis's own client-side Sage limits must not be the bound being measured
      env.put("LEDGER_SAGE_APP_RPS", "10000");
      env.put("LEDGER_SAGE_BUSINESS_RPS", "10000");
      try (Chassis chassis =
          Chassis.open(AppConfig.from(env)).startWeb().startWorkers().startRelay()) {
        String ledger = "http://127.0.0.1:" + chassis.httpPort();
        for (int b = 0; b < o.businesses(); b++) {
          String business =
              b == 0 ? sage.defaultBusinessId() : sage.addBusiness(Harness.hex(16), "GB", "GBP");
          String tenant = "bench-e2e-" + b;
          String apiKey = Harness.newApiKey();
          SandboxStore store =
              SandboxStore.start(
                  SandboxStoreConfig.builder(tenant, apiKey).backoffScale(0.01).build());
          stores.add(store);
          store.setLedgerBaseUrl(ledger);
          Harness.register(
              chassis,
              tenant,
              store.baseUrl(),
              sage.apiBaseUrl(),
              sage.tokenUrl(),
              business,
              apiKey,
              CLIENT_ID,
              clientSecret,
              sage.issueRefreshToken(CLIENT_ID),
              sage.salesLedgerAccountId(business));
        }
        sage.setLatency(Duration.ofMillis(o.sageMinMs()), Duration.ofMillis(o.sageMaxMs()));
        long deadline = System.nanoTime() + o.timeoutSeconds() * 1_000_000_000L;
        Phase warmup =
            Phase.run(stores, samples, 0, o.warmupInvoices(), o.ratePerSecond(), deadline);
        ProcessStats stats = ProcessStats.start(0); // the measured invoices' CPU, not the warm-up's
        Phase measured =
            warmup.allSynced()
                ? Phase.run(
                    stores, samples, o.warmupInvoices(), o.invoices(), o.ratePerSecond(), deadline)
                : Phase.run(stores, samples, o.warmupInvoices(), 0, o.ratePerSecond(), deadline);
        int n = o.invoices();
        Map<String, Long> outcomes = measured.outcomes(n);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sage_latency_ms", o.sageMinMs() + "-" + o.sageMaxMs());
        params.put("invoices", n);
        params.put("warmup_invoices", o.warmupInvoices());
        params.put("businesses", o.businesses());
        params.put("raise_rate_per_s", o.ratePerSecond() > 0 ? o.ratePerSecond() : "burst");
        params.put("worker_threads", o.workers());
        Map<String, Object> result = BenchReport.header("e2e", o.substrate().label(), params);
        result.put("submit_to_terminal", measured.latencies().summary());
        result.put("outcomes", outcomes);
        result.put("elapsed_s", ProcessStats.round(measured.seconds()));
        result.put("throughput_invoices_per_s", ProcessStats.round(measured.throughput()));
        result.put("slowest", measured.slowest(5));
        // the warm-up is left out of the figures above, not hidden: its own figures follow
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("submit_to_terminal", warmup.latencies().summary());
        warm.put("outcomes", warmup.outcomes(o.warmupInvoices()));
        warm.put("elapsed_s", ProcessStats.round(warmup.seconds()));
        warm.put("slowest", warmup.slowest(5));
        result.put("warmup", warm);
        // warm-up and measured together: one each, no duplicates
        result.put("sage_posts_sales_invoices", sage.postCount("/sales_invoices"));
        result.put("process", stats.snapshot());
        String name =
            "e2e-sage"
                + o.sageMinMs()
                + "-"
                + o.sageMaxMs()
                + "-b"
                + o.businesses()
                + "-"
                + o.substrate().label();
        BenchReport.write(o.resultsDir(), name, result, out);
        return warmup.allSynced() && outcomes.getOrDefault("synced", 0L) == n ? 0 : 2;
      }
    } finally {
      stores.forEach(SandboxStore::close);
    }
  }

  /**
   * One phase of the run: {@code count} invoices raised at {@code rate} per second (all at once
   * when 0), the {@code offset}-th invoice of the run first, each polled until it is terminal at
   * its store (every 2 ms) or the deadline passes.
   */
  private record Phase(long start, long[] raisedAt, long[] doneAt, String[] status, int raised) {

    static Phase run(
        List<SandboxStore> stores,
        List<StoreInvoice> samples,
        int offset,
        int count,
        double rate,
        long deadline) {
      long[] raisedAt = new long[count];
      long[] doneAt = new long[count];
      long[] ids = new long[count];
      String[] status = new String[count];
      long start = System.nanoTime();
      long interval = rate > 0 ? (long) (1e9 / rate) : 0;
      int next = 0;
      int finished = 0;
      while (finished < count && System.nanoTime() < deadline) {
        // raise the invoices that are due (all at once when no rate is given)
        while (next < count && (interval == 0 || System.nanoTime() >= start + next * interval)) {
          SandboxStore store = stores.get((offset + next) % stores.size());
          raisedAt[next] = System.nanoTime();
          ids[next] = store.raiseInvoice(samples.get((offset + next) % samples.size()));
          next++;
        }
        for (int i = 0; i < next; i++) {
          if (status[i] == null) {
            Optional<SyncState> s =
                stores.get((offset + i) % stores.size()).syncState("invoice", ids[i]);
            if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
              doneAt[i] = System.nanoTime();
              status[i] = s.get().syncStatus();
              finished++;
            }
          }
        }
        LockSupport.parkNanos(2_000_000);
      }
      return new Phase(start, raisedAt, doneAt, status, next);
    }

    Latencies latencies() {
      Latencies lat = new Latencies(Math.max(1, status.length));
      for (int i = 0; i < status.length; i++) {
        if (status[i] != null) {
          lat.record(doneAt[i] - raisedAt[i]);
        }
      }
      return lat;
    }

    Map<String, Long> outcomes(int planned) {
      Map<String, Long> outcomes = new LinkedHashMap<>();
      for (int i = 0; i < planned; i++) {
        String st =
            i < status.length && status[i] != null
                ? status[i]
                : (i < raised ? "unfinished" : "not_raised");
        outcomes.merge(st, 1L, Long::sum);
      }
      return outcomes;
    }

    boolean allSynced() {
      for (String st : status) {
        if (!"synced".equals(st)) {
          return false;
        }
      }
      return true;
    }

    double seconds() {
      long end = start;
      for (int i = 0; i < status.length; i++) {
        end = Math.max(end, status[i] != null ? doneAt[i] : System.nanoTime());
      }
      return (end - start) / 1e9;
    }

    /** Terminal invoices per second, from the first raise to the last terminal state. */
    double throughput() {
      long lastDone = start;
      int done = 0;
      for (int i = 0; i < status.length; i++) {
        if (status[i] != null) {
          lastDone = Math.max(lastDone, doneAt[i]);
          done++;
        }
      }
      return lastDone == start ? 0 : done / ((lastDone - start) / 1e9);
    }

    /**
     * The {@code k} slowest invoices: their position in raising order within the phase, when they
     * were raised (ms after the phase started) and their latency, to tell a cold start from a
     * steady-state tail.
     */
    List<Map<String, Object>> slowest(int k) {
      List<Integer> done = new ArrayList<>();
      for (int i = 0; i < status.length; i++) {
        if (status[i] != null) {
          done.add(i);
        }
      }
      done.sort((a, b) -> Long.compare(doneAt[b] - raisedAt[b], doneAt[a] - raisedAt[a]));
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i : done.subList(0, Math.min(k, done.size()))) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("invoice_index", i);
        row.put("raised_at_ms", ProcessStats.round((raisedAt[i] - start) / 1e6));
        row.put("latency_ms", ProcessStats.round((doneAt[i] - raisedAt[i]) / 1e6));
        out.add(row);
      }
      return out;
    }
  }
}
