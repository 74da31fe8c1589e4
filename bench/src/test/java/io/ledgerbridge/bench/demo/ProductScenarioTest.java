package io.ledgerbridge.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's catalogue: a stock item, a service, a skipped configurable, stock that converges. */
class ProductScenarioTest {
  @TempDir Path dataDir;

  @Test
  void theDemoCatalogueAndStockFollowTheStore() throws Exception {
    try (DemoEnvironment env =
        DemoEnvironment.start(
            AppConfig.from(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_SWEEP_MS", "100"))
                .withDataDir(dataDir),
            p -> p)) {
      List<ScenarioStep> steps = ProductScenario.run(env, Duration.ofSeconds(60));

      assertThat(steps).hasSize(4);
      assertThat(steps)
          .allSatisfy(s -> assertThat(s.ok()).as(s.label() + ": " + s.detail()).isTrue());
      assertThat(ProductScenario.ok(steps)).isTrue();
    }
  }
}
