package io.ledgerbridge.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sandbox}: what it prints is enough to reach the sandbox Sage and store. */
class SandboxCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String value(String printed, String regex) {
    Matcher m = Pattern.compile(regex).matcher(printed);
    assertThat(m.find()).as(regex + " in\n" + printed).isTrue();
    return m.group(1);
  }

  @Test
  void printsKnownCredentialsThatTheSandboxSageAcceptsAndAPairingCode() throws Exception {
    SandboxCommand command = new SandboxCommand();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    new CommandLine(command).parseArgs("--client-secret", "rehearsal-secret");
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return command.call();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!printed.toString(StandardCharsets.UTF_8).contains("Sage business:")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    try {
      assertThat(out)
          .contains("LEDGER_SAGE_CLIENT_ID=" + SandboxCommand.DEFAULT_CLIENT_ID)
          .contains("LEDGER_SAGE_CLIENT_SECRET=rehearsal-secret")
          .contains("LEDGER_PUBLIC_URL=http://127.0.0.1:8080");
      String tokenUrl = value(out, "LEDGER_SAGE_TOKEN_URL=(\\S+)");
      assertThat(value(out, "pairing code: ([0-9a-f]{32}) ")).hasSize(32);
      String storeUrl = value(out, "store URL: +(\\S+)");

      // the printed client is registered: an unknown code is invalid_grant, not invalid_client
      HttpResponse<String> token =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(tokenUrl))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=authorization_code&code=GB%2Fnope"
                              + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth%2Fsage%2Fcallback"
                              + "&client_id="
                              + SandboxCommand.DEFAULT_CLIENT_ID
                              + "&client_secret=rehearsal-secret"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(400);
      assertThat(token.body()).contains("invalid_grant").doesNotContain("invalid_client");
      // the store answers
      HttpResponse<String> admin =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(storeUrl + "/")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(admin.statusCode()).isLessThan(500);
    } finally {
      command.stop.countDown();
    }
    assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
  }
}
