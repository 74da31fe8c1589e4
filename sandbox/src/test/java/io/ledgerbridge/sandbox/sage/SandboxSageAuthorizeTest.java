package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static io.ledgerbridge.sandbox.sage.SageOAuthHttp.CALLBACK;
import static io.ledgerbridge.sandbox.sage.SageOAuthHttp.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.sandbox.sage.SageOAuthHttp.Page;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorize page (SAGE.md §1.2): validation, decisions, the callback's exact query. */
class SandboxSageAuthorizeTest {

  private static final String CODE = "GB%2F[0-9a-f]{32}";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-24T10:00:00Z"));
  private SandboxSage sage;
  private SageOAuthHttp oauth;

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults().withClock(clock).withSeed(42));
    sage.registerClient(CLIENT_ID, CLIENT_SECRET, CALLBACK);
    oauth = new SageOAuthHttp(sage);
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> p = params("s1");
    if (value == null) {
      p.remove(key);
    } else {
      p.put(key, value);
    }
    return p;
  }

  @Test
  void servesTheDocumentedPathByDefault() {
    assertThat(sage.authorizeUrl()).isEqualTo(sage.baseUrl() + "/oauth2/auth/central");
    assertThat(sage.authorizeUrl(CLIENT_ID, CALLBACK, "full_access", "s1"))
        .isEqualTo(
            sage.authorizeUrl()
                + "?filter=apiv3.1&response_type=code&client_id=test-client&redirect_uri="
                + "https%3A%2F%2Fmerchant.example%2Fsage%2Fcallback&scope=full_access&state=s1");
  }

  @Test
  void allowRedirectsAtOnceWithCodeCountryAndState() {
    Page p = oauth.authorize(params("a/b c"));

    assertThat(p.status()).isEqualTo(302);
    assertThat(p.location())
        .matches(
            Pattern.quote(CALLBACK + "?code=") + CODE + Pattern.quote("&country=GB&state=a%2Fb+c"));
    assertThat(p.locationParams()).containsKeys("code", "country", "state").hasSize(3);
    assertThat(p.locationParams().get("state")).isEqualTo("a/b c");
    assertThat(sage.authorizationCodesIssued()).isEqualTo(1);
  }

  @Test
  void leavesStateOutWhenTheAppSentNone() {
    Page p = oauth.authorize(params(null));

    assertThat(p.location()).matches(Pattern.quote(CALLBACK + "?code=") + CODE + "&country=GB");
  }

  @Test
  void keepsTheQueryOfARegisteredCallback() {
    String callback = "https://merchant.example/cb?tenant=t1";
    sage.registerClient(CLIENT_ID, CLIENT_SECRET, callback);

    Page p = oauth.authorize(with("redirect_uri", callback));

    assertThat(p.location()).matches(Pattern.quote(callback + "&code=") + CODE + ".*");
  }

  @Test
  void denyRedirectsWithAccessDeniedAndTheState() {
    sage.setAuthorizeDecision(AuthorizeDecision.DENY);

    Page p = oauth.authorize(params("s1"));

    assertThat(p.status()).isEqualTo(302);
    assertThat(p.location())
        .isEqualTo(
            CALLBACK
                + "?error=access_denied&error_description=The+user+denied+access+to+the+app"
                + "&state=s1");
    assertThat(sage.authorizationCodesIssued()).isZero();
  }

  @Test
  void unknownClientIsAnEscapedErrorPageAndNeverARedirect() {
    Page p = oauth.authorize(with("client_id", "<script>x</script>"));

    assertThat(p.status()).isEqualTo(400);
    assertThat(p.location()).isNull();
    assertThat(p.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(p.body()).contains("Unknown client_id: &lt;script&gt;x&lt;/script&gt;");
    assertThat(p.body()).doesNotContain("<script>");
  }

  @Test
  void unregisteredCallbacksAreErrorPagesAndNeverRedirects() {
    for (String uri :
        new String[] {
          "https://evil.example/sage/callback",
          CALLBACK + "/more",
          CALLBACK + "?x=1",
          CALLBACK.toUpperCase(Locale.ROOT)
        }) {
      Page p = oauth.authorize(with("redirect_uri", uri));

      assertThat(p.status()).as(uri).isEqualTo(400);
      assertThat(p.location()).as(uri).isNull();
      assertThat(p.body()).contains("redirect_uri is not a callback URL registered for the app");
    }
  }

  @Test
  void clientWithoutCallbacksCannotAuthorize() {
    sage.registerClient("bare", "secret");

    Page p = oauth.authorize(with("client_id", "bare"));

    assertThat(p.status()).isEqualTo(400);
    assertThat(p.location()).isNull();
  }

  @Test
  void missingClientIdOrRedirectUriIsAnErrorPage() {
    Page noClient = oauth.authorize(with("client_id", null));
    Page noCallback = oauth.authorize(with("redirect_uri", null));

    assertThat(noClient.status()).isEqualTo(400);
    assertThat(noClient.location()).isNull();
    assertThat(noClient.body()).contains("client_id is missing or repeated.");
    assertThat(noCallback.status()).isEqualTo(400);
    assertThat(noCallback.location()).isNull();
    assertThat(noCallback.body()).contains("redirect_uri is missing or repeated.");
  }

  @Test
  void otherErrorsGoBackToTheCallback() {
    assertThat(oauth.authorize(with("response_type", null)).location())
        .isEqualTo(
            CALLBACK
                + "?error=invalid_request&error_description=response_type+is+required&state=s1");
    assertThat(oauth.authorize(with("response_type", "token")).location())
        .isEqualTo(
            CALLBACK
                + "?error=unsupported_response_type"
                + "&error_description=response_type+must+be+code&state=s1");
    assertThat(oauth.authorize(with("scope", "everything")).location())
        .isEqualTo(
            CALLBACK
                + "?error=invalid_scope"
                + "&error_description=scope+must+be+full_access+or+readonly&state=s1");
    assertThat(
            oauth
                .authorizeRaw(SageOAuthHttp.form(params("s1")) + "&scope=readonly")
                .locationParams())
        .containsEntry("error", "invalid_request")
        .containsEntry("error_description", "scope is repeated");
    assertThat(sage.authorizationCodesIssued()).isZero();
  }

  @Test
  void countryPicksTheRegionAndPrefixesTheCode() {
    Page ireland = oauth.authorize(with("country", "ie"));
    assertThat(ireland.locationParams().get("code")).matches("IE/[0-9a-f]{32}");
    assertThat(ireland.locationParams()).containsEntry("country", "IE");

    Page us = oauth.authorize(with("country", "us"));
    assertThat(us.locationParams())
        .containsEntry("error", "access_denied")
        .containsEntry("error_description", "The user has no business in the NA region");

    sage.addBusiness("0d40342d0287cd6b13555c54afca6c90", "CA", "CAD");
    assertThat(oauth.authorize(with("country", "us")).locationParams().get("code"))
        .startsWith("US/");
    assertThat(oauth.authorize(with("country", "xx")).locationParams())
        .containsEntry("error", "invalid_request");
  }

  @Test
  void pkceChallengeIsChecked() {
    assertThat(oauth.authorize(with("code_challenge", "short")).locationParams())
        .containsEntry("error", "invalid_request");
    Map<String, String> md5 = with("code_challenge", "a".repeat(43));
    md5.put("code_challenge_method", "MD5");
    assertThat(oauth.authorize(md5).locationParams()).containsEntry("error", "invalid_request");
    assertThat(oauth.authorize(with("code_challenge_method", "S256")).locationParams())
        .containsEntry("error", "invalid_request");
  }

  @Test
  void askRendersAnEscapedConsentPageWhoseAllowRedirectsOnce() {
    String client = "shop&<co>";
    String callback = "https://merchant.example/cb?a=1&b=2";
    sage.registerClient(client, CLIENT_SECRET, callback);
    sage.setAuthorizeDecision(AuthorizeDecision.ASK);
    Map<String, String> params = with("redirect_uri", callback);
    params.put("client_id", client);

    Page page = oauth.authorize(params);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.body())
        .contains("<h1>Authorise shop&amp;&lt;co&gt;</h1>")
        .contains("https://merchant.example/cb?a=1&amp;b=2")
        .contains("Sandbox Business 1 (GB)")
        .contains("<form method=\"post\" action=\"/oauth2/auth/central\">")
        .contains("value=\"allow\">Allow</button>")
        .contains("value=\"deny\">Deny</button>")
        .doesNotContain("<co>");
    String consent = consentId(page.body());
    assertThat(sage.authorizationCodesIssued()).isZero();

    Page allowed = oauth.postConsent(consent, "allow");
    assertThat(allowed.status()).isEqualTo(302);
    assertThat(allowed.location())
        .matches(Pattern.quote(callback + "&code=") + CODE + "&country=GB&state=s1");

    Page again = oauth.postConsent(consent, "allow");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.location()).isNull();
    assertThat(sage.authorizationCodesIssued()).isEqualTo(1);
  }

  @Test
  void askThenDenyRedirectsWithAccessDenied() {
    sage.setAuthorizeDecision(AuthorizeDecision.ASK);
    String consent = consentId(oauth.authorize(params("s2")).body());

    Page denied = oauth.postConsent(consent, "deny");

    assertThat(denied.location())
        .isEqualTo(
            CALLBACK
                + "?error=access_denied&error_description=The+user+denied+access+to+the+app"
                + "&state=s2");
  }

  @Test
  void aConsentPageExpiresAfterTenMinutes() {
    sage.setAuthorizeDecision(AuthorizeDecision.ASK);
    String consent = consentId(oauth.authorize(params("s3")).body());
    clock.advance(Duration.ofMinutes(10));

    Page late = oauth.postConsent(consent, "allow");

    assertThat(late.status()).isEqualTo(400);
    assertThat(late.location()).isNull();
  }

  @Test
  void aPlainClientFollowingRedirectsCompletesTheFlow() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/callback",
        ex -> {
          received.set(ex.getRequestURI().getRawQuery());
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    app.start();
    try {
      String callback = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";
      sage.registerClient(CLIENT_ID, CLIENT_SECRET, callback);
      HttpClient browser =
          HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

      HttpResponse<Void> landed =
          browser.send(
              HttpRequest.newBuilder(
                      URI.create(sage.authorizeUrl(CLIENT_ID, callback, "full_access", "xyz")))
                  .build(),
              HttpResponse.BodyHandlers.discarding());

      assertThat(landed.statusCode()).isEqualTo(204);
      assertThat(received.get()).matches("code=" + CODE + "&country=GB&state=xyz");
      String code =
          URLDecoder.decode(received.get().split("&")[0].substring(5), StandardCharsets.UTF_8);
      Resp tokens = oauth.exchange(code, callback);
      assertThat(tokens.status()).isEqualTo(200);
      SageHttp api = new SageHttp(sage);
      api.accessToken = tokens.body().get("access_token").asText();
      assertThat(api.get("/businesses").status()).isEqualTo(200);
    } finally {
      app.stop(0);
    }
  }

  @Test
  void theAuthorizePathIsConfigurable() {
    try (SandboxSage other =
        SandboxSage.start(SandboxSageConfig.defaults().withAuthorizePath("/authorize"))) {
      other.registerClient(CLIENT_ID, CLIENT_SECRET, CALLBACK);
      SageOAuthHttp o = new SageOAuthHttp(other);

      assertThat(other.authorizeUrl()).isEqualTo(other.baseUrl() + "/authorize");
      assertThat(o.authorize(params("s1")).status()).isEqualTo(302);
      assertThat(
              o.send(
                      HttpRequest.newBuilder(
                              URI.create(other.baseUrl() + "/oauth2/auth/central?client_id=x"))
                          .build())
                  .status())
          .isEqualTo(404);
    }
  }

  private static String consentId(String html) {
    Matcher m = Pattern.compile("name=\"consent\" value=\"([0-9a-f]{64})\"").matcher(html);
    assertThat(m.find()).as("consent id in %s", html).isTrue();
    return m.group(1);
  }
}
