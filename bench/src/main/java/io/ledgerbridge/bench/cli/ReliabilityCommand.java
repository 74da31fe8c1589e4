package io.ledgerbridge.bench.cli;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.reliability.CaseContext;
import io.ledgerbridge.bench.reliability.HostileInputRunner;
import io.ledgerbridge.bench.reliability.HostileWebhookCases;
import io.ledgerbridge.bench.reliability.faults.FaultSchedule;
import io.ledgerbridge.bench.reliability.faults.FaultsReport;
import io.ledgerbridge.bench.reliability.faults.FaultsRunner;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reliability hostile}: the hostile-input catalogue against a fresh chassis, with a report;
 * {@code reliability faults}: the multi-process fault run, with a report.
 */
@Command(
    name = "reliability",
    mixinStandardHelpOptions = true,
    description = "Reliability suites that write a report.",
    subcommands = {ReliabilityCommand.Hostile.class, ReliabilityCommand.Faults.class})
final class ReliabilityCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "hostile",
      mixinStandardHelpOptions = true,
      description =
          "Start a chassis with sandboxes on loopback (embedded H2 in a scratch directory), send"
              + " every hostile webhook case and write hostile-input.md/.json. Exit 0 when every"
              + " case got its expected status, no 5xx, no stored run where none was expected and"
              + " no leak.")
  static final class Hostile implements Callable<Integer> {
    private static final String OTHER_TENANT = "hostile-other-store";

    @Option(
        names = "--out",
        defaultValue = "reports/reliability",
        description = "Report directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path scratch = Files.createTempDirectory("ledger-hostile");
      AppConfig config =
          AppConfig.from(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_WORKER_THREADS", "2"))
              .withDataDir(scratch);
      String otherKey = "lb_other_" + java.util.UUID.randomUUID().toString().replace("-", "");
      try (DemoEnvironment env = DemoEnvironment.start(config, p -> p)) {
        env.chassis()
            .registration()
            .register(
                new RegisterBindingCommand(
                    new Binding(
                        OTHER_TENANT,
                        env.store().baseUrl(),
                        env.sage().apiBaseUrl(),
                        env.sage().tokenUrl(),
                        env.sage().defaultBusinessId(),
                        "GB",
                        "GBP",
                        BindingStatus.ACTIVE,
                        Instant.now()),
                    new BindingSecrets(otherKey, DemoEnvironment.CLIENT_ID, "unused-secret"),
                    env.sage().issueRefreshToken(DemoEnvironment.CLIENT_ID),
                    SyncPolicy.defaults(env.sage().defaultSalesLedgerAccountId())));
        CaseContext ctx =
            new CaseContext(
                env.chassisUrl(),
                env.tenant(),
                env.apiKey(),
                OTHER_TENANT,
                otherKey,
                config.maxBodyBytes(),
                Clock.systemUTC());
        HostileInputRunner.Report report =
            new HostileInputRunner(Duration.ofSeconds(30))
                .runAll(
                    HostileWebhookCases.all(),
                    ctx,
                    () -> env.chassis().query().recent(RunQuery.latest(1_000_000)).size());
        HostileInputRunner.write(report, out);
        long failed = report.results().stream().filter(r -> !r.passed()).count();
        System.out.println(
            report.results().size()
                + " cases, "
                + failed
                + " failed; report in "
                + out.toAbsolutePath());
        return failed == 0 ? 0 : 1;
      }
    }
  }

  @Command(
      name = "faults",
      mixinStandardHelpOptions = true,
      description =
          "Start web, N workers and a relay as child processes on a fresh PostgreSQL schema and"
              + " Redis prefix (both behind cuttable TCP proxies), one sandbox store and Sage"
              + " business per binding, raise invoices at a steady rate while injecting worker"
              + " kills, Redis/PostgreSQL cuts, Sage 429/500/503 storms, latency spikes and"
              + " timeouts, store outages and timeouts; wait for everything to settle and write"
              + " faults.md/.json. Exit 0 when nothing was lost or duplicated and every invoice"
              + " ended with its expected status.")
  static final class Faults implements Callable<Integer> {
    @Option(
        names = "--invoices",
        defaultValue = "2000",
        description = "Invoices to raise (default: ${DEFAULT-VALUE})")
    int invoices;

    @Option(
        names = "--businesses",
        defaultValue = "4",
        description = "Stores, each with its own Sage business (default: ${DEFAULT-VALUE})")
    int businesses;

    @Option(
        names = "--workers",
        defaultValue = "3",
        description = "Worker processes (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(
        names = "--rate",
        defaultValue = "8",
        description = "Invoices raised per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
        names = "--schedule",
        defaultValue = "full",
        description = "full or short (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(
        names = "--settle-minutes",
        defaultValue = "10",
        description = "Bound on the wait for every invoice to settle (default: ${DEFAULT-VALUE})")
    int settleMinutes;

    @Option(
        names = "--seed",
        defaultValue = "5",
        description = "Seed for the kill victims and the sandbox Sage (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--out",
        defaultValue = "reports/reliability",
        description = "Report directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
        names = "--logs",
        defaultValue = "target/reliability-faults-logs",
        description = "Directory for the child process logs (default: ${DEFAULT-VALUE})")
    Path logs;

    @Option(
        names = "--pg-url",
        description =
            "PostgreSQL JDBC URL (default: $LEDGER_TEST_PG_URL or jdbc:postgresql://127.0.0.1:5432/test)")
    String pgUrl;

    @Option(
        names = "--pg-user",
        description = "PostgreSQL user (default: $LEDGER_TEST_PG_USER or postgres)")
    String pgUser;

    @Option(
        names = "--redis-url",
        description = "Redis URL (default: $LEDGER_TEST_REDIS_URL or redis://127.0.0.1:6379)")
    String redisUrl;

    @Override
    public Integer call() throws Exception {
      if (!schedule.equals("full") && !schedule.equals("short")) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--schedule must be full or short");
      }
      FaultsRunner.Options options =
          new FaultsRunner.Options(
              invoices,
              businesses,
              workers,
              rate,
              schedule.equals("short")
                  ? FaultSchedule.shortCi()
                  : FaultSchedule.full(
                      Duration.ofMillis((long) Math.ceil(invoices * 1000.0 / rate))),
              Duration.ofMinutes(settleMinutes),
              seed,
              orEnv(pgUrl, "LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
              orEnv(pgUser, "LEDGER_TEST_PG_USER", "postgres"),
              System.getenv("LEDGER_TEST_PG_PASSWORD"),
              orEnv(redisUrl, "LEDGER_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
              logs);
      FaultsReport report = new FaultsRunner(options, System.out::println).run();
      report.write(out);
      System.out.println(report.summary() + "; report in " + out.toAbsolutePath());
      return report.passed() ? 0 : 1;
    }

    private static String orEnv(String value, String env, String fallback) {
      if (value != null && !value.isBlank()) {
        return value;
      }
      String v = System.getenv(env);
      return v == null || v.isBlank() ? fallback : v.trim();
    }
  }
}
