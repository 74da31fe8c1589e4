package io.ledgerbridge.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.reliability.CaseContext;
import io.ledgerbridge.bench.reliability.HostileCase;
import io.ledgerbridge.bench.reliability.HostileInputRunner;
import io.ledgerbridge.bench.reliability.HostileInputRunner.CaseResult;
import io.ledgerbridge.bench.reliability.HostileInputRunner.Report;
import io.ledgerbridge.bench.reliability.HostileWebhookCases;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile webhook catalogue against a real chassis over loopback HTTP (embedded H2), with a
 * second binding for the cross-tenant cases. Each case is its own test; the Markdown and JSON
 * report lands in {@code <build dir>/reliability/}.
 */
class HostileWebhookTest {
  private static final String OTHER_TENANT = "hostile-other-store";
  private static final String OTHER_API_KEY =
      "lb_other_tenant_key_0123456789abcdef0123456789abcdef";

  @TempDir static Path dataDir;
  private static DemoEnvironment env;
  private static CaseContext ctx;
  private static HostileInputRunner runner;
  private static Supplier<Integer> storedRuns;
  private static final List<CaseResult> RESULTS = Collections.synchronizedList(new ArrayList<>());
  private static Instant started;

  @BeforeAll
  static void start() {
    AppConfig config =
        AppConfig.from(
                Map.of(
                    "LEDGER_HTTP_PORT",
                    "0",
                    "LEDGER_SWEEP_MS",
                    "100",
                    "LEDGER_WORKER_THREADS",
                    "2"))
            .withDataDir(dataDir.resolve("ledger"));
    env = DemoEnvironment.start(config, p -> p);
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
                new BindingSecrets(
                    OTHER_API_KEY, DemoEnvironment.CLIENT_ID, "not-used-by-these-tests"),
                env.sage().issueRefreshToken(DemoEnvironment.CLIENT_ID),
                SyncPolicy.defaults(env.sage().defaultSalesLedgerAccountId())));
    ctx =
        new CaseContext(
            env.chassisUrl(),
            env.tenant(),
            env.apiKey(),
            OTHER_TENANT,
            OTHER_API_KEY,
            config.maxBodyBytes(),
            Clock.systemUTC());
    runner = new HostileInputRunner(Duration.ofSeconds(30));
    storedRuns = () -> env.chassis().query().recent(RunQuery.latest(1_000_000)).size();
    started = Instant.now();
  }

  @AfterAll
  static void stop() {
    try {
      if (!RESULTS.isEmpty()) {
        HostileInputRunner.write(new Report(ctx.baseUrl(), started, RESULTS), reportDir());
      }
    } finally {
      if (env != null) {
        env.close();
      }
    }
  }

  private static Path reportDir() {
    return Path.of(System.getProperty("ledger.build.dir", "target")).resolve("reliability");
  }

  @Test
  void catalogueHasAtLeastSeventyUniquelyNamedCasesAndOnlyClockSkewExpectsA503() {
    List<HostileCase> cases = HostileWebhookCases.all();

    assertThat(cases).hasSizeGreaterThanOrEqualTo(70);
    assertThat(cases).extracting(HostileCase::id).doesNotHaveDuplicates();
    // a correctly signed token outside its time window is the one hostile case a retry can fix
    assertThat(cases)
        .filteredOn(c -> c.expectedStatus() >= 500)
        .extracting(HostileCase::name)
        .containsExactlyInAnyOrder(
            "expired", "iat-in-future-beyond-skew", "nbf-in-future-beyond-skew");
    assertThat(cases).allSatisfy(c -> assertThat(c.expectedStatus()).isIn(allowed(c)));
    assertThat(cases).allSatisfy(c -> assertThat(c.expectedNewRuns()).isBetween(0, 1));
    assertThat(HostileWebhookCases.countByCategory(cases)).hasSizeGreaterThanOrEqualTo(8);
  }

  @TestFactory
  Stream<DynamicTest> everyHostileWebhookGetsItsExpectedStatusAndNoServerErrorStoredRunOrLeak() {
    return HostileWebhookCases.all().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.category() + " / " + c.name() + " -> " + c.expectedStatus(),
                    () -> {
                      CaseResult r = runner.run(c, ctx, storedRuns);
                      RESULTS.add(r);
                      assertThat(r.actualStatus())
                          .as("status of %s (body %s)", c.name(), r.bodyExcerpt())
                          .isEqualTo(c.expectedStatus())
                          .isPositive();
                      if (c.expectedStatus() >= 500) {
                        assertThat(r.bodyExcerpt()).contains("clock_skew");
                      }
                      assertThat(r.leaks()).as("leaks in the response to %s", c.name()).isEmpty();
                      assertThat(r.actualNewRuns())
                          .as("runs stored by %s", c.name())
                          .isEqualTo(c.expectedNewRuns());
                    }));
  }

  /** 4xx for everything a retry cannot fix; 503 only for the clock-skew cases. */
  private static List<Integer> allowed(HostileCase c) {
    return c.expectedStatus() == 503
        ? List.of(503)
        : java.util.stream.IntStream.range(200, 500).boxed().toList();
  }
}
