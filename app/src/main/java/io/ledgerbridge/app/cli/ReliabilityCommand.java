package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.app.demo.DemoEnvironment;
import io.ledgerbridge.app.reliability.CaseContext;
import io.ledgerbridge.app.reliability.HostileInputRunner;
import io.ledgerbridge.app.reliability.HostileWebhookCases;
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

/** {@code reliability hostile}: the hostile-input catalogue against a fresh chassis, with a report. */
@Command(
    name = "reliability",
    mixinStandardHelpOptions = true,
    description = "Reliability suites that write a report.",
    subcommands = {ReliabilityCommand.Hostile.class})
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

    @Option(names = "--out", defaultValue = "reports/reliability",
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
                        OTHER_TENANT, env.store().baseUrl(), env.sage().apiBaseUrl(),
                        env.sage().tokenUrl(), env.sage().defaultBusinessId(), "GB", "GBP",
                        BindingStatus.ACTIVE, Instant.now()),
                    new BindingSecrets(otherKey, DemoEnvironment.CLIENT_ID, "unused-secret"),
                    env.sage().issueRefreshToken(DemoEnvironment.CLIENT_ID),
                    SyncPolicy.defaults(env.sage().defaultSalesLedgerAccountId())));
        CaseContext ctx =
            new CaseContext(
                env.chassisUrl(), DemoEnvironment.TENANT, env.apiKey(), OTHER_TENANT, otherKey,
                config.maxBodyBytes(), Clock.systemUTC());
        HostileInputRunner.Report report =
            new HostileInputRunner(Duration.ofSeconds(30))
                .runAll(
                    HostileWebhookCases.all(), ctx,
                    () -> env.chassis().query().recent(RunQuery.latest(1_000_000)).size());
        HostileInputRunner.write(report, out);
        long failed = report.results().stream().filter(r -> !r.passed()).count();
        System.out.println(
            report.results().size() + " cases, " + failed + " failed; report in "
                + out.toAbsolutePath());
        return failed == 0 ? 0 : 1;
      }
    }
  }
}
