package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.policy.StartingPolicy;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Callback;
import io.ledgerbridge.ports.in.ConnectSageUseCase.ChooseBusiness;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Connected;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Failed;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Outcome;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Problem;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Redirect;
import io.ledgerbridge.ports.in.ConnectSageUseCase.StartResult;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import io.ledgerbridge.testkit.fake.InMemoryReplayGuard;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectSageServiceTest {
  private static final String TENANT = "t-1";
  private static final String STORE = "https://shop.example";
  private static final String SAGE_API = "https://sage.test/v3.1";
  private static final String SAGE_TOKEN = "https://sage.test/oauth/token";
  private static final String AUTHORIZE = "https://sage.test/oauth2/auth/central?filter=apiv3.1";
  private static final ConnectSettings SETTINGS =
      new ConnectSettings(
          "https://ledger.example",
          "client-id",
          "client-secret",
          AUTHORIZE,
          SAGE_TOKEN,
          "https://sage.test/oauth/revoke",
          SAGE_API);
  private static final String REDIRECT_URI = "https://ledger.example/oauth/sage/callback";
  private static final SageBusiness SHOP = new SageBusiness("a".repeat(32), "Shop Ltd");
  private static final SageBusiness OTHER = new SageBusiness("b".repeat(32), "Other Ltd");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemoryTokenVault vault = new InMemoryTokenVault().withClock(clock);
  private final FakeSageAuthorization authorization = new FakeSageAuthorization();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
  private final InMemoryReplayGuard replay = new InMemoryReplayGuard(clock);
  private final SignedTokens tokens =
      new SignedTokens("installation-secret-0123456789".getBytes(StandardCharsets.UTF_8), clock);
  private ConnectSageService service = service(SETTINGS);

  private ConnectSageService service(ConnectSettings settings) {
    return new ConnectSageService(
        bindings, vault, authorization, sage, reference, policies, replay, tokens, settings, clock);
  }

  private static ReferenceData referenceData(String country, String currency) {
    return new ReferenceData(
        currency,
        country,
        List.of(
            new TaxRate("GB_STANDARD", "Standard 20%", new BigDecimal("20.00")),
            new TaxRate("GB_ZERO", "Zero", BigDecimal.ZERO)),
        List.of(new LedgerAccount("L4000", "Sales Type A", 4000, true, false)),
        List.of(),
        List.of("GBP", "EUR"),
        Instant.parse("2026-12-01T08:00:00Z"));
  }

  @BeforeEach
  void pairedBinding() {
    sage.referenceData = referenceData("GB", "GBP");
    authorization.businesses = List.of(SHOP);
    bindings.add(
        Binding.paired(TENANT, STORE, SAGE_API, SAGE_TOKEN, clock.instant()),
        BindingSecrets.storeOnly("store-key"));
  }

  /** A binding that was connected to {@code SHOP} and then lost its token. */
  private void connectedBefore(BindingStatus status) {
    bindings.update(
        bindings
            .find(TENANT)
            .orElseThrow()
            .withSageBusiness(SAGE_API, SAGE_TOKEN, SHOP.id(), "IE", "EUR", status),
        new BindingSecrets("store-key", "old-client", "old-secret"));
    vault.replace(TENANT, new SageTokens("old-refresh", "old-access", null));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String q = URI.create(url).getRawQuery();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private Redirect start(String tenant) {
    Map<String, String> link = query(service.connectLink(tenant));
    return (Redirect) service.start(link.get("tenant"), link.get("ticket"));
  }

  private static String state(Redirect r) {
    return query(r.authorizeUrl()).get("state");
  }

  private Outcome callback(Redirect r, String code) {
    return service.callback(new Callback(code, state(r), null, null, null), r.browserNonce());
  }

  private Binding binding() {
    return bindings.find(TENANT).orElseThrow();
  }

  private static void assertFailed(Object outcome, Problem problem) {
    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).problem()).isEqualTo(problem);
  }

  // ---- the link and the start ----

  @Test
  void theLinkStartsTheFlowForItsTenantAtThePublicUrl() {
    String link = service.connectLink(TENANT);

    assertThat(link).startsWith("https://ledger.example/oauth/sage/start?tenant=t-1&ticket=");
    String ticket = query(link).get("ticket");
    assertThat(tokens.verify(ticket, ConnectSageService.LINK, 1).orElseThrow().fields())
        .containsExactly(TENANT);
  }

  @Test
  void noLinkForAnUnknownTenantOrWithoutOAuthSettings() {
    assertThatThrownBy(() -> service.connectLink("nobody"))
        .isInstanceOf(UnknownBindingException.class);
    ConnectSageService unconfigured =
        service(
            new ConnectSettings(
                "https://ledger.example", null, null, AUTHORIZE, SAGE_TOKEN, null, SAGE_API));
    assertThatThrownBy(() -> unconfigured.connectLink(TENANT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LEDGER_SAGE_CLIENT_ID");
    assertThatThrownBy(() -> unconfigured.authorizeUrlForOperator(TENANT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theStartRedirectsToSagesConsentPageWithAStateBoundToTheTenantAndBrowser() {
    Redirect r = start(TENANT);

    assertThat(r.authorizeUrl())
        .startsWith(
            AUTHORIZE
                + "&response_type=code&client_id=client-id&redirect_uri="
                + "https%3A%2F%2Fledger.example%2Foauth%2Fsage%2Fcallback&scope=full_access&state=");
    assertThat(r.maxAgeSeconds()).isEqualTo(15 * 60);
    assertThat(r.browserNonce()).matches("[A-Za-z0-9_-]{22}");
    SignedTokens.Verified state =
        tokens.verify(state(r), ConnectSageService.STATE, 2).orElseThrow();
    assertThat(state.fields()).containsExactly(TENANT, r.browserNonce());
    assertThat(state.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(start(TENANT).browserNonce()).isNotEqualTo(r.browserNonce());
  }

  @Test
  void anAuthorizeUrlWithoutQueryGetsOne() {
    service =
        service(
            new ConnectSettings(
                "https://ledger.example",
                "client id",
                "s",
                "https://sage.test/authorize",
                SAGE_TOKEN,
                null,
                SAGE_API));

    assertThat(start(TENANT).authorizeUrl())
        .startsWith("https://sage.test/authorize?response_type=code&client_id=client+id&");
  }

  @Test
  void aLinkThatIsForgedForAnotherTenantOrExpiredIsRefused() {
    bindings.add(
        Binding.paired("t-2", "https://two.example", SAGE_API, SAGE_TOKEN, clock.instant()),
        BindingSecrets.storeOnly("k2"));
    String ticket = query(service.connectLink(TENANT)).get("ticket");

    assertFailed(service.start("t-2", ticket), Problem.INVALID_LINK);
    assertFailed(service.start(null, ticket), Problem.INVALID_LINK);
    assertFailed(service.start(TENANT, null), Problem.INVALID_LINK);
    assertFailed(service.start(TENANT, ticket + "x"), Problem.INVALID_LINK);
    // a state or choice token is not a link
    assertFailed(
        service.start(TENANT, tokens.mint(ConnectSageService.CHOICE, Duration.ofHours(1), TENANT)),
        Problem.INVALID_LINK);

    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(service.start(TENANT, ticket)).isInstanceOf(Redirect.class);
    clock.advance(Duration.ofSeconds(1));
    StartResult expired = service.start(TENANT, ticket);
    assertFailed(expired, Problem.INVALID_LINK);
    assertThat(((Failed) expired).message()).contains("24 hours");
  }

  @Test
  void theStartOfAStoreThatWasDisconnectedOrRemovedIsRefused() {
    String ticket = query(service.connectLink(TENANT)).get("ticket");

    bindings.changeStatus(TENANT, BindingStatus.DISCONNECTED);
    assertFailed(service.start(TENANT, ticket), Problem.STORE_NOT_PAIRED);

    bindings.remove(TENANT);
    assertFailed(service.start(TENANT, ticket), Problem.UNKNOWN_BINDING);
  }

  // ---- the callback ----

  @Test
  void aCallbackWithOneBusinessConnectsTheBindingAndGivesItAStartingPolicy() {
    Redirect r = start(TENANT);

    Outcome outcome = callback(r, "code-1");

    assertThat(outcome).isEqualTo(new Connected(TENANT, SHOP.id(), "Shop Ltd", List.of()));
    assertThat(authorization.exchanges)
        .containsExactly(
            new FakeSageAuthorization.Exchange(SETTINGS.client(), "code-1", REDIRECT_URI));
    assertThat(authorization.businessCalls).containsExactly(SAGE_API + " access-code-1");
    Binding b = binding();
    assertThat(b.status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(b.sageBusinessId()).isEqualTo(SHOP.id());
    assertThat(b.businessCountry()).isEqualTo("GB");
    assertThat(b.baseCurrency()).isEqualTo("GBP");
    assertThat(b.sageApiUrl()).isEqualTo(SAGE_API);
    assertThat(b.sageTokenUrl()).isEqualTo(SAGE_TOKEN);
    assertThat(bindings.secrets(TENANT).orElseThrow())
        .isEqualTo(new BindingSecrets("store-key", "client-id", "client-secret"));
    assertThat(vault.tokens(TENANT)).contains(FakeSageAuthorization.tokensFor("code-1"));
    assertThat(reference.find(TENANT)).contains(sage.referenceData);
    assertThat(policies.current(TENANT).orElseThrow().policy())
        .isEqualTo(StartingPolicy.from(sage.referenceData).orElseThrow());
    assertThat(authorization.revocations).isEmpty();
  }

  @Test
  void aStateIsAcceptedOnlyOnce() {
    Redirect r = start(TENANT);
    assertThat(callback(r, "code-1")).isInstanceOf(Connected.class);

    Outcome replay = callback(r, "code-2");

    assertFailed(replay, Problem.INVALID_LINK);
    assertThat(authorization.exchanges).hasSize(1);
    assertThat(vault.tokens(TENANT)).contains(FakeSageAuthorization.tokensFor("code-1"));
  }

  @Test
  void aStateFromAnotherBrowserIsRefusedWithoutSpendingIt() {
    Redirect r = start(TENANT);
    Redirect elsewhere = start(TENANT);

    assertFailed(
        service.callback(new Callback("code-x", state(r), null, null, null), null),
        Problem.INVALID_LINK);
    assertFailed(
        service.callback(
            new Callback("code-x", state(r), null, null, null), elsewhere.browserNonce()),
        Problem.INVALID_LINK);
    assertFailed(
        service.callback(new Callback("code-x", state(r), null, null, null), ""),
        Problem.INVALID_LINK);
    assertThat(authorization.exchanges).isEmpty();
    assertThat(replay.size()).isZero();

    // the genuine browser can still finish
    assertThat(callback(r, "code-1")).isInstanceOf(Connected.class);
  }

  @Test
  void anExpiredStateIsRefused() {
    Redirect r = start(TENANT);
    clock.advance(Duration.ofMinutes(15));

    assertFailed(callback(r, "code-1"), Problem.INVALID_LINK);
    assertThat(authorization.exchanges).isEmpty();
  }

  @Test
  void aForgedOrMissingStateIsRefused() {
    Redirect r = start(TENANT);
    String forged =
        new SignedTokens("some-other-installation".getBytes(StandardCharsets.UTF_8), clock)
            .mint(ConnectSageService.STATE, Duration.ofMinutes(15), TENANT, r.browserNonce());
    String link = query(service.connectLink(TENANT)).get("ticket");

    for (String state : new String[] {null, "", forged, link, state(r) + "A"}) {
      assertFailed(
          service.callback(new Callback("code", state, null, null, null), r.browserNonce()),
          Problem.INVALID_LINK);
    }
    assertThat(authorization.exchanges).isEmpty();
  }

  @Test
  void anOperatorStateNeedsNoBrowserCookieButIsSingleUseToo() {
    String url = service.authorizeUrlForOperator(TENANT);
    assertThat(url).startsWith(AUTHORIZE + "&response_type=code&client_id=client-id&");
    String state = query(url).get("state");
    assertThat(tokens.verify(state, ConnectSageService.OPERATOR_STATE, 1)).isPresent();

    clock.advance(Duration.ofMinutes(29));
    assertThat(service.callback(new Callback("code-1", state, null, null, null), null))
        .isInstanceOf(Connected.class);
    assertFailed(
        service.callback(new Callback("code-2", state, null, null, null), null),
        Problem.INVALID_LINK);
    assertThat(authorization.exchanges).hasSize(1);
  }

  @Test
  void anOperatorStateExpiresAfterThirtyMinutes() {
    String state = query(service.authorizeUrlForOperator(TENANT)).get("state");
    clock.advance(Duration.ofMinutes(30));

    assertFailed(
        service.callback(new Callback("code-1", state, null, null, null), null),
        Problem.INVALID_LINK);
  }

  @Test
  void accessDeniedIsExplainedAndSpendsTheStateWithoutCallingSage() {
    Redirect r = start(TENANT);

    Outcome outcome =
        service.callback(
            new Callback(null, state(r), null, "access_denied", "The user denied"),
            r.browserNonce());

    assertFailed(outcome, Problem.ACCESS_DENIED);
    assertThat(((Failed) outcome).message()).contains("declined");
    assertThat(authorization.exchanges).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertFailed(callback(r, "code-1"), Problem.INVALID_LINK);
  }

  @ParameterizedTest
  @CsvSource({
    "ACCESS_DENIED, , ACCESS_DENIED",
    "server_error, Internal error, SAGE_UNAVAILABLE",
    "temporarily_unavailable, try later, SAGE_UNAVAILABLE",
    "invalid_scope, Region mismatch, SAGE_REFUSED",
    "unauthorized_client, , SAGE_REFUSED"
  })
  void sagesErrorsAreMapped(String error, String description, Problem problem) {
    Redirect r = start(TENANT);

    Outcome outcome =
        service.callback(new Callback(null, state(r), null, error, description), r.browserNonce());

    assertFailed(outcome, problem);
    if (problem != Problem.ACCESS_DENIED) {
      assertThat(((Failed) outcome).message()).contains(error);
      if (description != null) {
        assertThat(((Failed) outcome).message()).contains(description);
      }
    }
    assertThat(authorization.exchanges).isEmpty();
  }

  @Test
  void sagesErrorTextIsClippedAndFreeOfControlCharacters() {
    Redirect r = start(TENANT);

    Failed f =
        (Failed)
            service.callback(
                new Callback(
                    null, state(r), null, "invalid_request", "line1\r\nline2" + "x".repeat(1000)),
                r.browserNonce());

    assertThat(f.problem()).isEqualTo(Problem.SAGE_REFUSED);
    assertThat(f.message()).doesNotContain("\r").doesNotContain("\n").contains("line1  line2");
    assertThat(f.message().length()).isLessThan(700);
  }

  @Test
  void aForgedStateIsRefusedBeforeSagesErrorIsLookedAt() {
    assertFailed(
        service.callback(new Callback(null, "forged", null, "access_denied", null), "nonce"),
        Problem.INVALID_LINK);
  }

  @Test
  void aCallbackWithoutCodeOrErrorIsARefusal() {
    Redirect r = start(TENANT);

    assertFailed(callback(r, "  "), Problem.SAGE_REFUSED);
    assertThat(authorization.exchanges).isEmpty();
  }

  @Test
  void aCodeSageRefusesOrCannotExchangeLeavesTheBindingPending() {
    authorization.exchangeFailures.add(
        new PermanentGatewayException(
            "sage", "exchange_code", 400, null, ErrorClass.AUTH, "invalid_grant", null, null));
    authorization.exchangeFailures.add(
        new TransientGatewayException(
            "sage", "exchange_code", 503, null, ErrorClass.PROVIDER, "down", null, null));

    assertFailed(callback(start(TENANT), "bad"), Problem.SAGE_REFUSED);
    assertFailed(callback(start(TENANT), "later"), Problem.SAGE_UNAVAILABLE);

    assertThat(binding().status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(policies.current(TENANT)).isEmpty();
  }

  @Test
  void whenTheBusinessesCannotBeListedTheNewTokenIsRevoked() {
    authorization.businessFailures.add(
        new TransientGatewayException(
            "sage", "businesses", 502, null, ErrorClass.PROVIDER, "bad gateway", null, null));

    assertFailed(callback(start(TENANT), "code-1"), Problem.SAGE_UNAVAILABLE);

    assertThat(authorization.revokedTokens()).containsExactly("refresh-code-1");
    assertThat(authorization.revocations.get(0).client()).isEqualTo(SETTINGS.client());
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.PENDING_SAGE);
  }

  @Test
  void aUserWithoutBusinessIsToldSoAndTheTokenRevoked() {
    authorization.businesses = List.of();
    authorization.revokeFailures.add(new IllegalArgumentException("revoke URL unusable"));

    Outcome outcome = callback(start(TENANT), "code-1");

    assertFailed(outcome, Problem.NO_BUSINESS);
    assertThat(authorization.revokedTokens()).containsExactly("refresh-code-1");
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(binding().hasSageBusiness()).isFalse();
  }

  @Test
  void aCallbackForAStoreDisconnectedMeanwhileIsRefusedBeforeTheCodeIsExchanged() {
    Redirect r = start(TENANT);
    bindings.changeStatus(TENANT, BindingStatus.DISCONNECTED);

    assertFailed(callback(r, "code-1"), Problem.STORE_NOT_PAIRED);
    assertThat(authorization.exchanges).isEmpty();
  }

  // ---- several businesses ----

  @Test
  void severalBusinessesAreOfferedAndTheChosenOneIsConnected() {
    authorization.businesses = List.of(SHOP, OTHER);

    Outcome offered = callback(start(TENANT), "code-1");

    assertThat(offered).isInstanceOf(ChooseBusiness.class);
    ChooseBusiness choice = (ChooseBusiness) offered;
    assertThat(choice.tenantId()).isEqualTo(TENANT);
    assertThat(choice.businesses()).containsExactly(SHOP, OTHER);
    // nothing syncs before the choice: the binding has no business yet
    assertThat(binding().status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(binding().hasSageBusiness()).isFalse();
    assertThat(vault.tokens(TENANT)).contains(FakeSageAuthorization.tokensFor("code-1"));

    Outcome chosen = service.choose(choice.selectionToken(), OTHER.id());

    assertThat(chosen).isInstanceOf(Connected.class);
    assertThat(((Connected) chosen).businessId()).isEqualTo(OTHER.id());
    assertThat(binding().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(binding().sageBusinessId()).isEqualTo(OTHER.id());
    assertThat(bindings.secrets(TENANT).orElseThrow().sageClientId()).isEqualTo("client-id");
    assertThat(vault.tokens(TENANT)).contains(FakeSageAuthorization.tokensFor("code-1"));
    assertThat(authorization.exchanges).hasSize(1);
    assertThat(authorization.revocations).isEmpty();
    assertThat(policies.current(TENANT)).isPresent();
  }

  @Test
  void aChoiceIsMadeOnceAndOnlyAmongTheBusinessesOffered() {
    authorization.businesses = List.of(SHOP, OTHER);
    ChooseBusiness choice = (ChooseBusiness) callback(start(TENANT), "code-1");

    assertFailed(service.choose(choice.selectionToken(), "c".repeat(32)), Problem.INVALID_LINK);
    assertFailed(service.choose(choice.selectionToken(), null), Problem.INVALID_LINK);
    assertFailed(service.choose(choice.selectionToken() + "x", SHOP.id()), Problem.INVALID_LINK);
    assertFailed(service.choose(null, SHOP.id()), Problem.INVALID_LINK);
    assertThat(binding().hasSageBusiness()).isFalse();

    assertThat(service.choose(choice.selectionToken(), SHOP.id())).isInstanceOf(Connected.class);
    Outcome again = service.choose(choice.selectionToken(), OTHER.id());
    assertFailed(again, Problem.INVALID_LINK);
    assertThat(((Failed) again).message()).contains("already made");
    assertThat(binding().sageBusinessId()).isEqualTo(SHOP.id());
  }

  @Test
  void aChoiceExpiresAfterFifteenMinutes() {
    authorization.businesses = List.of(SHOP, OTHER);
    ChooseBusiness choice = (ChooseBusiness) callback(start(TENANT), "code-1");
    clock.advance(Duration.ofMinutes(15));

    assertFailed(service.choose(choice.selectionToken(), SHOP.id()), Problem.INVALID_LINK);
    assertThat(binding().hasSageBusiness()).isFalse();
  }

  @Test
  void aChoiceAfterADisconnectForgotTheTokensIsNoLongerOpen() {
    authorization.businesses = List.of(SHOP, OTHER);
    ChooseBusiness choice = (ChooseBusiness) callback(start(TENANT), "code-1");
    vault.clear(TENANT);

    assertFailed(service.choose(choice.selectionToken(), SHOP.id()), Problem.INVALID_LINK);
    assertThat(binding().hasSageBusiness()).isFalse();
  }

  // ---- reconnecting ----

  @Test
  void aRevokedBindingReconnectsToItsBusinessAndTheOldTokenIsRevoked() {
    connectedBefore(BindingStatus.TOKEN_REVOKED);
    authorization.businesses = List.of(OTHER, SHOP);
    sage.referenceData = referenceData("GB", "GBP");

    Outcome outcome = callback(start(TENANT), "code-1");

    assertThat(outcome).isEqualTo(new Connected(TENANT, SHOP.id(), "Shop Ltd", List.of()));
    Binding b = binding();
    assertThat(b.status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(b.sageBusinessId()).isEqualTo(SHOP.id());
    // the business's country and currency are the binding's, whatever the reference data says
    assertThat(b.businessCountry()).isEqualTo("IE");
    assertThat(b.baseCurrency()).isEqualTo("EUR");
    assertThat(vault.tokens(TENANT)).contains(FakeSageAuthorization.tokensFor("code-1"));
    assertThat(bindings.secrets(TENANT).orElseThrow())
        .isEqualTo(new BindingSecrets("store-key", "client-id", "client-secret"));
    // the old token is revoked with the client it was issued to, at the binding's Sage
    assertThat(authorization.revocations)
        .containsExactly(
            new FakeSageAuthorization.Revocation(
                new SageClient(
                    "old-client", "old-secret", SAGE_TOKEN, "https://sage.test/oauth/revoke"),
                "old-refresh"));
  }

  @Test
  void aUserWhoCannotReachTheBindingsBusinessCannotReconnectIt() {
    connectedBefore(BindingStatus.TOKEN_REVOKED);
    authorization.businesses = List.of(OTHER);

    Outcome outcome = callback(start(TENANT), "code-1");

    assertFailed(outcome, Problem.OTHER_BUSINESS);
    assertThat(((Failed) outcome).message()).contains(SHOP.id());
    assertThat(authorization.revokedTokens()).containsExactly("refresh-code-1");
    assertThat(binding().status()).isEqualTo(BindingStatus.TOKEN_REVOKED);
    assertThat(binding().sageBusinessId()).isEqualTo(SHOP.id());
    assertThat(vault.tokens(TENANT)).contains(new SageTokens("old-refresh", "old-access", null));
  }

  @Test
  void aPausedBindingStaysPausedWhenReconnected() {
    connectedBefore(BindingStatus.PAUSED);

    assertThat(callback(start(TENANT), "code-1")).isInstanceOf(Connected.class);

    assertThat(binding().status()).isEqualTo(BindingStatus.PAUSED);
  }

  @Test
  void aReconnectUsesTheCachedReferenceDataWhenSageCannotSendItNow() {
    connectedBefore(BindingStatus.TOKEN_REVOKED);
    reference.store(TENANT, referenceData("IE", "EUR"));
    sage.referenceFailures.add(
        new TransientGatewayException(
            "sage", "reference", 503, null, ErrorClass.PROVIDER, "maintenance", null, null));

    Outcome outcome = callback(start(TENANT), "code-1");

    assertThat(outcome).isInstanceOf(Connected.class);
    assertThat(((Connected) outcome).warnings())
        .anySatisfy(w -> assertThat(w).contains("reference data").contains("maintenance"));
    assertThat(binding().status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void aFirstConnectionIsNotActiveWithoutReferenceData() {
    sage.referenceFailures.add(
        new TransientGatewayException(
            "sage", "reference", 503, null, ErrorClass.PROVIDER, "maintenance", null, null));

    Outcome outcome = callback(start(TENANT), "code-1");

    assertFailed(outcome, Problem.SAGE_UNAVAILABLE);
    assertThat(((Failed) outcome).message()).contains("not active yet");
    assertThat(binding().status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(binding().hasSageBusiness()).isFalse();
    assertThat(policies.current(TENANT)).isEmpty();
  }

  // ---- starting policy and country ----

  @Test
  void anExistingPolicyIsKeptAndCheckedAgainstTheReferenceData() {
    SyncPolicy own = SyncPolicy.defaults("L9999");
    policies.save(TENANT, own);

    Connected c = (Connected) callback(start(TENANT), "code-1");

    assertThat(policies.current(TENANT).orElseThrow().version()).isEqualTo(1);
    assertThat(policies.current(TENANT).orElseThrow().policy()).isEqualTo(own);
    assertThat(c.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w).startsWith("policy ").contains("L9999"));
  }

  @Test
  void aBusinessWithoutSalesLedgerGetsNoPolicyAndAWarning() {
    sage.referenceData =
        new ReferenceData(
            "GBP", "GB", List.of(), List.of(), List.of(), List.of("GBP"), clock.instant());

    Connected c = (Connected) callback(start(TENANT), "code-1");

    assertThat(policies.current(TENANT)).isEmpty();
    assertThat(c.warnings()).singleElement().satisfies(w -> assertThat(w).contains("sales"));
    assertThat(binding().status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void withoutTheBusinesssCountryTheCallbacksCountryOrGbIsAssumed() {
    sage.referenceData = referenceData(null, "EUR");
    Redirect r = start(TENANT);

    Connected c =
        (Connected)
            service.callback(new Callback("code-1", state(r), "ie", null, null), r.browserNonce());

    assertThat(binding().businessCountry()).isEqualTo("IE");
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("assumed IE"));

    bindings.add(
        Binding.paired("t-2", "https://two.example", SAGE_API, SAGE_TOKEN, clock.instant()),
        BindingSecrets.storeOnly("k2"));
    Connected second = (Connected) callback(start("t-2"), "code-2");
    assertThat(bindings.find("t-2").orElseThrow().businessCountry()).isEqualTo("GB");
    assertThat(second.warnings()).anySatisfy(w -> assertThat(w).contains("assumed GB"));
  }

  // ---- headless ----

  @Test
  void anOperatorCodeConnectsTheBusinessNamed() {
    authorization.businesses = List.of(SHOP, OTHER);

    Outcome outcome = service.connectWithCode(TENANT, " code-1 ", OTHER.id());

    assertThat(outcome).isEqualTo(new Connected(TENANT, OTHER.id(), "Other Ltd", List.of()));
    assertThat(authorization.exchanges.get(0).code()).isEqualTo("code-1");
    assertThat(binding().sageBusinessId()).isEqualTo(OTHER.id());
  }

  @Test
  void anOperatorCodeNamingABusinessTheUserCannotReachIsRefused() {
    authorization.businesses = List.of(SHOP);

    Outcome outcome = service.connectWithCode(TENANT, "code-1", OTHER.id());

    assertFailed(outcome, Problem.OTHER_BUSINESS);
    assertThat(authorization.revokedTokens()).containsExactly("refresh-code-1");
    assertThat(binding().hasSageBusiness()).isFalse();
  }

  @Test
  void anOperatorCodeIsRequiredAndTheTenantKnown() {
    assertFailed(service.connectWithCode(TENANT, " ", null), Problem.SAGE_REFUSED);
    assertFailed(service.connectWithCode(TENANT, null, null), Problem.SAGE_REFUSED);
    assertFailed(service.connectWithCode("nobody", "code", null), Problem.UNKNOWN_BINDING);
    assertThat(authorization.exchanges).isEmpty();
  }

  @Test
  void withoutOAuthSettingsEveryStepSaysNotConfigured() {
    Redirect r = start(TENANT);
    ConnectSageService unconfigured =
        service(new ConnectSettings(null, "c", "s", AUTHORIZE, SAGE_TOKEN, null, SAGE_API));

    assertFailed(unconfigured.start(TENANT, "ticket"), Problem.NOT_CONFIGURED);
    assertFailed(
        unconfigured.callback(new Callback("c", state(r), null, null, null), r.browserNonce()),
        Problem.NOT_CONFIGURED);
    assertFailed(unconfigured.choose("token", SHOP.id()), Problem.NOT_CONFIGURED);
    assertFailed(unconfigured.connectWithCode(TENANT, "code", null), Problem.NOT_CONFIGURED);
    assertThat(authorization.exchanges).isEmpty();
    assertThat(replay.size()).isZero();
  }
}
