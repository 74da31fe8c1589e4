package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.CLIENT_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.CLIENT_SECRET;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static io.ledgerbridge.adapter.sage.SageFixtures.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SageAuthorizationClientTest {
  private final MockWebServer server = new MockWebServer();
  private SageAuthorization sage;
  private SageClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sage =
        SageAdapter.authorization(
            new MutableClock(NOW),
            new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
    client =
        new SageClient(
            CLIENT_ID,
            CLIENT_SECRET,
            server.url("/oauth/token").toString(),
            server.url("/oauth/revoke").toString());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void exchangesTheCodeWithClientCredentialsInTheFormBody() throws Exception {
    server.enqueue(tokenResponse("access-1", "refresh-1"));

    SageTokens tokens =
        sage.exchangeCode(client, "GB/12abc", "https://ledger.example/oauth/sage/callback");

    assertThat(tokens).isEqualTo(new SageTokens("refresh-1", "access-1", NOW.plusSeconds(300)));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/oauth/token");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getBody().readUtf8())
        .isEqualTo(
            "client_id=client-abc&client_secret=s3cr3t-client-secret&code=GB%2F12abc"
                + "&grant_type=authorization_code"
                + "&redirect_uri=https%3A%2F%2Fledger.example%2Foauth%2Fsage%2Fcallback");
  }

  @Test
  void aRefusedCodeIsAPermanentAuthFailureWithoutSecrets() {
    server.enqueue(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code GB/12abc expired\"}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class,
            () -> sage.exchangeCode(client, "GB/12abc", "https://l.example/cb"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.operation()).isEqualTo("exchange_code");
    assertThat(e.getMessage()).contains("invalid_grant").contains("60 seconds");
    assertThat(e.responseBody()).doesNotContain("GB/12abc");
  }

  @Test
  void aTokenEndpointOutageIsTransient() {
    server.enqueue(json(503, "{}"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class,
            () -> sage.exchangeCode(client, "GB/12abc", "https://l.example/cb"));

    assertThat(e.httpStatus()).isEqualTo(503);
  }

  @Test
  void aTokenResponseWithoutARefreshTokenIsUnreadable() {
    server.enqueue(json(200, "{\"access_token\":\"a\",\"expires_in\":300}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class,
            () -> sage.exchangeCode(client, "GB/12abc", "https://l.example/cb"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE);
  }

  @Test
  void listsTheBusinessesOfTheUser() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"$total\":2,\"$page\":1,\"$next\":null,\"$back\":null,"
                + "\"$items_per_page\":2147483647,\"$items\":["
                + "{\"displayed_as\":\"Business One\",\"id\":\"0d40342d0287cd6b13555c54afca6c90\","
                + "\"$path\":\"/businesses/0d40342d0287cd6b13555c54afca6c90\"},"
                + "{\"displayed_as\":\"Two\",\"id\":\"1d40342d0287cd6b13555c54afca6c91\"}]}"));

    var businesses = sage.businesses(server.url("/v3.1").toString(), "access-1");

    assertThat(businesses)
        .containsExactly(
            new SageBusiness("0d40342d0287cd6b13555c54afca6c90", "Business One"),
            new SageBusiness("1d40342d0287cd6b13555c54afca6c91", "Two"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v3.1/businesses");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(request.getHeader("X-Business")).isNull();
  }

  @Test
  void revokesWithTheTokenAndClientCredentials() throws Exception {
    server.enqueue(json(200, "{\"success\":\"ok\"}"));

    sage.revoke(client, "refresh-1");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/oauth/revoke");
    assertThat(request.getBody().readUtf8())
        .isEqualTo("client_id=client-abc&client_secret=s3cr3t-client-secret&token=refresh-1");
  }

  @Test
  void aRevocationSageRefusesIsAnError() {
    server.enqueue(json(401, "{\"error\":\"invalid_client\"}"));

    PermanentGatewayException e =
        catchThrowableOfType(PermanentGatewayException.class, () -> sage.revoke(client, "r"));

    assertThat(e.getMessage()).contains("invalid_client");
  }
}
