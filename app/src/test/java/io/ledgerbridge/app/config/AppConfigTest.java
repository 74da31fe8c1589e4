package io.ledgerbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void noVariablesGiveTheDocumentedDefaults() {
    AppConfig c = AppConfig.from(Map.of());
    assertThat(c).isEqualTo(AppConfig.defaults());
    assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    assertThat(c.httpThreads()).isEqualTo(32);
    assertThat(c.httpAcceptQueue()).isEqualTo(1024);
    assertThat(c.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.httpHeaderTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.httpBodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.httpMaxHeaderBytes()).isEqualTo(8192);
    assertThat(c.heldRecheck()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.dependencyWait()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void readsEveryHttpServerVariableAndTheHeldRecheck() {
    AppConfig c =
        AppConfig.from(
            Map.of(
                "LEDGER_HTTP_THREADS", "8",
                "LEDGER_HTTP_ACCEPT_QUEUE", "64",
                "LEDGER_HTTP_IDLE_TIMEOUT_SECONDS", "45",
                "LEDGER_HTTP_HEADER_TIMEOUT_SECONDS", "5",
                "LEDGER_HTTP_BODY_TIMEOUT_SECONDS", "7",
                "LEDGER_HTTP_MAX_HEADER_BYTES", "4096",
                "LEDGER_HELD_RECHECK_SECONDS", "2",
                "LEDGER_DEPENDENCY_WAIT_HOURS", "48"));
    assertThat(c.httpThreads()).isEqualTo(8);
    assertThat(c.httpAcceptQueue()).isEqualTo(64);
    assertThat(c.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.httpHeaderTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.httpBodyTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.httpMaxHeaderBytes()).isEqualTo(4096);
    assertThat(c.heldRecheck()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.dependencyWait()).isEqualTo(Duration.ofHours(48));
  }

  @Test
  void aValueOutOfRangeNamesTheVariable() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("LEDGER_HTTP_THREADS", "0")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessage("LEDGER_HTTP_THREADS must be between 1 and 1024: 0");
    assertThatThrownBy(() -> AppConfig.from(Map.of("LEDGER_HTTP_MAX_HEADER_BYTES", "lots")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessage("LEDGER_HTTP_MAX_HEADER_BYTES must be an integer: lots");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    AppConfig c =
        AppConfig.from(Map.of("LEDGER_HTTP_THREADS", "8", "LEDGER_HELD_RECHECK_SECONDS", "2"));
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
