package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.ADMIN_TOKEN;
import static io.ledgerbridge.bench.e2e.ConnectE2e.binding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.binding.BindingStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's bindings page and the admin API's connect-flow routes over real HTTP: each binding
 * with its state, a disconnect and a (re)connect of Sage from the page, each needing the admin
 * token; the same through the admin API for automation.
 */
class ConsoleConnectActionsEndToEndTest {
  @TempDir Path dataDir;
  private DemoEnvironment env;
  private String tenant;

  @BeforeEach
  void start() {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), p -> p);
    tenant = env.tenant();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static final String PASSWORD = "bindings page password";

  private String page() {
    return env.adminUrl() + "/dashboard/bindings";
  }

  /** A browser signed in as an operator, and the page's CSRF token. */
  private Browser operator() {
    if (env.chassis().consoleAccess().users().isEmpty()) {
      env.chassis()
          .consoleAccess()
          .addUser(
              "ops", io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role.OPERATOR, null, PASSWORD);
    }
    Browser browser = new Browser();
    assertThat(browser.signIn(env.adminUrl(), "ops", PASSWORD).status()).isEqualTo(200);
    return browser;
  }

  private static String csrf(Browser browser, String url) {
    return Browser.hidden(browser.get(url), "csrf");
  }

  private String action(String what) {
    return page() + "/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + what;
  }

  @Test
  void theBindingsPageShowsEachBindingWithItsStateAndActions() {
    Browser.Page signedOut = new Browser(false).get(page());
    Browser.Page page = operator().get(page());

    assertThat(signedOut.status()).isEqualTo(303);
    assertThat(signedOut.location()).startsWith("/login?next=");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.says(tenant)).isTrue();
    assertThat(page.says("chip b-active")).isTrue();
    assertThat(page.says(env.store().baseUrl())).isTrue();
    assertThat(page.says(env.sage().defaultBusinessId() + " (GB, GBP)")).isTrue();
    assertThat(page.says(">Reconnect Sage</button>")).isTrue();
    assertThat(page.says(">Disconnect</button>")).isTrue();
    assertThat(page.says("name=\"csrf\"")).isTrue();
    assertThat(page.says("name=\"admin_token\"")).isFalse();
    // the console is not on the public listener the store calls
    assertThat(new Browser(false).get(env.chassisUrl() + "/dashboard/bindings").status())
        .isEqualTo(404);
  }

  @Test
  void aDisconnectNeedsTheSessionsCsrfTokenAndAConfirmationThenHoldsTheStore() {
    Browser browser = operator();
    String csrf = csrf(browser, page());
    Browser.Page forged = browser.post(action("disconnect"), Map.of("confirm", "yes"));
    Browser.Page wrong =
        browser.post(action("disconnect"), Map.of("csrf", "guess", "confirm", "yes"));
    Browser.Page stranger =
        new Browser().post(action("disconnect"), Map.of("csrf", csrf, "confirm", "yes"));
    Browser.Page unconfirmed = browser.post(action("disconnect"), Map.of("csrf", csrf));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.says("nothing was changed")).isTrue();
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(unconfirmed.status()).isEqualTo(400);
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.ACTIVE);
    int revoked = env.sage().revokedTokens();

    Browser.Page done = browser.post(action("disconnect"), Map.of("csrf", csrf, "confirm", "yes"));

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.says("is disconnected and its Sage access revoked")).isTrue();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.DISCONNECTED);
    assertThat(env.sage().revokedTokens()).isEqualTo(revoked + 1);
    Browser.Page after = browser.get(page());
    assertThat(after.says("chip b-disconnected")).isTrue();
    assertThat(after.says("pair the store again")).isTrue();
    assertThat(after.says(">Disconnect</button>")).isFalse();
    assertThat(
            env.chassis()
                .consoleAccess()
                .auditLog(
                    new io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal(
                        "x",
                        io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role.OPERATOR,
                        null,
                        null),
                    10))
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo("ops");
              assertThat(e.action()).isEqualTo("console.disconnect");
              assertThat(e.tenantId()).isEqualTo(tenant);
            });
  }

  @Test
  void reconnectingSageFromThePageRunsTheSignInAndTheBindingIsActiveAgain() {
    env.chassis()
        .disconnect()
        .disconnect(tenant, io.ledgerbridge.ports.in.DisconnectBindingUseCase.Side.OPERATOR);
    env.pairStore();
    Browser browser = operator();
    assertThat(browser.get(page()).says(">Connect Sage</button>")).isTrue();
    String csrf = csrf(browser, page());

    Browser.Page wrong = browser.post(action("sage-connect"), Map.of("csrf", "nope"));
    Browser.Page signedIn = browser.post(action("sage-connect"), Map.of("csrf", csrf));

    assertThat(wrong.status()).isEqualTo(403);
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.says("Connected to Sage")).as(signedIn.body()).isTrue();
    assertThat(signedIn.uri().getPath()).isEqualTo("/oauth/sage/callback");
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void theAdminApiDisconnectsAndHandsOutTheConnectLinkForAutomation() {
    ConnectE2e.Answer unauthorized = admin("sage-connect-link", null);
    ConnectE2e.Answer link = admin("sage-connect-link", ADMIN_TOKEN);
    ConnectE2e.Answer unknown =
        ConnectE2e.send(
            HttpRequest.newBuilder(URI.create(env.adminUrl() + "/admin/bindings/nobody/disconnect"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(link.status()).isEqualTo(200);
    JsonNode body = link.json();
    assertThat(body.path("link").asText())
        .startsWith(env.chassisUrl() + "/oauth/sage/start?tenant=");
    assertThat(body.path("valid_hours").asInt()).isEqualTo(24);
    assertThat(unknown.status()).isEqualTo(404);

    ConnectE2e.Answer disconnected = admin("disconnect", ADMIN_TOKEN);
    ConnectE2e.Answer again = admin("disconnect", ADMIN_TOKEN);

    assertThat(disconnected.status()).isEqualTo(200);
    assertThat(disconnected.json().path("sage_revoked").asBoolean()).isTrue();
    assertThat(disconnected.json().path("already_disconnected").asBoolean()).isFalse();
    assertThat(again.json().path("already_disconnected").asBoolean()).isTrue();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.DISCONNECTED);
    // the link handed out before the disconnect now leads to the "pair again" page
    Browser.Page refused = new Browser().get(body.path("link").asText());
    assertThat(refused.status()).isEqualTo(409);
  }

  private ConnectE2e.Answer admin(String what, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    env.adminUrl()
                        + "/admin/bindings/"
                        + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                        + "/"
                        + what))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return ConnectE2e.send(request);
  }
}
