package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static io.ledgerbridge.sandbox.sage.SageOAuthHttp.CALLBACK;
import static io.ledgerbridge.sandbox.sage.SageOAuthHttp.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's {@code authorization_code} grant (SAGE.md §1.3), the tokens on the API
 * (§1.6), revocation (§1.5) and refresh-token expiry (§1.4) for tokens from the code flow.
 */
class SandboxSageCodeGrantTest {

  private static final String OTHER_CALLBACK = "https://merchant.example/other";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-24T10:00:00Z"));
  private SandboxSage sage;
  private SageOAuthHttp oauth;

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults().withClock(clock).withSeed(42));
    sage.registerClient(CLIENT_ID, CLIENT_SECRET, CALLBACK, OTHER_CALLBACK);
    oauth = new SageOAuthHttp(sage);
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private String code() {
    return oauth.code(params("s1"));
  }

  private static void assertOAuthError(Resp r, int status, String error) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body().get("error").asText()).isEqualTo(error);
    assertThat(r.body().get("error_description").asText()).isNotBlank();
    assertThat(r.body().size()).isEqualTo(2);
  }

  private Map<String, String> refresh(String token) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "refresh_token");
    f.put("client_id", CLIENT_ID);
    f.put("client_secret", CLIENT_SECRET);
    f.put("refresh_token", token);
    return f;
  }

  private Map<String, String> revoke(String token) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("client_id", CLIENT_ID);
    f.put("client_secret", CLIENT_SECRET);
    f.put("token", token);
    return f;
  }

  private SageHttp api(Resp tokens) {
    SageHttp http = new SageHttp(sage);
    http.accessToken = tokens.body().get("access_token").asText();
    return http;
  }

  @Test
  void exchangeAnswersExactlyTheDocumentedKeysAndValues() {
    Resp r = oauth.exchange(code(), CALLBACK);

    assertThat(r.status()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    r.body().fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "access_token",
            "scope",
            "token_type",
            "expires_in",
            "refresh_token",
            "refresh_token_expires_in",
            "requested_by_id");
    assertThat(r.body().get("scope").asText()).isEqualTo("full_access");
    assertThat(r.body().get("token_type").asText()).isEqualTo("bearer");
    assertThat(r.body().get("expires_in").isIntegralNumber()).isTrue();
    assertThat(r.body().get("expires_in").asInt()).isEqualTo(300);
    assertThat(r.body().get("refresh_token_expires_in").asInt()).isEqualTo(2_678_400);
    assertThat(r.body().get("requested_by_id").asText())
        .isEqualTo(sage.userId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(r.body().get("access_token").asText().length()).isLessThanOrEqualTo(2048);
    assertThat(r.body().get("refresh_token").asText()).isNotEqualTo(r.body().get("access_token"));
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(sage.authorizationCodesRedeemed()).isEqualTo(1);
  }

  @Test
  void aCodeIsSingleUseAndItsReplayRevokesTheTokensItGave() {
    String code = code();
    Resp first = oauth.exchange(code, CALLBACK);
    assertThat(first.status()).isEqualTo(200);

    Resp replay = oauth.exchange(code, CALLBACK);

    assertOAuthError(replay, 400, "invalid_grant");
    assertThat(replay.body().get("error_description").asText())
        .isEqualTo("The authorization code has already been used");
    assertOAuthError(
        oauth.token(refresh(first.body().get("refresh_token").asText()), null),
        400,
        "invalid_grant");
    assertThat(sage.revokedTokens()).isEqualTo(1);
    assertThat(sage.authorizationCodesRedeemed()).isEqualTo(1);
  }

  @Test
  void aCodeExpiresAfterSixtySecondsOnTheSandboxClock() {
    String inTime = code();
    String late = code();
    clock.advance(Duration.ofSeconds(59));
    assertThat(oauth.exchange(inTime, CALLBACK).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    Resp r = oauth.exchange(late, CALLBACK);

    assertOAuthError(r, 400, "invalid_grant");
    assertThat(r.body().get("error_description").asText())
        .isEqualTo("The authorization code has expired");
  }

  @Test
  void aDifferentRedirectUriIsInvalidGrantAndBurnsTheCode() {
    String code = code();

    Resp mismatch = oauth.exchange(code, OTHER_CALLBACK);

    assertOAuthError(mismatch, 400, "invalid_grant");
    assertThat(mismatch.body().get("error_description").asText())
        .isEqualTo("redirect_uri does not match the one of the authorization request");
    assertOAuthError(oauth.exchange(code, CALLBACK), 400, "invalid_grant");
    assertOAuthError(oauth.exchange(code(), CALLBACK + "?x=1"), 400, "invalid_grant");
  }

  @Test
  void unknownOrMissingCodeAndMissingRedirectUri() {
    assertOAuthError(oauth.exchange("GB/" + "0".repeat(32), CALLBACK), 400, "invalid_grant");
    Map<String, String> noCode = new LinkedHashMap<>();
    noCode.put("grant_type", "authorization_code");
    noCode.put("client_id", CLIENT_ID);
    noCode.put("client_secret", CLIENT_SECRET);
    noCode.put("redirect_uri", CALLBACK);
    assertOAuthError(oauth.token(noCode, null), 400, "invalid_request");
    Map<String, String> noRedirect = new LinkedHashMap<>(noCode);
    noRedirect.remove("redirect_uri");
    String code = code();
    noRedirect.put("code", code);
    assertOAuthError(oauth.token(noRedirect, null), 400, "invalid_request");
    assertThat(oauth.exchange(code, CALLBACK).status()).isEqualTo(200);
  }

  @Test
  void aCodeIsBoundToItsClient() {
    sage.registerClient("other-client", "other-secret", CALLBACK);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("client_id", "other-client");
    f.put("client_secret", "other-secret");
    f.put("code", code());
    f.put("redirect_uri", CALLBACK);

    assertOAuthError(oauth.token(f, null), 400, "invalid_grant");
  }

  @Test
  void clientAuthenticationFailures() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("client_id", CLIENT_ID);
    f.put("client_secret", "wrong");
    f.put("code", code());
    f.put("redirect_uri", CALLBACK);
    assertOAuthError(oauth.token(f, null), 400, "invalid_client");

    f.put("client_id", "nobody");
    assertOAuthError(oauth.token(f, null), 400, "invalid_client");

    f.put("client_id", CLIENT_ID);
    f.remove("client_secret");
    assertOAuthError(oauth.token(f, null), 400, "invalid_client");

    Resp basicWrong = oauth.token(f, SageOAuthHttp.basic(CLIENT_ID, "wrong"));
    assertOAuthError(basicWrong, 401, "invalid_client");
    assertThat(basicWrong.header("WWW-Authenticate")).startsWith("Basic");

    f.put("client_secret", CLIENT_SECRET);
    assertOAuthError(
        oauth.token(f, SageOAuthHttp.basic(CLIENT_ID, CLIENT_SECRET)), 400, "invalid_request");

    // none of the failures above consumed the code
    f.remove("client_secret");
    assertThat(oauth.token(f, SageOAuthHttp.basic(CLIENT_ID, CLIENT_SECRET)).status())
        .isEqualTo(200);
  }

  @Test
  void theTokenEndpointWantsAForm() {
    Resp r =
        oauth.send(
            HttpRequest.newBuilder(URI.create(sage.tokenUrl()))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\"}"))
                .build());

    assertOAuthError(r, 400, "invalid_request");
  }

  @Test
  void pkceVerifierMustMatchTheChallenge() {
    String verifier = "v".repeat(20) + "-._~" + "0123456789abcdefghijk";
    Map<String, String> p = params("s1");
    p.put("code_challenge", AuthorizationCodes.s256(verifier));
    p.put("code_challenge_method", "S256");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("client_id", CLIENT_ID);
    f.put("client_secret", CLIENT_SECRET);
    f.put("redirect_uri", CALLBACK);

    f.put("code", oauth.code(p));
    assertOAuthError(oauth.token(f, null), 400, "invalid_grant");

    f.put("code", oauth.code(p));
    f.put("code_verifier", "w".repeat(43));
    assertOAuthError(oauth.token(f, null), 400, "invalid_grant");

    f.put("code", oauth.code(p));
    f.put("code_verifier", verifier);
    assertThat(oauth.token(f, null).status()).isEqualTo(200);
  }

  @Test
  void theTokensReadTheUsersOneBusiness() {
    SageHttp http = api(oauth.exchange(code(), CALLBACK));

    Resp r = http.get("/businesses");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("$total").asInt()).isEqualTo(1);
    assertThat(r.body().get("$items_per_page").asLong()).isEqualTo(2147483647L);
    JsonNode item = r.body().get("$items").get(0);
    assertThat(item.get("id").asText()).isEqualTo(sage.defaultBusinessId());
    assertThat(item.get("$path").asText()).isEqualTo("/businesses/" + sage.defaultBusinessId());
    assertThat(item.get("displayed_as").asText()).isEqualTo("Sandbox Business 1");
    assertThat(http.get("/contacts").header("X-Business")).isEqualTo(sage.defaultBusinessId());
    assertThat(http.get("/user").body().get("id").asText()).isEqualTo(sage.userId());
  }

  @Test
  void theTokensListSeveralBusinessesInOrderAndXBusinessPicksOne() {
    String second = sage.addBusiness("0d40342d0287cd6b13555c54afca6c90", "GB", "GBP");
    String third = sage.addBusiness("ffeeddccbbaa99887766554433221100", "IE", "EUR");
    SageHttp http = api(oauth.exchange(code(), CALLBACK));

    Resp r = http.get("/businesses");

    assertThat(r.body().get("$total").asInt()).isEqualTo(3);
    List<String> ids = new ArrayList<>();
    r.body().get("$items").forEach(i -> ids.add(i.get("id").asText()));
    assertThat(ids).containsExactly(sage.defaultBusinessId(), second, third);
    http.business = third;
    Resp picked = http.get("/financial_settings");
    assertThat(picked.header("X-Business")).isEqualTo(third);
    assertThat(picked.body().get("base_currency").get("id").asText()).isEqualTo("EUR");
  }

  @Test
  void aReadOnlyGrantReadsButCannotWrite() {
    Map<String, String> p = params("s1");
    p.put("scope", "readonly");
    Resp tokens = oauth.exchange(oauth.code(p), CALLBACK);
    assertThat(tokens.body().get("scope").asText()).isEqualTo("readonly");
    SageHttp http = api(tokens);

    assertThat(http.get("/contacts").status()).isEqualTo(200);
    Resp write = http.post("/contacts", "{\"contact\":{}}");
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.body().get(0).get("$dataCode").asText()).isEqualTo("MultiUserAccessDenied");
    Resp refreshed = oauth.token(refresh(tokens.body().get("refresh_token").asText()), null);
    assertThat(refreshed.body().get("scope").asText()).isEqualTo("readonly");
  }

  @Test
  void revokeAnswersSuccessOkAndTheRevokedTokenIsThenInvalidGrant() {
    Resp tokens = oauth.exchange(code(), CALLBACK);
    String refreshToken = tokens.body().get("refresh_token").asText();

    Resp revoked = oauth.revoke(revoke(refreshToken));

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().toString()).isEqualTo("{\"success\":\"ok\"}");
    assertThat(sage.revokedTokens()).isEqualTo(1);
    assertOAuthError(oauth.token(refresh(refreshToken), null), 400, "invalid_grant");
    // access tokens cannot be revoked and live out their 300 s
    assertThat(api(tokens).get("/contacts").status()).isEqualTo(200);
  }

  @Test
  void revokeErrors() {
    Resp tokens = oauth.exchange(code(), CALLBACK);
    Map<String, String> badSecret = revoke(tokens.body().get("refresh_token").asText());
    badSecret.put("client_secret", "wrong");
    assertOAuthError(oauth.revoke(badSecret), 400, "invalid_client");
    assertOAuthError(
        oauth.revoke(revoke(tokens.body().get("access_token").asText())),
        400,
        "unsupported_token_type");
    Map<String, String> noToken = revoke("x");
    noToken.remove("token");
    assertOAuthError(oauth.revoke(noToken), 400, "invalid_request");
    assertThat(oauth.revoke(revoke("sbxrt.unknown")).body().toString())
        .isEqualTo("{\"success\":\"ok\"}");
    assertThat(sage.revokedTokens()).isZero();
    assertThat(oauth.token(refresh(tokens.body().get("refresh_token").asText()), null).status())
        .isEqualTo(200);
  }

  @Test
  void aRefreshTokenExpiresAfter31DaysUnused() {
    String first = oauth.exchange(code(), CALLBACK).body().get("refresh_token").asText();
    clock.advance(Duration.ofSeconds(2_678_399));
    Resp kept = oauth.token(refresh(first), null);
    assertThat(kept.status()).isEqualTo(200);
    String second = kept.body().get("refresh_token").asText();

    clock.advance(Duration.ofSeconds(2_678_400));
    Resp expired = oauth.token(refresh(second), null);

    assertOAuthError(expired, 400, "invalid_grant");
  }
}
