package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in and out, the merchant's view held to its own tenant, and state-changing requests
 * without the form's CSRF token, in a real browser against a running chassis.
 */
class ConsoleAccessBrowserTest extends BrowserTestBase {
  private static ConsoleWorld world;
  private static SyncRun own;
  private static SyncRun foreign;

  @BeforeAll
  static void startWorld() throws Exception {
    world = ConsoleWorld.start(Files.createTempDirectory("lb-console-access-"));
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    own =
        SyncRun.accepted(
                UUID.randomUUID(),
                world.env.tenant(),
                EventType.INVOICE_CREATED,
                9001,
                "invoice.created:9001",
                1,
                t)
            .start(t.plusSeconds(1))
            .fail(ErrorClass.VALIDATION, "own tenant's failure", t.plusSeconds(2));
    foreign =
        SyncRun.accepted(
                UUID.randomUUID(),
                "another-tenant",
                EventType.INVOICE_CREATED,
                9002,
                "invoice.created:9002",
                1,
                t)
            .start(t.plusSeconds(1))
            .fail(ErrorClass.VALIDATION, "secret of another shop", t.plusSeconds(2));
    world.env.chassis().persistence().syncRuns().insert(own);
    world.env.chassis().persistence().syncRuns().insert(foreign);
  }

  @AfterAll
  static void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  @BeforeEach
  void freshVisitor() {
    forgetCookies(world.adminUrl());
  }

  @Test
  void aVisitorIsSentToSignInAndCanSignInAndOut() {
    open(world.adminUrl() + "/dashboard/sync?status=failed");
    assertThat(path()).isEqualTo("/login");

    fill("username", ConsoleWorld.OPERATOR);
    fill("password", "not the password");
    clickAndWait(By.cssSelector("form.login button[type=submit]"));
    assertThat(text()).contains("The user name or password is not right.");
    assertThat(driver.manage().getCookieNamed("lb_session")).isNull();

    fill("password", ConsoleWorld.PASSWORD);
    clickAndWait(By.cssSelector("form.login button[type=submit]"));
    // back on the page asked for, with its filter
    assertThat(path()).isEqualTo("/dashboard/sync");
    assertThat(driver.getCurrentUrl()).endsWith("status=failed");
    assertThat(text()).contains("Sync history").contains("ops (operator)");
    Cookie session = driver.manage().getCookieNamed("lb_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");

    press("Sign out");
    assertThat(path()).isEqualTo("/login");
    open(world.adminUrl() + "/dashboard/bindings");
    assertThat(path()).isEqualTo("/login");
  }

  @Test
  void aMerchantSeesOnlyItsOwnTenant() {
    signIn(world.adminUrl(), ConsoleWorld.MERCHANT, ConsoleWorld.PASSWORD);
    String history = open(world.adminUrl() + "/dashboard/sync?status=failed");
    assertThat(history).contains("own tenant's failure").doesNotContain("another shop");
    // asking for the other tenant by its name changes nothing
    assertThat(open(world.adminUrl() + "/dashboard/sync?tenant=another-tenant"))
        .doesNotContain("another shop");

    String detail = open(world.adminUrl() + "/dashboard/sync/" + foreign.id());
    assertThat(detail).contains("not found").doesNotContain("another shop");
    assertThat(open(world.adminUrl() + "/dashboard/sync/" + own.id()))
        .contains("own tenant's failure");
    String bindings = open(world.adminUrl() + "/dashboard/bindings");
    assertThat(bindings).contains(world.env.tenant()).doesNotContain("another-tenant");
    assertThat(text()).contains("shopkeeper (merchant, " + world.env.tenant() + ")");
  }

  @Test
  void aStateChangingRequestWithoutTheFormsCsrfTokenIsRefused() throws Exception {
    signIn(world.adminUrl(), ConsoleWorld.OPERATOR, ConsoleWorld.PASSWORD);
    assertThat(open(world.adminUrl() + "/dashboard/bindings")).contains("Disconnect");
    Cookie session = driver.manage().getCookieNamed("lb_session");

    // the signed-in browser's cookie, but a form another site would post: no CSRF token
    HttpResponse<String> forged =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            world.adminUrl()
                                + "/dashboard/bindings/"
                                + URLEncoder.encode(world.env.tenant(), StandardCharsets.UTF_8)
                                + "/disconnect"))
                    .header("Cookie", "lb_session=" + session.getValue())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("confirm=yes"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("nothing was changed");
    assertThat(open(world.adminUrl() + "/dashboard/bindings")).contains("active");
  }

  @Test
  void repeatedWrongPasswordsAreThrottled() {
    String user = "throttled";
    world
        .env
        .chassis()
        .consoleAccess()
        .addUser(
            user,
            io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role.OPERATOR,
            null,
            ConsoleWorld.PASSWORD);
    for (int i = 0; i < 5; i++) {
      signIn(world.adminUrl(), user, "wrong password " + i);
      assertThat(text()).contains("not right");
    }
    signIn(world.adminUrl(), user, ConsoleWorld.PASSWORD);

    assertThat(text()).contains("Too many failed sign-ins");
    assertThat(path()).isEqualTo("/login");
  }
}
