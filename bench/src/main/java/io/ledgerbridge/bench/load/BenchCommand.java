package io.ledgerbridge.bench.load;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ledgerbridge bench accept|e2e|backlog|drain-ceiling}: the load driver (loopback only,
 * bounded).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Load benchmarks; each writes JSON and Markdown results under bench/results/.",
    subcommands = {
      BenchCommand.Accept.class,
      BenchCommand.EndToEnd.class,
      BenchCommand.Backlog.class,
      BenchCommand.DrainCeiling.class
    })
public final class BenchCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every scenario shares. */
  static final class Common {
    @Option(
        names = "--substrate",
        defaultValue = "embedded",
        description = "embedded | postgres | postgres-redis (default ${DEFAULT-VALUE})")
    String substrate;

    @Option(
        names = "--pg-url",
        defaultValue = "${env:LEDGER_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}",
        description = "PostgreSQL database; a fresh schema bench_<random> is created and dropped")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "${env:LEDGER_BENCH_PG_USER:-postgres}")
    String pgUser;

    @Option(names = "--pg-password", defaultValue = "${env:LEDGER_BENCH_PG_PASSWORD}")
    String pgPassword;

    @Option(
        names = "--redis-url",
        defaultValue = "${env:LEDGER_BENCH_REDIS_URL:-redis://127.0.0.1:6379}",
        description = "Redis; keys live under a unique prefix and are deleted afterwards")
    String redisUrl;

    @Option(names = "--results", defaultValue = "bench/results")
    Path results;

    Substrate.Kind kind() {
      return Substrate.Kind.parse(substrate);
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Webhook accept latency at a fixed rate, or throughput at saturation.")
  static final class Accept implements Callable<Integer> {
    @Mixin Common common;

    @Option(names = "--rate", defaultValue = "1000", description = "requests per second")
    int rate;

    @Option(names = "--duration", defaultValue = "20", description = "seconds (max 600)")
    int duration;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds, not measured")
    int warmup;

    @Option(names = "--saturate", description = "closed loop with --connections connections")
    boolean saturate;

    @Option(
        names = "--connections",
        defaultValue = "32",
        description =
            "keep-alive connections: the closed loop's clients, or the open loop's pool (a request"
                + " due while all are busy waits, and its wait counts in its latency)")
    int connections;

    @Option(names = "--target", description = "a running chassis, e.g. http://127.0.0.1:8080")
    String target;

    @Option(names = "--tenant", description = "tenant of the target's binding")
    String tenant;

    @Option(
        names = "--api-key",
        description = "api key of that binding (env:NAME reads a variable)")
    String apiKey;

    @Option(names = "--pid", defaultValue = "0", description = "pid of the target, for CPU and RSS")
    long pid;

    @Override
    public Integer call() throws Exception {
      if (duration < 1
          || duration > 600
          || rate < 1
          || rate > 20_000
          || connections < 1
          || connections > 512) {
        throw new IllegalArgumentException(
            "--duration 1..600, --rate 1..20000, --connections 1..512");
      }
      if (target != null) {
        if (!target.startsWith("http://127.0.0.1") && !target.startsWith("http://localhost")) {
          throw new IllegalArgumentException("--target must be a loopback URL");
        }
        if (tenant == null || apiKey == null) {
          throw new IllegalArgumentException("--target needs --tenant and --api-key");
        }
        if (apiKey.startsWith("env:")) {
          apiKey = System.getenv(apiKey.substring(4));
        }
      }
      return AcceptBench.run(
          new AcceptBench.Options(
              common.kind(),
              rate,
              duration,
              saturate,
              connections,
              target,
              tenant,
              apiKey,
              pid,
              warmup,
              common.results,
              common.pgUrl,
              common.pgUser,
              common.pgPassword,
              common.redisUrl),
          System.out);
    }
  }

  @Command(
      name = "e2e",
      mixinStandardHelpOptions = true,
      description = "Store submit to terminal sync state, through the sandbox store and Sage.")
  static final class EndToEnd implements Callable<Integer> {
    @Mixin Common common;

    @Option(names = "--sage-latency-ms", defaultValue = "0-0", description = "MIN-MAX per call")
    String sageLatency;

    @Option(names = "--invoices", defaultValue = "200", description = "measured invoices")
    int invoices;

    @Option(
        names = "--warmup-invoices",
        defaultValue = "20",
        description =
            "raised first, the same way, and waited for; reported apart, not in the figures")
    int warmupInvoices;

    @Option(names = "--businesses", defaultValue = "1", description = "one store and binding each")
    int businesses;

    @Option(
        names = "--rate",
        defaultValue = "0",
        description = "invoices raised per second (0 = all at once)")
    double rate;

    @Option(names = "--workers", defaultValue = "4", description = "LEDGER_WORKER_THREADS")
    int workers;

    @Option(names = "--timeout", defaultValue = "600", description = "seconds")
    int timeout;

    @Override
    public Integer call() throws Exception {
      String[] mm = sageLatency.split("-");
      int min = Integer.parseInt(mm[0].trim());
      int max = Integer.parseInt(mm[mm.length - 1].trim());
      if (invoices < 1
          || invoices > 100_000
          || warmupInvoices < 0
          || warmupInvoices > 100_000
          || businesses < 1
          || businesses > 256
          || min < 0
          || max < min
          || timeout < 1
          || timeout > 3600) {
        throw new IllegalArgumentException(
            "--invoices 1..100000, --warmup-invoices 0..100000, --businesses 1..256, --sage-latency-ms MIN-MAX, --timeout ..3600");
      }
      return EndToEndBench.run(
          new EndToEndBench.Options(
              common.kind(),
              min,
              max,
              invoices,
              warmupInvoices,
              businesses,
              rate,
              workers,
              timeout,
              common.results,
              common.pgUrl,
              common.pgUser,
              common.pgPassword,
              common.redisUrl),
          System.out);
    }
  }

  @Command(
      name = "backlog",
      mixinStandardHelpOptions = true,
      description = "Queue N jobs with workers stopped, then drain them with no-op gateways.")
  static final class Backlog implements Callable<Integer> {
    @Mixin Common common;

    @Option(
        names = "--jobs",
        defaultValue = "100000",
        description = "webhooks accepted before the drain; each is a sync job, then a push job")
    int jobs;

    @Option(
        names = "--businesses",
        defaultValue = "64",
        description = "bindings, each its own Sage business (jobs spread round-robin)")
    int businesses;

    @Option(names = "--workers", defaultValue = "4", description = "worker threads draining")
    int workers;

    @Option(names = "--fill-threads", defaultValue = "4", description = "threads accepting")
    int fillThreads;

    @Option(names = "--timeout", defaultValue = "900", description = "seconds for the drain")
    int timeout;

    @Option(
        names = "--history",
        defaultValue = "0",
        description =
            "finished jobs in the table, and its statistics gathered, before the fill: a table in"
                + " use, as a backlog meets it in production (PostgreSQL substrates)")
    int history;

    @Override
    public Integer call() throws Exception {
      if (jobs < 1 || jobs > 1_000_000 || businesses < 1 || workers < 1 || fillThreads < 1) {
        throw new IllegalArgumentException("--jobs 1..1000000, positive counts");
      }
      if (history < 0 || history > 10_000_000) {
        throw new IllegalArgumentException("--history 0..10000000");
      }
      if (history > 0 && common.kind() == Substrate.Kind.EMBEDDED) {
        throw new IllegalArgumentException("--history is for the postgres substrates");
      }
      return BacklogBench.run(
          new BacklogBench.Options(
              common.kind(),
              jobs,
              businesses,
              workers,
              fillThreads,
              timeout,
              history,
              common.results,
              common.pgUrl,
              common.pgUser,
              common.pgPassword,
              common.redisUrl),
          System.out);
    }
  }

  @Command(
      name = "drain-ceiling",
      mixinStandardHelpOptions = true,
      description =
          "The embedded backlog's yardstick: H2 alone sending a drained run's statements, no"
              + " chassis.")
  static final class DrainCeiling implements Callable<Integer> {
    @Option(
        names = "--runs",
        defaultValue = "100000",
        description = "queued runs, each drained once")
    int runs;

    @Option(names = "--threads", defaultValue = "4", description = "threads draining")
    int threads;

    @Option(names = "--results", defaultValue = "bench/results")
    Path results;

    @Override
    public Integer call() throws Exception {
      if (runs < 1 || runs > 1_000_000 || threads < 1 || threads > 64) {
        throw new IllegalArgumentException("--runs 1..1000000, --threads 1..64");
      }
      return EmbeddedDrainCeiling.run(
          new EmbeddedDrainCeiling.Options(runs, threads, results), System.out);
    }
  }
}
