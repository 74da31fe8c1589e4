package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConnectSageUseCase.ChooseBusiness;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Connected;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Failed;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Problem;
import io.ledgerbridge.ports.in.ConnectSageUseCase.Redirect;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.PairCommand;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Paired;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Reason;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Refused;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.StoreUnavailable;
import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The connect routes over real HTTP with scripted use cases. */
class ConnectHandlerTest extends HttpInHarness {
  private static final String TOKEN = "s3cret-admin-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLEAR_COOKIE =
      "lb_sage_oauth=; Path=/oauth/sage; Max-Age=0; HttpOnly; SameSite=Lax";

  private final FakeConnectStoreUseCase store = new FakeConnectStoreUseCase();
  private final FakeConnectSageUseCase sage = new FakeConnectSageUseCase();
  private String adminToken = TOKEN;
  private boolean withUseCases = true;
  private String publicUrl;

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    builder.adminToken(adminToken).publicUrl(publicUrl);
    return withUseCases ? builder.connectStore(store).connectSage(sage) : builder;
  }

  private HttpResponse<String> connect(String authorization, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/v1/magento/connect"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private HttpResponse<String> connect(String body) throws Exception {
    return connect("Bearer " + TOKEN, body);
  }

  private HttpResponse<String> getWithCookie(String pathAndQuery, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b.build());
  }

  private HttpResponse<String> select(String form) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/oauth/sage/select"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static Optional<String> setCookie(HttpResponse<String> response) {
    return response.headers().firstValue("Set-Cookie");
  }

  // ---- POST /v1/magento/connect ----

  @Test
  void pairingWithoutTheAdminTokenIs401AndPairsNothing() throws Exception {
    String body = "{\"magento_base_url\":\"https://shop.example\",\"pairing_code\":\"C\"}";

    HttpResponse<String> none = connect(null, body);
    HttpResponse<String> wrong = connect("Bearer not-the-token", body);
    HttpResponse<String> basic = connect("Basic " + TOKEN, body);

    for (HttpResponse<String> r : List.of(none, wrong, basic)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
    }
    assertThat(store.commands).isEmpty();
  }

  @Test
  void pairingIsDisabledWithoutAnAdminToken() throws Exception {
    adminToken = null;
    restartWith(config());

    HttpResponse<String> r = connect("Bearer " + TOKEN, "{}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("admin_api_disabled");
    assertThat(store.commands).isEmpty();
  }

  @Test
  void pairingWithoutTheUseCaseIsNotConfigured() throws Exception {
    withUseCases = false;
    restartWith(config());

    HttpResponse<String> r = connect("{\"magento_base_url\":\"https://shop.example\"}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("not_configured");
  }

  @Test
  void pairingIsAPost() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/v1/magento/connect"))
                .header("Authorization", "Bearer " + TOKEN)
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
    assertThat(store.commands).isEmpty();
  }

  @Test
  void aBodyThatIsNotAJsonObjectIs400() throws Exception {
    for (String body : new String[] {"", "not json", "[1,2]", "\"text\"", "null"}) {
      HttpResponse<String> r = connect(body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("invalid_request");
    }
    assertThat(store.commands).isEmpty();
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    HttpResponse<String> r =
        connect("{\"pairing_code\":\"" + "x".repeat(ConnectHandler.MAX_BODY) + "\"}");

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(store.commands).isEmpty();
  }

  @Test
  void theFieldsArePassedOnAndOnlyTextCounts() throws Exception {
    connect(
        "{\"magento_base_url\":\"https://shop.example\",\"pairing_code\":\"PAIR-1\","
            + "\"tenant_id\":\"t-9\",\"extra\":1}");
    connect("{\"magento_base_url\":42,\"pairing_code\":[\"x\"],\"tenant_id\":null}");

    assertThat(store.commands)
        .containsExactly(
            new PairCommand("https://shop.example", "PAIR-1", "t-9"),
            new PairCommand(null, null, null));
  }

  @Test
  void aPairedStoreGetsItsTenantStatusAndALinkToConnectSage() throws Exception {
    store.answer = new Paired("t-new", BindingStatus.PENDING_SAGE, false);

    HttpResponse<String> r = connect("{\"magento_base_url\":\"https://shop.example\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("tenant_id").asText()).isEqualTo("t-new");
    assertThat(body.get("status").asText()).isEqualTo("pending_sage");
    assertThat(body.get("repaired").asBoolean()).isFalse();
    assertThat(body.get("sage_connect_url").asText())
        .isEqualTo("https://ledger.example/oauth/sage/start?tenant=t-new&ticket=tk");
    assertThat(sage.links).containsExactly("t-new");
  }

  @Test
  void aRepairedStoreWithoutSageOAuthGetsNoLink() throws Exception {
    store.answer = new Paired("t-old", BindingStatus.ACTIVE, true);
    sage.configured = false;

    JsonNode body = json(connect("{}"));

    assertThat(body.get("status").asText()).isEqualTo("active");
    assertThat(body.get("repaired").asBoolean()).isTrue();
    assertThat(body.get("sage_connect_url").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INVALID_INPUT, 400, invalid_input",
    "NOT_CONFIGURED, 503, not_configured",
    "STORE_REJECTED_REQUEST, 422, store_rejected_request",
    "INVALID_PAIRING_CODE, 422, invalid_pairing_code",
    "NOT_A_PAIRABLE_STORE, 422, not_a_pairable_store"
  })
  void everyRefusalHasItsStatusAndCode(Reason reason, int status, String code) throws Exception {
    store.answer = new Refused(reason, "because <reasons>");

    HttpResponse<String> r = connect("{}");

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(json(r).get("error").asText()).isEqualTo(code);
    assertThat(json(r).get("message").asText()).isEqualTo("because <reasons>");
    assertThat(sage.links).isEmpty();
  }

  @Test
  void anUnreachableStoreIs502() throws Exception {
    store.answer = new StoreUnavailable("the store could not be reached");

    HttpResponse<String> r = connect("{}");

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).get("error").asText()).isEqualTo("store_unavailable");
    assertThat(json(r).get("message").asText()).isEqualTo("the store could not be reached");
  }

  // ---- GET /oauth/sage/start ----

  @Test
  void theStartSetsTheBrowserBindingCookieAndRedirectsToSage() throws Exception {
    sage.startResult = new Redirect("https://sage.test/authorize?state=abc&x=1", "nonce-123", 900);

    HttpResponse<String> r = getWithCookie("/oauth/sage/start?tenant=t-1&ticket=a%2Bb.c", null);

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .contains("https://sage.test/authorize?state=abc&x=1");
    assertThat(r.headers().allValues("Set-Cookie"))
        .containsExactly(
            "lb_sage_oauth=nonce-123; Path=/oauth/sage; Max-Age=900; HttpOnly; SameSite=Lax");
    assertThat(sage.starts).containsExactly(new FakeConnectSageUseCase.Start("t-1", "a+b.c"));
  }

  @Test
  void theCookiePathFollowsAPathPrefixOfThePublicUrl() throws Exception {
    publicUrl = "http://proxy.example/ledger/";
    restartWith(config());
    sage.startResult = new Redirect("https://sage.test/authorize", "n", 600);

    HttpResponse<String> r = getWithCookie("/oauth/sage/start?tenant=t-1&ticket=x", null);

    assertThat(setCookie(r))
        .contains("lb_sage_oauth=n; Path=/ledger/oauth/sage; Max-Age=600; HttpOnly; SameSite=Lax");
  }

  @Test
  void theCookieIsSecureWhenThePublicUrlIsHttps() throws Exception {
    publicUrl = "https://ledger.example";
    restartWith(config());
    sage.startResult = new Redirect("https://sage.test/authorize", "n", 600);

    HttpResponse<String> r = getWithCookie("/oauth/sage/start?tenant=t-1&ticket=x", null);

    assertThat(setCookie(r))
        .contains("lb_sage_oauth=n; Path=/oauth/sage; Max-Age=600; HttpOnly; SameSite=Lax; Secure");
  }

  @Test
  void aRefusedStartIsAPageWithoutCookie() throws Exception {
    sage.startResult = new Failed(Problem.INVALID_LINK, "This link has <expired>.");

    HttpResponse<String> r = getWithCookie("/oauth/sage/start", null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body())
        .contains("This link cannot be used")
        .contains("This link has &lt;expired&gt;.")
        .doesNotContain("<expired>");
    assertThat(setCookie(r)).isEmpty();
    assertThat(sage.starts).containsExactly(new FakeConnectSageUseCase.Start(null, null));
  }

  @Test
  void theOAuthPagesAreGetsExceptTheChoice() throws Exception {
    HttpResponse<String> postStart =
        send(
            HttpRequest.newBuilder(uri("/oauth/sage/start?tenant=t"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    HttpResponse<String> postCallback =
        send(
            HttpRequest.newBuilder(uri("/oauth/sage/callback"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    HttpResponse<String> getSelect = getWithCookie("/oauth/sage/select", null);

    assertThat(postStart.statusCode()).isEqualTo(405);
    assertThat(postCallback.statusCode()).isEqualTo(405);
    assertThat(getSelect.statusCode()).isEqualTo(405);
    assertThat(sage.starts).isEmpty();
    assertThat(sage.callbacks).isEmpty();
    assertThat(sage.choices).isEmpty();
  }

  @Test
  void withoutSageOAuthThePagesSaySoWithoutACookie() throws Exception {
    withUseCases = false;
    restartWith(config());

    HttpResponse<String> start = getWithCookie("/oauth/sage/start?tenant=t&ticket=x", null);
    HttpResponse<String> callback = getWithCookie("/oauth/sage/callback?code=c&state=s", null);
    HttpResponse<String> choice = select("selection=s&business_id=b");

    for (HttpResponse<String> r : List.of(start, callback, choice)) {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("Not configured");
      assertThat(setCookie(r)).isEmpty();
    }
  }

  // ---- GET /oauth/sage/callback ----

  @Test
  void theCallbackPassesSagesParametersAndTheCookieAndClearsItWhenConnected() throws Exception {
    sage.outcome =
        new Connected("t-1", "biz-1", "Shop <Ltd>", List.of("policy default_tax_rate_id: <x>"));

    HttpResponse<String> r =
        getWithCookie(
            "/oauth/sage/callback?code=c%2F1&state=s.t.a&country=GB&error=e&error_description=d+d",
            "other=1; lb_sage_oauth=nonce-123; third=3");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(sage.callbacks)
        .containsExactly(
            new FakeConnectSageUseCase.CallbackCall(
                new ConnectSageUseCase.Callback("c/1", "s.t.a", "GB", "e", "d d"), "nonce-123"));
    assertThat(r.body())
        .contains("Connected to Sage")
        .contains("Shop &lt;Ltd&gt;")
        .contains("policy default_tax_rate_id: &lt;x&gt;")
        .doesNotContain("<Ltd>");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly(CLEAR_COOKIE);
  }

  @Test
  void theCookieIsReadQuotedOrAfterACommaAndIsNullWhenAbsent() throws Exception {
    getWithCookie("/oauth/sage/callback?state=s", "lb_sage_oauth=\"quoted\"");
    getWithCookie("/oauth/sage/callback?state=s", "$Version=1, lb_sage_oauth=rfc2965");
    getWithCookie("/oauth/sage/callback?state=s", "xlb_sage_oauth=not-it");
    getWithCookie("/oauth/sage/callback?state=s", null);

    assertThat(sage.callbacks)
        .extracting(FakeConnectSageUseCase.CallbackCall::browserNonce)
        .containsExactly("quoted", "rfc2965", null, null);
  }

  @Test
  void aRefusedLinkKeepsTheCookieForTheGenuineCallback() throws Exception {
    sage.outcome = new Failed(Problem.INVALID_LINK, "This Sage sign-in cannot be accepted.");

    HttpResponse<String> r =
        getWithCookie("/oauth/sage/callback?code=c&state=forged", "lb_sage_oauth=nonce-123");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("This Sage sign-in cannot be accepted.");
    assertThat(setCookie(r)).isEmpty();
  }

  @Test
  void anAcceptedStateThatEndedInAFailureClearsTheCookie() throws Exception {
    sage.outcome = new Failed(Problem.ACCESS_DENIED, "Access to Sage was declined.");

    HttpResponse<String> r =
        getWithCookie("/oauth/sage/callback?error=access_denied&state=s", "lb_sage_oauth=n");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Access to Sage was declined");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly(CLEAR_COOKIE);
  }

  @Test
  void severalBusinessesGiveAFormToChooseOneWithTheSelectionToken() throws Exception {
    sage.outcome =
        new ChooseBusiness(
            "t-1",
            "sel.token\"<",
            List.of(new SageBusiness("id-a", "Shop A"), new SageBusiness("id-b", "<Shop B>")));

    HttpResponse<String> r =
        getWithCookie("/oauth/sage/callback?code=c&state=s", "lb_sage_oauth=n");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<form method=\"post\" action=\"/oauth/sage/select\">")
        .contains("<input type=\"hidden\" name=\"selection\" value=\"sel.token&quot;&lt;\">")
        .contains("name=\"business_id\" value=\"id-a\" checked>")
        .contains("name=\"business_id\" value=\"id-b\">")
        .contains("&lt;Shop B&gt;");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly(CLEAR_COOKIE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "NOT_CONFIGURED, 503",
    "UNKNOWN_BINDING, 404",
    "STORE_NOT_PAIRED, 409",
    "INVALID_LINK, 400",
    "ACCESS_DENIED, 403",
    "SAGE_REFUSED, 400",
    "SAGE_UNAVAILABLE, 502",
    "NO_BUSINESS, 409",
    "OTHER_BUSINESS, 409"
  })
  void everyProblemIsAPageWithItsStatus(Problem problem, int status) throws Exception {
    sage.outcome = new Failed(problem, "what happened");

    HttpResponse<String> r = getWithCookie("/oauth/sage/callback?state=s", "lb_sage_oauth=n");

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body()).contains("<h1>").contains("what happened").doesNotContain("Exception");
    assertThat(setCookie(r).isPresent()).isEqualTo(problem != Problem.INVALID_LINK);
  }

  // ---- POST /oauth/sage/select ----

  @Test
  void theChoiceIsPassedOnDecoded() throws Exception {
    sage.outcome = new Connected("t-1", "id-b", "Shop B", List.of());

    HttpResponse<String> r = select("selection=a%2Bb.c%3D&business_id=id-b&business_id=id-a");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Connected to Sage").contains("Shop B");
    assertThat(sage.choices).containsExactly(new FakeConnectSageUseCase.Choice("a+b.c=", "id-b"));
    assertThat(setCookie(r)).isEmpty();
  }

  @Test
  void anIncompleteOrMalformedChoiceReachesTheUseCaseAsNulls() throws Exception {
    sage.outcome = new Failed(Problem.INVALID_LINK, "This choice of business has expired.");

    HttpResponse<String> empty = select("");
    HttpResponse<String> malformed = select("selection=%zz&business_id=b");

    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(sage.choices)
        .containsExactly(
            new FakeConnectSageUseCase.Choice(null, null),
            new FakeConnectSageUseCase.Choice(null, null));
  }
}
