package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The knobs and counters for testing a client's token rotation: a configurable access token
 * lifetime, the refresh grants answered and refused, whether a refresh token is still live, and the
 * most token requests handled at one time.
 */
class SandboxSageTokenRotationTest {

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

  private static Map<String, String> refresh(String token) {
    return Map.of(
        "grant_type", "refresh_token",
        "client_id", CLIENT_ID,
        "client_secret", CLIENT_SECRET,
        "refresh_token", token);
  }

  @Test
  void accessTokensLastThreeHundredSecondsByDefault() {
    assertThat(sage.accessTokenLifetime()).isEqualTo(Duration.ofSeconds(300));

    Resp r = http.token(refresh(sage.issueRefreshToken(CLIENT_ID)));

    assertThat(r.body().get("expires_in").asInt()).isEqualTo(300);
  }

  @Test
  void aShorterAccessTokenLifetimeIsAnsweredAsExpiresInAndEnforced() {
    sage.setAccessTokenLifetime(Duration.ofSeconds(2));

    Resp r = http.token(refresh(sage.issueRefreshToken(CLIENT_ID)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("expires_in").asInt()).isEqualTo(2);
    assertThat(r.body().get("refresh_token_expires_in").asInt()).isEqualTo(2_678_400);
    http.accessToken = r.body().get("access_token").asText();
    assertThat(http.get("/contacts").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get("/contacts").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get("/contacts").status()).isEqualTo(401);
  }

  @Test
  void theLifetimeAppliesToTokensIssuedFromThenOnIncludingDirectOnes() {
    String before = sage.issueAccessToken(CLIENT_ID);
    sage.setAccessTokenLifetime(Duration.ofSeconds(5));
    String after = sage.issueAccessToken(CLIENT_ID);

    clock.advance(Duration.ofSeconds(5));

    http.accessToken = after;
    assertThat(http.get("/contacts").status()).isEqualTo(401);
    http.accessToken = before;
    assertThat(http.get("/contacts").status()).isEqualTo(200);
  }

  @Test
  void theLifetimeMustBeWholeSecondsOfAtLeastOne() {
    for (Duration bad :
        new Duration[] {
          null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500), Duration.ofMillis(1)
        }) {
      assertThatThrownBy(() -> sage.setAccessTokenLifetime(bad))
          .as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(sage.accessTokenLifetime()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void countsTheRefreshesAnsweredAndThoseRefusedAsInvalidGrant() {
    String first = sage.issueRefreshToken(CLIENT_ID);
    String second = http.token(refresh(first)).body().get("refresh_token").asText();
    String third = http.token(refresh(second)).body().get("refresh_token").asText();
    assertThat(sage.refreshGrants()).isEqualTo(2);
    assertThat(sage.invalidGrantRefreshes()).isZero();

    // an already rotated token, an unknown one, another client's, an expired one
    assertThat(http.token(refresh(first)).body().get("error").asText()).isEqualTo("invalid_grant");
    assertThat(http.token(refresh("sbxrt.unknown")).body().get("error").asText())
        .isEqualTo("invalid_grant");
    sage.registerClient("other-client", "other-secret");
    String others = sage.issueRefreshToken("other-client");
    assertThat(http.token(refresh(others)).body().get("error").asText()).isEqualTo("invalid_grant");
    clock.advance(Duration.ofSeconds(2_678_400));
    assertThat(http.token(refresh(third)).body().get("error").asText()).isEqualTo("invalid_grant");

    assertThat(sage.invalidGrantRefreshes()).isEqualTo(4);
    assertThat(sage.refreshGrants()).isEqualTo(2);
  }

  @Test
  void otherTokenEndpointFailuresAreNotCountedAsRefusedRefreshes() {
    String token = sage.issueRefreshToken(CLIENT_ID);
    Map<String, String> wrongSecret =
        Map.of(
            "grant_type",
            "refresh_token",
            "client_id",
            CLIENT_ID,
            "client_secret",
            "nope",
            "refresh_token",
            token);
    assertThat(http.token(wrongSecret).body().get("error").asText()).isEqualTo("invalid_client");
    Map<String, String> badCode =
        Map.of(
            "grant_type", "authorization_code",
            "client_id", CLIENT_ID,
            "client_secret", CLIENT_SECRET,
            "code", "GB/unknown",
            "redirect_uri", "https://app.example/cb");
    assertThat(http.token(badCode).body().get("error").asText()).isEqualTo("invalid_grant");

    assertThat(sage.invalidGrantRefreshes()).isZero();
    assertThat(sage.refreshGrants()).isZero();
    assertThat(sage.isLiveRefreshToken(token)).as("a refused client spends nothing").isTrue();
  }

  @Test
  void aRefreshTokenIsLiveUntilItIsRotatedRevokedOrExpired() {
    String first = sage.issueRefreshToken(CLIENT_ID);
    assertThat(sage.isLiveRefreshToken(first)).isTrue();

    String second = http.token(refresh(first)).body().get("refresh_token").asText();
    assertThat(sage.isLiveRefreshToken(first)).as("rotated").isFalse();
    assertThat(sage.isLiveRefreshToken(second)).isTrue();

    String third = sage.issueRefreshToken(CLIENT_ID);
    Resp revoked =
        new SageOAuthHttp(sage)
            .revoke(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "token", third));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(sage.isLiveRefreshToken(third)).as("revoked").isFalse();

    clock.advance(Duration.ofSeconds(2_678_400));
    assertThat(sage.isLiveRefreshToken(second)).as("expired after 31 days").isFalse();
    assertThat(sage.isLiveRefreshToken(null)).isFalse();
    assertThat(sage.isLiveRefreshToken("sbxrt.unknown")).isFalse();
  }

  @Test
  void recordsTheMostTokenRequestsHandledAtOneTime() throws Exception {
    assertThat(sage.maxConcurrentTokenRequests()).isZero();
    assertThat(sage.tokenRequestsInFlight()).isZero();
    sage.setLatency(Duration.ofMillis(200), Duration.ofMillis(200));
    String token = sage.issueRefreshToken(CLIENT_ID);
    for (int i = 0; i < 3; i++) {
      token = http.token(refresh(token)).body().get("refresh_token").asText();
    }
    http.authorised();
    http.get("/contacts"); // API requests are not token requests
    assertThat(sage.maxConcurrentTokenRequests()).as("one after the other").isEqualTo(1);

    // two at once: each waits 1 s in the sandbox, so the second arrives while the first waits
    sage.setLatency(Duration.ofSeconds(1), Duration.ofSeconds(1));
    List<String> tokens =
        List.of(sage.issueRefreshToken(CLIENT_ID), sage.issueRefreshToken(CLIENT_ID));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      List<Future<Resp>> answers = new ArrayList<>();
      for (String t : tokens) {
        answers.add(
            clients.submit(
                () -> {
                  go.await();
                  return http.token(refresh(t));
                }));
      }
      go.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (sage.tokenRequestsInFlight() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sage.tokenRequestsInFlight()).as("waiting out their latency").isPositive();
      for (Future<Resp> answer : answers) {
        assertThat(answer.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }

    assertThat(sage.tokenRequestsInFlight()).as("all answered").isZero();
    assertThat(sage.maxConcurrentTokenRequests()).isEqualTo(2);
    assertThat(sage.refreshGrants()).isEqualTo(6);
  }
}
