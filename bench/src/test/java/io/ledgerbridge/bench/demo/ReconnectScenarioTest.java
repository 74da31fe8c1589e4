package io.ledgerbridge.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's disconnect and reconnect: every step checked, and Sage holds no duplicate. */
class ReconnectScenarioTest {
  @TempDir Path dataDir;

  @Test
  void theDemoDisconnectsFromTheStoreReconnectsAndSageHoldsNoDuplicate() throws Exception {
    try (DemoEnvironment env =
        DemoEnvironment.start(
            AppConfig.from(
                    Map.of(
                        "LEDGER_HTTP_PORT", "0",
                        "LEDGER_SWEEP_MS", "100",
                        "LEDGER_HELD_RECHECK_SECONDS", "1"))
                .withDataDir(dataDir),
            p -> p)) {
      List<ScenarioStep> steps = ReconnectScenario.run(env, Duration.ofSeconds(60));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ReconnectScenario.printSummary(steps, new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(steps)
          .extracting(ScenarioStep::label)
          .containsExactly(
              "invoice synced before the disconnect",
              "store-side disconnect",
              "store paired again",
              "Sage reconnected in a browser",
              "payment of the earlier invoice lands on it",
              "no duplicate in Sage");
      assertThat(steps)
          .allSatisfy(s -> assertThat(s.ok()).as(s.label() + ": " + s.detail()).isTrue());
      assertThat(ReconnectScenario.ok(steps)).isTrue();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("summary: disconnect and reconnect as expected, no duplicates");
    }
  }

  @Test
  void anIncompleteScenarioIsNotOk() {
    assertThat(ReconnectScenario.ok(List.of())).isFalse();
    assertThat(
            ReconnectScenario.ok(
                List.of(new ScenarioStep("invoice synced before the disconnect", true, ""))))
        .isFalse();
  }
}
