package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.CLIENT_SECRET;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.TENANT;
import static io.ledgerbridge.adapter.sage.SageFixtures.emptyContactsPage;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static io.ledgerbridge.adapter.sage.SageFixtures.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SageTokenRefreshTest {
  private final MockWebServer server = new MockWebServer();
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private final MutableClock clock = new MutableClock(NOW);
  private AccountingGateway gateway;
  private SageConnection sage;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sage = SageFixtures.connection(server);
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    gateway = SageAdapter.accountingGateway(vault, clock, client);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void refreshesWithTheRefreshTokenGrantAndPersistsTheRotatedTokens() throws Exception {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(tokenResponse("access-1", "refresh-1"));
    server.enqueue(emptyContactsPage());

    gateway.findContactByReference(sage, "M5G");

    RecordedRequest token = server.takeRequest();
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getPath()).isEqualTo("/oauth/token");
    assertThat(token.getHeader("Accept")).isEqualTo("application/json");
    assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(token.getHeader("Authorization")).isNull();
    assertThat(token.getBody().readUtf8())
        .isEqualTo(
            "grant_type=refresh_token&refresh_token=refresh-0&client_id=client-abc"
                + "&client_secret=s3cr3t-client-secret");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(vault.tokens(TENANT))
        .contains(new SageTokens("refresh-1", "access-1", NOW.plusSeconds(300)));
    assertThat(vault.rotations()).hasSize(1);
  }

  @Test
  void reusesTheStoredAccessTokenUntilThirtySecondsBeforeItExpires() throws Exception {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(tokenResponse("access-1", "refresh-1"));
    server.enqueue(emptyContactsPage());
    gateway.findContactByReference(sage, "M5G");

    clock.advance(Duration.ofSeconds(269));
    server.enqueue(emptyContactsPage());
    gateway.findContactByReference(sage, "M5G");
    assertThat(server.getRequestCount()).isEqualTo(3);

    clock.advance(Duration.ofSeconds(1)); // now = expiry - 30 s: renew
    server.enqueue(tokenResponse("access-2", "refresh-2"));
    server.enqueue(emptyContactsPage());
    gateway.findContactByReference(sage, "M5G");

    List<RecordedRequest> requests = takeAll();
    assertThat(requests)
        .extracting(RecordedRequest::getPath)
        .filteredOn(p -> p.equals("/oauth/token"))
        .hasSize(2);
    assertThat(requests.get(2).getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(requests.get(3).getBody().readUtf8()).contains("refresh_token=refresh-1");
    assertThat(requests.get(4).getHeader("Authorization")).isEqualTo("Bearer access-2");
    assertThat(vault.tokens(TENANT).orElseThrow().refreshToken()).isEqualTo("refresh-2");
  }

  @Test
  void usesTheOtherProcessTokensWhenItRotatedFirst() throws Exception {
    vault.initialise(TENANT, "refresh-0");
    SageTokens theirs = new SageTokens("refresh-9", "access-9", NOW.plusSeconds(300));
    vault.beforeNextRotate(() -> vault.put(TENANT, theirs));
    server.enqueue(tokenResponse("access-1", "refresh-1"));
    server.enqueue(emptyContactsPage());

    gateway.findContactByReference(sage, "M5G");

    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-9");
    assertThat(vault.tokens(TENANT)).contains(theirs);
    assertThat(vault.rotations()).isEmpty();
  }

  @Test
  void invalidGrantRevokesTheConnectionAskingToReconnect() {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token expired\"}"));

    ConnectionRevokedException e =
        catchThrowableOfType(
            ConnectionRevokedException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.system()).isEqualTo("sage");
    assertThat(e.operation()).isEqualTo("refresh_token");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo(
            "Sage refused the refresh token (invalid_grant: revoked, unused for 31 days or"
                + " already spent): connect the binding to Sage again");
    assertThat(e.isTransient()).isFalse();
    assertThat(e.responseBody()).contains("invalid_grant");
    assertNoSecrets(e);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aTokenEndpointThatEchoesTheRequestKeepsNoSecretInAnyEncoding() throws Exception {
    String refresh = "rT/9x+Q=refresh\"token";
    vault.initialise(TENANT, refresh);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String form = request.getBody().readUtf8(); // URL-encoded, as it was sent
            String decoded = java.net.URLDecoder.decode(form, StandardCharsets.UTF_8);
            String jsonEscaped =
                decoded.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
            return new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/html")
                .setBody(
                    "<p>bad gateway for "
                        + form
                        + "</p><pre>"
                        + decoded
                        + "</pre><script>{\"request\":\""
                        + jsonEscaped
                        + "\"}</script>");
          }
        });

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.operation()).isEqualTo("refresh_token");
    String kept = e.responseBody();
    assertThat(kept).contains("grant_type=refresh_token").contains("[redacted]");
    for (String secret : List.of(refresh, CLIENT_SECRET)) {
      assertThat(kept)
          .doesNotContain(secret)
          .doesNotContain(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8))
          .doesNotContain(secret.replace("\"", "\\\"").replace("/", "\\/"))
          .doesNotContain("rT");
    }
    assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain("rT/");
  }

  @Test
  void invalidGrantAfterAnotherProcessRotatedUsesTheNewTokens() throws Exception {
    vault.initialise(TENANT, "refresh-0");
    SageTokens theirs = new SageTokens("refresh-9", "access-9", NOW.plusSeconds(300));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getPath().equals("/oauth/token")) {
              vault.put(TENANT, theirs); // the other process spent refresh-0 a moment earlier
              return json(400, "{\"error\":\"invalid_grant\"}");
            }
            return emptyContactsPage();
          }
        });

    gateway.findContactByReference(sage, "M5G");

    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-9");
  }

  @Test
  void invalidClientIsAPermanentAuthFailure() {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(json(401, "{\"error\":\"invalid_client\"}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.getMessage()).contains("invalid_client").contains("client id and secret");
    assertNoSecrets(e);
  }

  @Test
  void tokenEndpointServerErrorIsTransient() {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(json(503, "{}"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.PROVIDER);
    assertThat(e.operation()).isEqualTo("refresh_token");
    assertThat(vault.tokens(TENANT).orElseThrow().refreshToken()).isEqualTo("refresh-0");
  }

  @Test
  void tokenEndpointWithoutAResponseIsTransient() {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.HTTP);
    assertThat(e.httpStatus()).isZero();
  }

  @Test
  void unreadableTokenResponseIsSerdeAndKeepsNoBody() {
    vault.initialise(TENANT, "refresh-0");
    server.enqueue(json(200, "{\"token_type\":\"bearer\",\"refresh_token\":\"refresh-1\"}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE);
    assertThat(e.responseBody()).isNull();
  }

  @Test
  void aTenantWithoutTokensIsAPermanentAuthFailure() {
    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.findContactByReference(sage, "M5G"));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.getMessage()).contains("connect the binding");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unauthorizedCallRenewsTheAccessTokenAndRetriesThatCallOnce() throws Exception {
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(200)));
    server.enqueue(SageFixtures.envelope(401, "Unauthorized", "Token expired.", ""));
    server.enqueue(tokenResponse("access-1", "refresh-1"));
    server.enqueue(SageFixtures.createdInvoice());

    AccountingGateway.SageRef ref =
        gateway.createSalesInvoice(sage, SageFixtures.invoice(), SageFixtures.IDEMPOTENCY_ID);

    assertThat(ref.displayedAs()).isEqualTo("SI-3");
    RecordedRequest first = server.takeRequest();
    RecordedRequest token = server.takeRequest();
    RecordedRequest retry = server.takeRequest();
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer access-0");
    assertThat(token.getPath()).isEqualTo("/oauth/token");
    assertThat(token.getBody().readUtf8()).contains("refresh_token=refresh-0");
    assertThat(retry.getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(retry.getBody().readUtf8()).isEqualTo(first.getBody().readUtf8());
    assertThat(vault.tokens(TENANT).orElseThrow().accessToken()).isEqualTo("access-1");
  }

  @Test
  void concurrentCallsOfOneTenantRefreshOnlyOnce() throws Exception {
    vault.initialise(TENANT, "refresh-0");
    AtomicInteger refreshes = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getPath().equals("/oauth/token")) {
              int n = refreshes.incrementAndGet();
              return tokenResponse("access-" + n, "refresh-" + n);
            }
            return emptyContactsPage();
          }
        });
    int callers = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return gateway.findContactByReference(sage, "M5G");
                }));
      }
      go.countDown();
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(refreshes).hasValue(1);
    assertThat(vault.rotations()).hasSize(1);
  }

  private List<RecordedRequest> takeAll() throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = 0, n = server.getRequestCount(); i < n; i++) {
      all.add(server.takeRequest());
    }
    return all;
  }

  private static void assertNoSecrets(GatewayException e) {
    assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain("refresh-0");
    if (e.responseBody() != null) {
      assertThat(e.responseBody()).doesNotContain(CLIENT_SECRET).doesNotContain("refresh-0");
    }
  }

  @Test
  void twoProcessesSharingAVaultRefreshOnceAndNeitherSeesARevocation() throws Exception {
    // each gateway has its own token manager: they only share the vault, like two processes
    vault.withClock(clock);
    vault.initialise(TENANT, "refresh-0");
    AtomicInteger refreshes = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> valid =
        new java.util.concurrent.atomic.AtomicReference<>("refresh-0");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (!request.getPath().equals("/oauth/token")) {
              return emptyContactsPage();
            }
            String form = request.getBody().readUtf8();
            synchronized (valid) {
              // Sage's single-use refresh tokens: the second use of a token is refused
              if (!form.contains("refresh_token=" + valid.get() + "&")) {
                return json(400, "{\"error\":\"invalid_grant\"}");
              }
              int n = refreshes.incrementAndGet();
              valid.set("refresh-" + n);
              Thread.sleep(300); // slow enough for the other process to try meanwhile
              return tokenResponse("access-" + n, "refresh-" + n);
            }
          }
        });
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    AccountingGateway other = SageAdapter.accountingGateway(vault, clock, client);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a =
          pool.submit(
              () -> {
                go.await();
                return gateway.findContactByReference(sage, "M5G");
              });
      Future<?> b =
          pool.submit(
              () -> {
                go.await();
                return other.findContactByReference(sage, "M5G");
              });
      go.countDown();
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(refreshes).hasValue(1);
    assertThat(vault.tokens(TENANT).orElseThrow().refreshToken()).isEqualTo("refresh-1");
  }

  @Test
  void keepAliveRefreshesEvenWhileTheAccessTokenIsValid() throws Exception {
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(250)));
    server.enqueue(tokenResponse("access-1", "refresh-1"));

    gateway.keepAlive(sage);

    assertThat(server.takeRequest().getBody().readUtf8()).contains("refresh_token=refresh-0");
    assertThat(vault.tokens(TENANT).orElseThrow().refreshToken()).isEqualTo("refresh-1");
  }

  @Test
  void keepAliveOfARevokedTokenSaysTheConnectionIsGone() {
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(250)));
    server.enqueue(json(400, "{\"error\":\"invalid_grant\"}"));

    assertThat(
            catchThrowableOfType(ConnectionRevokedException.class, () -> gateway.keepAlive(sage)))
        .isNotNull();
    assertThat(vault.tokens(TENANT).orElseThrow().refreshToken()).isEqualTo("refresh-0");
  }
}
