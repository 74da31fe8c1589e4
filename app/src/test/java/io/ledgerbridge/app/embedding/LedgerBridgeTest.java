package io.ledgerbridge.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.app.LedgerBridge;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBridgeTest {
  @TempDir Path dir;

  @Test
  void takesTypedValuesAndKeepsTheCommandLineDefaultsForTheRest() {
    LedgerBridge bridge =
        LedgerBridge.builder()
            .dataDirectory(dir)
            .http("127.0.0.1", 0)
            .workerThreads(3)
            .leaseTtl(Duration.ofSeconds(30))
            .build();
    assertThat(bridge.config().dataDir()).isEqualTo(dir);
    assertThat(bridge.config().workerThreads()).isEqualTo(3);
    assertThat(bridge.config().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(bridge.config().httpPort()).isZero();
    assertThat(bridge.config().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(bridge.config().dbUrl()).isNull();
  }

  @Test
  void refusesValuesOutOfRangeNamingThem() {
    assertThatThrownBy(() -> LedgerBridge.builder().workerThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerThreads");
    assertThatThrownBy(() -> LedgerBridge.builder().secretKey(new byte[16]))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> LedgerBridge.builder().roles(LedgerBridge.Role.WEB).build())
        .hasMessageContaining("http(bind, port)");
  }

  @Test
  void startsOnTheEmbeddedDatabaseWithoutHttpAndStopsCleanly() {
    try (LedgerBridge bridge = LedgerBridge.builder().dataDirectory(dir).workerThreads(1).build()) {
      assertThatThrownBy(bridge::runs).hasMessageContaining("not started");
      bridge.start();
      assertThat(bridge.runs().recent(RunQuery.latest(10))).isEmpty();
      assertThatThrownBy(bridge::httpPort).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(bridge::start).hasMessageContaining("already started");
    }
    assertThat(dir.resolve("secret.key")).exists();
  }

  @Test
  void servesTheConsoleOnItsOwnListenerWithTheHostsAccounts() throws Exception {
    try (LedgerBridge bridge =
        LedgerBridge.builder()
            .dataDirectory(dir)
            .http("127.0.0.1", 0)
            .adminHttp("127.0.0.1", 0)
            .workerThreads(1)
            .build()) {
      bridge.start();
      bridge
          .consoleAccess()
          .addUser(
              "host-admin",
              io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role.OPERATOR,
              null,
              "a long password of the host");
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> login =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + bridge.adminPort() + "/login"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      java.net.http.HttpResponse<String> onPublic =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + bridge.httpPort() + "/login"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(bridge.adminPort()).isPositive().isNotEqualTo(bridge.httpPort());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).contains("Sign in to ledgerbridge");
      assertThat(onPublic.statusCode()).isEqualTo(404);
      assertThat(bridge.consoleAccess().users())
          .extracting(u -> u.username())
          .contains("host-admin");
    }
  }
}
