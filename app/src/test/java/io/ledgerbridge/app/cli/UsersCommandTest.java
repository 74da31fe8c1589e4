package io.ledgerbridge.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code users add|list|passwd|token|remove} on the embedded database, as an operator runs them.
 */
class UsersCommandTest {
  @TempDir Path dir;
  private Supplier<AppConfig> savedConfig;
  private AppConfig config;
  private final InputStream stdin = System.in;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void pointAtATemporaryDatabase() {
    savedConfig = Cli.config;
    config = AppConfig.builder().dataDir(dir).build();
    Cli.config = () -> config;
  }

  @AfterEach
  void restore() {
    Cli.config = savedConfig;
    System.setIn(stdin);
  }

  private Result cli(String stdinText, String... args) {
    if (stdinText != null) {
      System.setIn(new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8)));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void anOperatorIsAddedWithAPasswordFromStandardInputListedAndRemoved() throws Exception {
    Result added =
        cli(
            "a long password for alice\n",
            "users",
            "add",
            "--username",
            "Alice",
            "--role",
            "operator");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("user alice added (operator)");
    assertThat(added.out() + added.err()).doesNotContain("a long password for alice");

    Result table = cli(null, "users", "list");
    assertThat(table.out())
        .contains("USERNAME")
        .containsPattern("alice\\s+operator\\s+-\\s+\\d{4}-");
    JsonNode json = new ObjectMapper().readTree(cli(null, "users", "list", "--json").out());
    assertThat(json.get(0).get("username").asText()).isEqualTo("alice");
    assertThat(json.get(0).get("role").asText()).isEqualTo("operator");
    assertThat(json.get(0).toString()).doesNotContain("argon2");

    try (Chassis c = Chassis.open(config)) {
      assertThat(c.consoleAccess().login("alice", "a long password for alice", "127.0.0.1"))
          .isInstanceOf(ConsoleAccessUseCase.SignedIn.class);
    }
    assertThat(cli(null, "users", "remove", "--username", "alice").exit()).isZero();
    Result again = cli(null, "users", "remove", "--username", "alice");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().trim()).isEqualTo("error: there is no user alice");
  }

  @Test
  void aMerchantNeedsAnExistingTenantAndMistakesAreOneLine() {
    Result noTenant =
        cli("a long enough password\n", "users", "add", "--username", "shop", "--role", "merchant");
    Result unknownTenant =
        cli(
            "a long enough password\n",
            "users",
            "add",
            "--username",
            "shop",
            "--role",
            "merchant",
            "--tenant-id",
            "nope");
    Result badRole =
        cli("a long enough password\n", "users", "add", "--username", "shop", "--role", "admin");
    Result shortPassword =
        cli("short\n", "users", "add", "--username", "shop", "--role", "operator");
    Result literalPassword =
        cli(
            null,
            "users",
            "add",
            "--username",
            "shop",
            "--role",
            "operator",
            "--password",
            "hunter2hunter2");

    assertThat(noTenant.err().trim()).isEqualTo("error: a merchant user needs --tenant-id");
    assertThat(unknownTenant.err().trim()).isEqualTo("error: there is no binding nope");
    assertThat(badRole.exit()).isEqualTo(2);
    assertThat(badRole.err()).contains("operator").contains("merchant").doesNotContain("Usage");
    assertThat(shortPassword.err().trim())
        .isEqualTo("error: a password needs at least 12 characters");
    assertThat(literalPassword.exit()).isEqualTo(1);
    assertThat(literalPassword.err()).contains("--password takes env:NAME");
    assertThat(cli(null, "users", "list", "--json").out().trim()).isEqualTo("[ ]");
  }

  @Test
  void aNewPasswordEndsTheSessionsAndAnApiTokenIsPrintedOnce() {
    cli("the first long password\n", "users", "add", "--username", "bob", "--role", "operator");
    String session;
    try (Chassis c = Chassis.open(config)) {
      session =
          ((ConsoleAccessUseCase.SignedIn)
                  c.consoleAccess().login("bob", "the first long password", "127.0.0.1"))
              .sessionToken();
    }

    Result passwd = cli("the second long password\n", "users", "passwd", "--username", "bob");
    Result token = cli(null, "users", "token", "--username", "bob", "--label", "reporting");

    assertThat(passwd.exit()).isZero();
    assertThat(passwd.out()).contains("its sessions have ended");
    assertThat(token.exit()).isZero();
    String printed = token.out().trim();
    assertThat(printed).startsWith("lbt_");
    try (Chassis c = Chassis.open(config)) {
      assertThat(c.consoleAccess().session(session)).isEmpty();
      assertThat(c.consoleAccess().apiToken(printed).orElseThrow().username()).isEqualTo("bob");
    }

    Result listed = cli(null, "users", "tokens", "--username", "bob");
    assertThat(listed.out()).contains("ID").contains("reporting").doesNotContain(printed);
    String id = listed.out().lines().skip(1).findFirst().orElseThrow().substring(0, 12);
    Result wrong = cli(null, "users", "revoke-token", "--username", "bob", "--token-id", printed);
    Result revoked = cli(null, "users", "revoke-token", "--username", "bob", "--token-id", id);
    Result again = cli(null, "users", "revoke-token", "--username", "bob", "--token-id", id);

    assertThat(wrong.err()).contains("not the token itself");
    assertThat(revoked.exit()).isZero();
    assertThat(revoked.out()).contains("API token " + id + " revoked");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().trim()).isEqualTo("error: user bob has no API token " + id);
    try (Chassis c = Chassis.open(config)) {
      assertThat(c.consoleAccess().apiToken(printed)).isEmpty();
    }
  }
}
