package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.Paired;
import io.ledgerbridge.ports.out.StoreGateway.PairingAnswer;
import io.ledgerbridge.ports.out.StoreGateway.PairingRefused;
import io.ledgerbridge.ports.out.StoreGateway.PairingRequest;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST {store}/rest/V1/byte8/setup/pair} (WIRE §7.2) against a scripted store. */
class MagentoPairingTest {
  private static final String JSON_UTF8 = "application/json; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PairingRequest REQUEST =
      new PairingRequest("PAIR-7F3K", "3f0e6b1c-tenant", "k".repeat(43), "https://ledger.example");

  private final MockWebServer server = new MockWebServer();
  private final AtomicLong jtiCounter = new AtomicLong();
  private StoreGateway gateway;
  private String storeUrl;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    gateway =
        MagentoAdapter.storeGateway(
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            MutableClock.atEpochSecond(1_767_225_600L),
            () -> new UUID(0x1234L, jtiCounter.incrementAndGet()));
    storeUrl = server.url("/shop/").toString();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", JSON_UTF8)
        .setBody(body);
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the store").isNotNull();
    return r;
  }

  @Test
  void a200PairsWithExactlyTheFourFieldsPostedAnonymously() throws Exception {
    server.enqueue(json(200, "true"));

    PairingAnswer answer = gateway.pair(storeUrl, REQUEST);

    assertThat(answer).isEqualTo(new Paired());
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/shop/rest/V1/byte8/setup/pair");
    assertThat(r.getHeader("Content-Type")).isEqualTo(JSON_UTF8);
    assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    assertThat(r.getHeader("Authorization")).isNull();
    JsonNode body = JSON.readTree(r.getBody().readUtf8());
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    assertThat(keys)
        .containsExactly("pairing_code", "tenant_id", "byte8_api_key", "ledger_base_url");
    assertThat(body.get("pairing_code").textValue()).isEqualTo("PAIR-7F3K");
    assertThat(body.get("tenant_id").textValue()).isEqualTo("3f0e6b1c-tenant");
    assertThat(body.get("byte8_api_key").textValue()).isEqualTo("k".repeat(43));
    assertThat(body.get("ledger_base_url").textValue()).isEqualTo("https://ledger.example");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBaseUrlWithoutTrailingSlashGetsTheSamePath() throws Exception {
    server.enqueue(json(200, "true"));

    gateway.pair(server.url("/shop").toString(), REQUEST);

    assertThat(taken().getPath()).isEqualTo("/shop/rest/V1/byte8/setup/pair");
  }

  @Test
  void a401IsARefusalWithTheStoresMessage() {
    server.enqueue(json(401, "{\"message\":\"The pairing code is invalid or has expired.\"}"));

    assertThat(gateway.pair(storeUrl, REQUEST))
        .isEqualTo(new PairingRefused(401, "The pairing code is invalid or has expired."));
  }

  @Test
  void a400IsARefusalWithTheStoresMessageItsPlaceholdersFilled() {
    server.enqueue(
        json(
            400,
            "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
                + "\"parameters\":{\"fieldName\":\"pairing_code\"}}"));
    server.enqueue(
        json(
            400, "{\"message\":\"Invalid URL %1 (%2).\",\"parameters\":[\"ftp://x\",\"scheme\"]}"));

    assertThat(gateway.pair(storeUrl, REQUEST))
        .isEqualTo(new PairingRefused(400, "\"pairing_code\" is required. Enter and try again."));
    assertThat(gateway.pair(storeUrl, REQUEST))
        .isEqualTo(new PairingRefused(400, "Invalid URL ftp://x (scheme)."));
  }

  @Test
  void aRefusalWithoutAMagentoMessageSaysTheStatus() {
    server.enqueue(new MockResponse().setResponseCode(401).setBody("<html>denied</html>"));

    assertThat(gateway.pair(storeUrl, REQUEST))
        .isEqualTo(new PairingRefused(401, "the store answered HTTP 401"));
  }

  @Test
  void theStoresMessageIsMadeSafeToShow() {
    server.enqueue(json(401, "{\"message\":\"bad\\r\\ncode\\u001b[31m" + "x".repeat(600) + "\"}"));

    PairingRefused refused = (PairingRefused) gateway.pair(storeUrl, REQUEST);

    assertThat(refused.message()).startsWith("bad  code [31m").doesNotContain("\r", "\n", "\u001b");
    assertThat(refused.message()).hasSize(LogSafeText.MAX_CHARS + 1).endsWith("…");
  }

  @Test
  void a404SaysTheStoreHasNoPairingRoute() {
    server.enqueue(json(404, "{\"message\":\"Request does not match any route.\"}"));

    PairingRefused refused = (PairingRefused) gateway.pair(storeUrl, REQUEST);

    assertThat(refused.httpStatus()).isEqualTo(404);
    assertThat(refused.message()).contains("no pairing route").contains("module");
  }

  @Test
  void aRedirectIsARefusalNamingWhereAndIsNotFollowed() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(301)
            .setHeader("Location", "https://www.shop.example/rest/V1/byte8/setup/pair"));
    server.enqueue(json(200, "true"));

    PairingRefused refused = (PairingRefused) gateway.pair(storeUrl, REQUEST);

    assertThat(refused.httpStatus()).isEqualTo(301);
    assertThat(refused.message())
        .contains("redirected")
        .contains("https://www.shop.example/rest/V1/byte8/setup/pair");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0} -> transient {1}")
  @CsvSource({"500, PROVIDER", "502, PROVIDER", "503, PROVIDER", "429, RATE_LIMITED"})
  void aStoreFailureIsTransientAndNotRetried(int status, ErrorClass errorClass) {
    server.enqueue(json(status, "{\"message\":\"Internal Error. Details are available.\"}"));
    server.enqueue(json(200, "true"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.pair(storeUrl, REQUEST));

    assertClassified(e, status, errorClass);
    assertThat(e.responseBody()).contains("Internal Error");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedBeforeTheAnswerIsTransientAndTheCodeIsNotSentAgain() {
    // the store may have paired and spent the code: a resend would be refused
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "true"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.pair(storeUrl, REQUEST));

    assertClassified(e, 0, ErrorClass.HTTP);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aConnectionRefusedAtOnceIsTransientAndNotRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "true"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.pair(storeUrl, REQUEST));

    assertClassified(e, 0, ErrorClass.HTTP);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStoreThatNeverAnswersIsTransient() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.pair(storeUrl, REQUEST));

    assertClassified(e, 0, ErrorClass.HTTP);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnreachableStoreIsTransient() throws IOException {
    String deadUrl = server.url("/").toString();
    server.shutdown();

    TransientGatewayException e =
        catchThrowableOfType(TransientGatewayException.class, () -> gateway.pair(deadUrl, REQUEST));

    assertClassified(e, 0, ErrorClass.HTTP);
  }

  @Test
  void eachPairingGoesOutOnAFreshConnectionNeverAPooledOne() throws Exception {
    server.enqueue(json(200, Fixtures.read("invoice-guest-eur.json")));
    server.enqueue(json(200, "true"));
    server.enqueue(json(200, "true"));

    // a fetch leaves a keep-alive connection in the gateway's pool
    gateway.fetchInvoice(
        new StoreEndpoint(StoreTokens.TENANT, storeUrl, StoreTokens.MASTER_KEY), 77);
    gateway.pair(storeUrl, REQUEST);
    gateway.pair(storeUrl, REQUEST);

    // the sequence number counts requests on one connection: 0 is a new connection
    assertThat(taken().getSequenceNumber()).isZero();
    assertThat(taken().getSequenceNumber()).isZero();
    assertThat(taken().getSequenceNumber()).isZero();
  }

  @Test
  void aBaseUrlThatIsNotHttpIsRefusedWithoutCallingAnyone() {
    for (String url : new String[] {null, "", "ftp://shop.example", "shop.example"}) {
      PermanentGatewayException e =
          catchThrowableOfType(PermanentGatewayException.class, () -> gateway.pair(url, REQUEST));
      assertClassified(e, 0, ErrorClass.VALIDATION);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theRequestNeverShowsTheKey() {
    assertThat(REQUEST.toString()).doesNotContain("k".repeat(43)).doesNotContain("PAIR-7F3K");
  }

  private static void assertClassified(GatewayException e, int status, ErrorClass errorClass) {
    assertThat(e).isNotNull();
    assertThat(e.system()).isEqualTo("magento");
    assertThat(e.operation()).isEqualTo("pair");
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.errorClass()).isEqualTo(errorClass);
  }
}
