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
 */
final class EndToEndBench {
  private static final String CLIENT_ID = "ledgerbridge-bench";

  record Options(
      Substrate.Kind substrate,
      int sageMinMs,
      int sageMaxMs,
      int invoices,
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
        ProcessStats stats = ProcessStats.start(0);

        int n = o.invoices();
        long[] raisedAt = new long[n];
        long[] doneAt = new long[n];
        long[] ids = new long[n];
        String[] status = new String[n];
        long start = System.nanoTime();
        long interval = o.ratePerSecond() > 0 ? (long) (1e9 / o.ratePerSecond()) : 0;
        int next = 0;
        long deadline = start + o.timeoutSeconds() * 1_000_000_000L;
        int finished = 0;
        while (finished < n && System.nanoTime() < deadline) {
          // raise the invoices that are due (all at once when no rate is given)
          while (next < n && (interval == 0 || System.nanoTime() >= start + next * interval)) {
            SandboxStore store = stores.get(next % stores.size());
            raisedAt[next] = System.nanoTime();
            ids[next] = store.raiseInvoice(samples.get(next % samples.size()));
            next++;
          }
          for (int i = 0; i < next; i++) {
            if (status[i] == null) {
              Optional<SyncState> s = stores.get(i % stores.size()).syncState("invoice", ids[i]);
              if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
                doneAt[i] = System.nanoTime();
                status[i] = s.get().syncStatus();
                finished++;
              }
            }
          }
          LockSupport.parkNanos(2_000_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies lat = new Latencies(n);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        long lastDone = start;
        for (int i = 0; i < n; i++) {
          String st = status[i] == null ? (i < next ? "unfinished" : "not_raised") : status[i];
          outcomes.merge(st, 1L, Long::sum);
          if (status[i] != null) {
            lat.record(doneAt[i] - raisedAt[i]);
            lastDone = Math.max(lastDone, doneAt[i]);
          }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sage_latency_ms", o.sageMinMs() + "-" + o.sageMaxMs());
        params.put("invoices", n);
        params.put("businesses", o.businesses());
        params.put("raise_rate_per_s", o.ratePerSecond() > 0 ? o.ratePerSecond() : "burst");
        params.put("worker_threads", o.workers());
        Map<String, Object> result = BenchReport.header("e2e", o.substrate().label(), params);
        result.put("submit_to_terminal", lat.summary());
        result.put("outcomes", outcomes);
        double busy = (lastDone - start) / 1e9;
        result.put("elapsed_s", ProcessStats.round(seconds));
        result.put("throughput_invoices_per_s", ProcessStats.round(lat.count() / busy));
        result.put("slowest", slowest(raisedAt, doneAt, status, start, 5));
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
        return outcomes.getOrDefault("synced", 0L) == n ? 0 : 2;
      }
    } finally {
      stores.forEach(SandboxStore::close);
    }
  }

  /**
   * The {@code k} slowest invoices: their position in raising order, when they were raised (ms
   * after the start) and their latency, to tell a cold start from a steady-state tail.
   */
  private static List<Map<String, Object>> slowest(
      long[] raisedAt, long[] doneAt, String[] status, long start, int k) {
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
