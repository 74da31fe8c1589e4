package io.ledgerbridge.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's payments and refunds end as the demo says, checked in the sandbox Sage. */
class MoneyScenariosTest {
  @TempDir Path dataDir;

  @Test
  void everyMoneyScenarioOfTheDemoEndsAsExpectedInSage() throws Exception {
    try (DemoEnvironment env =
        DemoEnvironment.start(
            AppConfig.from(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_SWEEP_MS", "100"))
                .withDataDir(dataDir),
            p -> p)) {
      List<MoneyScenarios.Outcome> outcomes =
          MoneyScenarios.run(env.store(), env.sage(), Duration.ofSeconds(60));

      assertThat(outcomes).hasSize(6);
      assertThat(outcomes)
          .allSatisfy(o -> assertThat(o.ok()).as(o.label() + ": " + o.sage()).isTrue());
    }
  }
}
