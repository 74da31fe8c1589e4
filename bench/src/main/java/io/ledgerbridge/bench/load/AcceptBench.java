package io.ledgerbridge.bench.load;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.reliability.WebhookTokens;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Webhook accept throughput and latency: signed {@code invoice.created} webhooks (fresh jti, unique
 * Idempotency-Key each) posted at a fixed rate (open loop, latency from the intended send time) or
 * by N connections as fast as they are answered (saturation).
 */
final class AcceptBench {
  record Options(
      Substrate.Kind substrate,
      int rate,
      int durationSeconds,
      boolean saturate,
      int connections,
      String target,
      String tenant,
      String apiKey,
      long targetPid,
      int warmupSeconds,
      Path resultsDir,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl) {}

  private AcceptBench() {}

  static int run(Options o, PrintStream out) throws Exception {
    Substrate substrate = null;
    Chassis chassis = null;
    PrometheusMeterRegistry metrics = null;
    String baseUrl;
    String tenant;
    String apiKey;
    try {
      if (o.target() == null) {
        substrate =
            Substrate.open(o.substrate(), o.pgUrl(), o.pgUser(), o.pgPassword(), o.redisUrl());
        // with metrics on, as the serve command runs it; the report reads the batch sizes back
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        chassis =
            Chassis.open(AppConfig.from(substrate.environment(4)), Clock.systemUTC(), null, metrics)
                .startWeb();
        if (o.substrate() == Substrate.Kind.POSTGRES_REDIS) {
          chassis.startRelay(); // web + relay, as deployed; no workers (the accept path only)
        }
        tenant = "bench-accept";
        apiKey = Harness.newApiKey();
        Harness.register(
            chassis,
            tenant,
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/v3.1",
            "http://127.0.0.1:9/oauth/token",
            Harness.hex(16),
            apiKey,
            "bench-client",
            "secret",
            "refresh-" + Harness.hex(8),
            "9a994b92267a11e797950a57719b2edb");
        baseUrl = "http://127.0.0.1:" + chassis.httpPort();
      } else {
        baseUrl = o.target().replaceAll("/+$", "");
        tenant = o.tenant();
        apiKey = o.apiKey();
      }
      Driver driver = new Driver(baseUrl, tenant, apiKey);
      // warm-up (not measured): the JIT and the connection pools
      if (o.warmupSeconds() > 0) {
        if (o.saturate()) {
          driver.saturate(o.connections(), o.warmupSeconds(), new Latencies(4_000_000));
        } else {
          driver.openLoop(
              o.rate(),
              o.warmupSeconds(),
              o.connections(),
              new Latencies(o.rate() * o.warmupSeconds() + 16));
        }
      }
      driver.reset();
      ProcessStats stats = ProcessStats.start(o.target() == null ? 0 : o.targetPid());
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("mode", o.saturate() ? "saturation" : "fixed-rate");
      params.put("rate_per_s", o.saturate() ? null : o.rate());
      params.put("connections", o.connections());
      params.put("duration_s", o.durationSeconds());
      params.put("warmup_s", o.warmupSeconds());
      params.put(
          "target",
          o.target() == null
              ? "in-process chassis (web role"
                  + (o.substrate() == Substrate.Kind.POSTGRES_REDIS ? " + relay" : "")
                  + ")"
              : o.target());
      Map<String, Object> result =
          BenchReport.header(
              "accept", o.target() == null ? o.substrate().label() : "external", params);
      Latencies lat;
      long start = System.nanoTime();
      if (o.saturate()) {
        lat = new Latencies(4_000_000);
        driver.saturate(o.connections(), o.durationSeconds(), lat);
      } else {
        lat = new Latencies(o.rate() * o.durationSeconds() + 16);
        driver.openLoop(o.rate(), o.durationSeconds(), o.connections(), lat);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      result.put("latency", lat.summary());
      result.put("sent", driver.sent.get());
      result.put("accepted_202", driver.accepted.get());
      result.put("errors", driver.errors.get());
      result.put("error_statuses", new LinkedHashMap<>(driver.statuses));
      result.put("elapsed_s", ProcessStats.round(seconds));
      result.put("throughput_per_s", ProcessStats.round(driver.accepted.get() / seconds));
      result.put("process", stats.snapshot());
      if (metrics != null) {
        // webhooks per accept transaction over warm-up and run (group commit)
        DistributionSummary batches = metrics.find("ledger.webhooks.accept.batch").summary();
        if (batches != null) {
          Map<String, Object> b = new LinkedHashMap<>();
          b.put("transactions", batches.count());
          b.put("mean", ProcessStats.round(batches.mean()));
          b.put("max", ProcessStats.round(batches.max()));
          result.put("accept_batch", b);
        }
      }
      String name =
          "accept-"
              + (o.saturate() ? "saturate" : o.rate() + "rps")
              + "-"
              + (o.target() == null ? o.substrate().label() : "external");
      BenchReport.write(o.resultsDir(), name, result, out);
      return 0;
    } finally {
      if (chassis != null) {
        chassis.close();
      }
      if (substrate != null) {
        substrate.close();
      }
    }
  }

  /** Posts webhooks and counts the answers. */
  static final class Driver {

    private final URI uri;
    private final byte[] outboundKey;
    private final String tenant;
    private final long entityBase = (System.nanoTime() & 0xffffffL) * 10_000_000L;
    private final String keyPrefix = "invoice.created:bench-" + Harness.hex(4) + "-";
    private final AtomicLong seq = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final Map<String, Long> statuses = new ConcurrentHashMap<>();

    Driver(String baseUrl, String tenant, String apiKey) {
      this.uri = URI.create(baseUrl + "/webhooks/magento/" + tenant + "/invoice.created");
      this.outboundKey = WebhookTokens.outboundKey(apiKey); // derived once per run
      this.tenant = tenant;
    }

    void reset() {
      sent.set(0);
      accepted.set(0);
      errors.set(0);
      statuses.clear();
    }

    private String token(long iat) {
      return WebhookTokens.sign(
          WebhookTokens.STORE_HEADER,
          WebhookTokens.Claims.store(tenant, iat, UUID.randomUUID().toString()).toJson(),
          outboundKey);
    }

    void count(int status) {
      if (status == 202) {
        accepted.incrementAndGet();
      } else {
        errors.incrementAndGet();
        statuses.merge(Integer.toString(status), 1L, Long::sum);
      }
    }

    void failed(Throwable t) {
      errors.incrementAndGet();
      Throwable cause = t;
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      statuses.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    }

    /**
     * Open loop: request i is due at start + i/rate and its latency runs from that instant, so a
     * request that had to wait for a free connection counts its wait (no coordinated omission).
     * {@code connections} keep-alive connections take the requests in order, as wrk2 does.
     */
    void openLoop(int rate, int seconds, int connections, Latencies lat)
        throws InterruptedException {
      long total = (long) rate * seconds;
      long interval = 1_000_000_000L / rate;
      AtomicLong next = new AtomicLong();
      long start = System.nanoTime();
      Thread[] threads = new Thread[connections];
      for (int t = 0; t < connections; t++) {
        threads[t] =
            new Thread(
                () -> {
                  try (KeepAliveHttpClient client = new KeepAliveHttpClient(uri, 30_000)) {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                      long due = start + i * interval;
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        LockSupport.parkNanos(wait);
                      }
                      sendOne(client, due, lat);
                    }
                  }
                },
                "bench-open-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }

    /** Sends the next webhook on {@code client}; its latency runs from {@code from}. */
    private void sendOne(KeepAliveHttpClient client, long from, Latencies lat) {
      long n = seq.incrementAndGet();
      Instant now = Instant.now();
      String headers =
          "Authorization: Bearer "
              + token(now.getEpochSecond())
              + "\r\nContent-Type: application/json\r\nIdempotency-Key: "
              + keyPrefix
              + n
              + "\r\n";
      byte[] body =
          Harness.invoiceCreatedBody(entityBase + n, now).getBytes(StandardCharsets.UTF_8);
      sent.incrementAndGet();
      try {
        int status = client.post(uri.getRawPath(), headers, body);
        lat.record(System.nanoTime() - from);
        count(status);
      } catch (IOException e) {
        lat.record(System.nanoTime() - from);
        failed(e);
      }
    }

    /**
     * Closed loop: {@code connections} threads each send the next request when answered, each on
     * its own keep-alive socket ({@link KeepAliveHttpClient}, so the driver's own CPU stays small).
     */
    void saturate(int connections, int seconds, Latencies lat) throws InterruptedException {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      Thread[] threads = new Thread[connections];
      for (int t = 0; t < connections; t++) {
        threads[t] =
            new Thread(
                () -> {
                  try (KeepAliveHttpClient client = new KeepAliveHttpClient(uri, 30_000)) {
                    while (System.nanoTime() < end) {
                      sendOne(client, System.nanoTime(), lat);
                    }
                  }
                },
                "bench-conn-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
