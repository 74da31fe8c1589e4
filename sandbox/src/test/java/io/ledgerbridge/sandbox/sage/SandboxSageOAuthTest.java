package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageOAuthTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-24T10:00:00Z"));
  private SandboxSage sage;
  private SageHttp http;

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults().withClock(clock).withSeed(42));
    sage.registerClient(CLIENT_ID, CLIENT_SECRET);
    http = new SageHttp(sage);
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private Map<String, String> refresh(String token) {
    return Map.of(
        "grant_type", "refresh_token",
        "client_id", CLIENT_ID,
        "client_secret", CLIENT_SECRET,
        "refresh_token", token);
  }

  @Test
  void refreshAnswersSageTokenShapeAndRotatesTheRefreshToken() {
    String first = sage.issueRefreshToken(CLIENT_ID);

    Resp r = http.token(refresh(first));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("scope").asText()).isEqualTo("full_access");
    assertThat(r.body().get("token_type").asText()).isEqualTo("bearer");
    assertThat(r.body().get("expires_in").asInt()).isEqualTo(300);
    assertThat(r.body().get("refresh_token_expires_in").asInt()).isEqualTo(2_678_400);
    assertThat(r.body().get("requested_by_id").asText()).isNotBlank();
    assertThat(r.body().get("access_token").asText()).isNotBlank();
    String second = r.body().get("refresh_token").asText();
    assertThat(second).isNotEqualTo(first);

    Resp again = http.token(refresh(second));
    assertThat(again.status()).isEqualTo(200);
  }

  @Test
  void reusingARotatedRefreshTokenIsInvalidGrant() {
    String first = sage.issueRefreshToken(CLIENT_ID);
    assertThat(http.token(refresh(first)).status()).isEqualTo(200);

    Resp reuse = http.token(refresh(first));

    assertThat(reuse.status()).isEqualTo(400);
    assertThat(reuse.body().get("error").asText()).isEqualTo("invalid_grant");
    assertThat(reuse.body().get("error_description").asText()).isNotBlank();
  }

  @Test
  void wrongClientSecretIsInvalidClient() {
    Resp r =
        http.token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                CLIENT_ID,
                "client_secret",
                "nope",
                "refresh_token",
                sage.issueRefreshToken(CLIENT_ID)));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void clientCredentialsGrantIsUnsupported() {
    Resp r =
        http.token(
            Map.of(
                "grant_type", "client_credentials",
                "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void refreshTokenExpiresAfter31Days() {
    String token = sage.issueRefreshToken(CLIENT_ID);
    clock.advance(Duration.ofSeconds(2_678_400));

    Resp r = http.token(refresh(token));

    assertThat(r.body().get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void apiCallWithoutBearerIsUnauthorisedWithEnvelope() {
    Resp r = http.get("/contacts");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body().isArray()).isTrue();
    assertThat(r.body().get(0).get("$severity").asText()).isEqualTo("error");
    assertThat(r.body().get(0).get("$dataCode").asText()).isEqualTo("AuthorizationFailure");
    assertThat(r.body().get(0).has("$message")).isTrue();
    assertThat(r.body().get(0).get("$source").asText()).isEmpty();
  }

  @Test
  void accessTokenStopsWorkingAfter300Seconds() {
    http.authorised();
    assertThat(http.get("/contacts").status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(299));
    assertThat(http.get("/contacts").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get("/contacts").status()).isEqualTo(401);
  }

  @Test
  void echoesTheSelectedBusinessAndAddsARequestId() {
    http.authorised();

    Resp lead = http.get("/financial_settings");
    assertThat(lead.header("X-Business")).isEqualTo(sage.defaultBusinessId());
    assertThat(lead.header("X-Request-Id")).matches("[0-9a-f]{32}");

    String other = "0d40342d0287cd6b13555c54afca6c90";
    sage.addBusiness(other, "GB", "GBP");
    http.business = other;
    Resp selected = http.get("/financial_settings");
    assertThat(selected.header("X-Business")).isEqualTo(other);
    assertThat(selected.body().get("base_currency").get("id").asText()).isEqualTo("GBP");
  }

  @Test
  void unknownBusinessIsNotFound() {
    http.authorised();
    http.business = "ffffffffffffffffffffffffffffffff";

    Resp r = http.get("/contacts");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().get(0).get("$dataCode").asText()).isEqualTo("RecordNotFound");
  }

  @Test
  void listsBusinessesWithoutEchoingXBusiness() {
    http.authorised();

    Resp r = http.get("/businesses");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("$items_per_page").asLong()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.body().get("$items").get(0).get("id").asText())
        .isEqualTo(sage.defaultBusinessId());
    assertThat(r.header("X-Business")).isNull();
    assertThat(http.get("/businesses/lead").body().get("id").asText())
        .isEqualTo(sage.defaultBusinessId());
  }
}
