package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.binding;
import static io.ledgerbridge.bench.e2e.ConnectE2e.storeGet;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.sandbox.sage.AuthorizeDecision;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sage's authorization-code flow over real HTTP, a browser going from the chassis's start page to
 * the sandbox Sage's consent page and back to the chassis's callback: success, a refusal, a
 * tampered or replayed state, a state from another browser, and a user with several businesses.
 */
class SageOAuthEndToEndTest {
  private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

  @TempDir Path dataDir;
  private DemoEnvironment env;
  private String tenant;

  @BeforeEach
  void start() {
    env = DemoEnvironment.startUnconnected(ConnectE2e.config(dataDir), 0.01);
    tenant = env.pairStore();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void consentConnectsTheOnlyBusinessFetchesItsReferenceDataAndStartsAPolicy() {
    Browser.Page page = env.connectSageInBrowser(new Browser());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.says("Connected to Sage")).isTrue();
    assertThat(page.uri().getPath()).isEqualTo("/oauth/sage/callback");
    Binding b = binding(env, tenant);
    assertThat(b.status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(b.sageBusinessId()).isEqualTo(env.sage().defaultBusinessId());
    assertThat(b.businessCountry()).isEqualTo("GB");
    assertThat(b.baseCurrency()).isEqualTo("GBP");
    assertThat(env.chassis().persistence().referenceData().find(tenant)).isPresent();
    SyncPolicy policy = env.chassis().managePolicy().current(tenant).policy();
    assertThat(policy.defaultLedgerAccountId()).isEqualTo(env.sage().defaultSalesLedgerAccountId());
    assertThat(policy.mappings().defaultTaxRateId()).isEqualTo("GB_STANDARD");
    // tokens and client are kept encrypted; the code was redeemed once
    assertThat(env.chassis().persistence().tokenVault().tokens(tenant)).isPresent();
    assertThat(env.chassis().persistence().bindings().secrets(tenant).orElseThrow().sageClientId())
        .isEqualTo(DemoEnvironment.CLIENT_ID);
    assertThat(env.sage().authorizationCodesRedeemed()).isEqualTo(1);
    var tile = storeGet(env, "/v1/tile/health", env.apiKey()).json();
    assertThat(tile.path("tenant").path("magento_connection_status").asText()).isEqualTo("active");
    assertThat(tile.path("binding").path("status").asText()).isEqualTo("active");
    assertThat(tile.path("binding").path("region").asText()).isEqualTo("gb");
  }

  @Test
  void aMerchantWhoDeclinesSeesWhyAndTheBindingStaysPending() {
    env.sage().setAuthorizeDecision(AuthorizeDecision.DENY);

    Browser.Page page = env.connectSageInBrowser(new Browser());

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.says("Access to Sage was declined")).isTrue();
    assertThat(page.body()).doesNotContain("Exception").doesNotContain("at io.");
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(env.sage().authorizationCodesIssued()).isZero();
  }

  @Test
  void aTamperedStateIsRefusedBeforeTheCodeIsSpent() {
    Browser browser = new Browser(false);
    String callback = callbackUrl(browser);
    Matcher m = STATE.matcher(callback);
    assertThat(m.find()).isTrue();
    String state = m.group(1);
    char last = state.charAt(state.length() - 1);
    String tampered =
        callback.replace(
            "state=" + state,
            "state=" + state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A'));

    Browser.Page refused = browser.get(tampered);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.says("This Sage sign-in cannot be accepted")).isTrue();
    assertThat(env.sage().authorizationCodesRedeemed()).isZero();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
    // the genuine callback still works: the refused one consumed nothing
    assertThat(browser.get(callback).says("Connected to Sage")).isTrue();
  }

  @Test
  void aReplayedCallbackIsRefusedAndChangesNothing() {
    Browser browser = new Browser(false);
    String callback = callbackUrl(browser);
    assertThat(browser.get(callback).says("Connected to Sage")).isTrue();

    Browser.Page replay = browser.get(callback);

    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.says("already used")).isTrue();
    assertThat(env.sage().authorizationCodesRedeemed()).isEqualTo(1);
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void aCallbackInAnotherBrowserThanTheOneThatStartedIsRefused() {
    String callback = callbackUrl(new Browser(false));

    Browser.Page other = new Browser(false).get(callback);

    assertThat(other.status()).isEqualTo(400);
    assertThat(other.says("another browser")).isTrue();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
  }

  @Test
  void aForgedLinkNeverReachesSage() {
    String link = env.chassis().connectSage().connectLink(tenant);
    String forged = link.replace("tenant=" + tenant, "tenant=someone-else");

    Browser.Page page = new Browser().get(forged);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.says("invalid or has expired")).isTrue();
    assertThat(page.uri().getPort()).isEqualTo(env.chassis().httpPort());
  }

  @Test
  void aUserWithSeveralBusinessesChoosesOneOnAPage() {
    String irish = env.sage().addBusiness("1e".repeat(16), "IE", "EUR");
    Browser browser = new Browser();

    Browser.Page choose = env.connectSageInBrowser(browser);

    assertThat(choose.status()).isEqualTo(200);
    assertThat(choose.says("Choose the Sage business")).isTrue();
    assertThat(choose.body()).contains(env.sage().defaultBusinessId()).contains(irish);
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
    Matcher token = Pattern.compile("name=\"selection\" value=\"([^\"]+)\"").matcher(choose.body());
    assertThat(token.find()).isTrue();

    Browser.Page done =
        browser.post(
            env.chassisUrl() + "/oauth/sage/select",
            Map.of("selection", token.group(1), "business_id", irish));

    assertThat(done.says("Connected to Sage")).isTrue();
    Binding b = binding(env, tenant);
    assertThat(b.status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(b.sageBusinessId()).isEqualTo(irish);
    assertThat(b.businessCountry()).isEqualTo("IE");
    assertThat(b.baseCurrency()).isEqualTo("EUR");
    // the choice is made once
    Browser.Page again =
        browser.post(
            env.chassisUrl() + "/oauth/sage/select",
            Map.of("selection", token.group(1), "business_id", env.sage().defaultBusinessId()));
    assertThat(again.status()).isEqualTo(400);
    assertThat(binding(env, tenant).sageBusinessId()).isEqualTo(irish);
  }

  /** Follows the start page and Sage's consent page by hand; returns the callback URL. */
  private String callbackUrl(Browser browser) {
    Browser.Page start = browser.get(env.chassis().connectSage().connectLink(tenant));
    assertThat(start.status()).isEqualTo(302);
    Browser.Page consent = browser.get(start.location());
    assertThat(consent.status()).isEqualTo(302);
    String callback = consent.location();
    assertThat(callback).startsWith(env.chassisUrl() + "/oauth/sage/callback?code=");
    return callback;
  }
}
