package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.PairRequests.body;
import static io.ledgerbridge.sandbox.store.PairRequests.post;
import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /rest/V1/byte8/setup/pair} over real HTTP, one test per WIRE §7.3 answer in the
 * module's validation order (framework input, empty values, URL, then the code: none pending,
 * expired, mismatch), then success and what it changes.
 */
class PairingHttpTest {

  private static final String LEDGER = "https://ledger.byte8.io";
  private static final String INVALID_CODE = "{\"message\":\"Invalid or expired pairing code.\"}";
  private static final String ALL_REQUIRED =
      "{\"message\":\"pairing_code, tenant_id, byte8_api_key and ledger_base_url are all"
          + " required.\"}";
  private static final String BAD_URL =
      "{\"message\":\"ledger_base_url must be an absolute http(s) URL.\"}";

  private MutableClock clock;
  private SandboxStore store;

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.ofEpochSecond(IAT));
    store = SandboxStore.startUnpaired(SandboxStoreConfig.unpaired().clock(clock).build());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  // ------------------------------------------------------------ step 0: framework input

  @Test
  void anAbsentKeyIsRequiredByNameAndNothingChanges() throws Exception {
    String code = store.generatePairingCode();
    HttpResponse<String> r =
        post(
            store,
            "{\"pairing_code\":\""
                + code
                + "\",\"byte8_api_key\":\"k\",\"ledger_base_url\":\""
                + LEDGER
                + "\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
                + "\"parameters\":{\"fieldName\":\"tenantId\"}}");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(store.isConnected()).isFalse();
    assertThat(store.pairingCodeExpiresAt()).isPresent();
  }

  @Test
  void jsonNullCountsAsAbsent() throws Exception {
    HttpResponse<String> r = post(store, body(store.generatePairingCode(), TENANT, MASTER, null));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"parameters\":{\"fieldName\":\"ledgerBaseUrl\"}");
  }

  @Test
  void anEmptyBodyListsEveryParameterInDeclarationOrder() throws Exception {
    HttpResponse<String> r = post(store, "");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"One or more input exceptions have occurred.\",\"errors\":["
                + required("pairingCode")
                + ","
                + required("tenantId")
                + ","
                + required("byte8ApiKey")
                + ","
                + required("ledgerBaseUrl")
                + "]}");
  }

  @Test
  void aBodyThatIsNotJsonIsADecodingError() throws Exception {
    HttpResponse<String> r = post(store, "pairing_code=abc");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"message\":\"Decoding error.\"}");
  }

  @Test
  void anArrayWhereAStringIsDeclaredIsATypeError() throws Exception {
    HttpResponse<String> r =
        post(
            store,
            "{\"pairing_code\":[\"x\"],\"tenant_id\":\"t\",\"byte8_api_key\":\"k\","
                + "\"ledger_base_url\":\""
                + LEDGER
                + "\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("{\"message\":\"The \\\"%value\\\" value's type is invalid.");
  }

  // ------------------------------------------------------------ step 1: empty after trim

  @Test
  void aValueThatTrimsToEmptyAnswersAllRequiredBeforeTheUrlIsLookedAt() throws Exception {
    HttpResponse<String> r =
        post(store, body(store.generatePairingCode(), " \t\n\r\u000b\u0000", MASTER, "not-a-url"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(ALL_REQUIRED);
  }

  @Test
  void aUrlOfOnlySlashesIsEmptyOnceTheyAreStripped() throws Exception {
    HttpResponse<String> r = post(store, body(store.generatePairingCode(), TENANT, MASTER, " //"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(ALL_REQUIRED);
  }

  // ------------------------------------------------------------ step 2: the ledger URL

  @Test
  void aUrlWithoutHttpSchemeAnswersBadUrlEvenWithAValidCode() throws Exception {
    String code = store.generatePairingCode();
    for (String url : new String[] {"not-a-url", "ftp://ledger", "HTTPS://ledger", "https://"}) {
      HttpResponse<String> r = post(store, body(code, TENANT, MASTER, url));
      assertThat(r.statusCode()).as(url).isEqualTo(400);
      assertThat(r.body()).as(url).isEqualTo(BAD_URL);
    }
    assertThat(store.isConnected()).isFalse();
    assertThat(store.pairCalls()).extracting(PairCall::loggedReason).containsOnlyNulls();
    // the code survives refused inputs
    assertThat(post(store, body(code, TENANT, MASTER, LEDGER)).statusCode()).isEqualTo(200);
  }

  @Test
  void theUrlIsCheckedBeforeAnyCodeIsLookedFor() throws Exception {
    HttpResponse<String> r = post(store, body("nottherealcode", TENANT, MASTER, "not-a-url"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(BAD_URL);
  }

  // ------------------------------------------------------------ steps 3 to 5: the code

  @Test
  void withNoCodePendingTheAnswerIsTheGeneric401() throws Exception {
    HttpResponse<String> r =
        post(store, body("deadbeefcafef00d0123456789abcdef", TENANT, MASTER, LEDGER));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(INVALID_CODE);
    assertThat(store.pairCalls())
        .singleElement()
        .extracting(PairCall::loggedReason)
        .isEqualTo("no pairing code is pending generation");
  }

  @Test
  void aCodeOlderThan1800SecondsIsExpiredAndExactly1800StillWorks() throws Exception {
    String stale = store.generatePairingCode();
    clock.advance(Duration.ofSeconds(1801));
    HttpResponse<String> expired = post(store, body(stale, TENANT, MASTER, LEDGER));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo(INVALID_CODE);
    assertThat(store.pairCalls().get(0).loggedReason())
        .isEqualTo("pairing code expired (age exceeds 30min TTL)");

    String fresh = store.generatePairingCode();
    assertThat(store.pairingCodeExpiresAt()).hasValue(clock.instant().plusSeconds(1800));
    clock.advance(Duration.ofSeconds(1800));
    assertThat(post(store, body(fresh, TENANT, MASTER, LEDGER)).statusCode()).isEqualTo(200);
  }

  @Test
  void expiryIsCheckedBeforeTheCodeIsCompared() throws Exception {
    store.generatePairingCode();
    clock.advance(Duration.ofHours(1));

    post(store, body("nottherealcode", TENANT, MASTER, LEDGER));

    assertThat(store.pairCalls().get(0).loggedReason())
        .isEqualTo("pairing code expired (age exceeds 30min TTL)");
  }

  @Test
  void aWrongCodeOfAnyFormatIsAMismatchAndTheRealCodeStillWorks() throws Exception {
    String code = store.generatePairingCode();
    for (String wrong :
        new String[] {"nottherealcode", code.toUpperCase(java.util.Locale.ROOT), code + "0"}) {
      HttpResponse<String> r = post(store, body(wrong, TENANT, MASTER, LEDGER));
      assertThat(r.statusCode()).as(wrong).isEqualTo(401);
      assertThat(r.body()).as(wrong).isEqualTo(INVALID_CODE);
    }
    assertThat(store.pairCalls())
        .extracting(PairCall::loggedReason)
        .containsOnly("pairing code mismatch");
    assertThat(store.isConnected()).isFalse();

    assertThat(post(store, body(code, TENANT, MASTER, LEDGER)).statusCode()).isEqualTo(200);
  }

  @Test
  void generatingANewCodeReplacesTheOldOne() throws Exception {
    String first = store.generatePairingCode();
    String second = store.generatePairingCode();

    assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    assertThat(second).matches("[0-9a-f]{32}");
    HttpResponse<String> old = post(store, body(first, TENANT, MASTER, LEDGER));
    assertThat(old.statusCode()).isEqualTo(401);
    assertThat(store.pairCalls().get(0).loggedReason()).isEqualTo("pairing code mismatch");
    assertThat(post(store, body(second, TENANT, MASTER, LEDGER)).statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------ success

  @Test
  void successAnswers200EmptyArrayStoresTheConnectionAndConsumesTheCode() throws Exception {
    String code = store.generatePairingCode();

    HttpResponse<String> r =
        post(
            store,
            body(" " + code + "\n", "\t" + TENANT + " ", " " + MASTER + " ", LEDGER + "//\n"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("[]");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(store.isConnected()).isTrue();
    assertThat(store.tenantId()).isEqualTo(TENANT);
    assertThat(store.ledgerBaseUrl()).isEqualTo(LEDGER);
    assertThat(store.pairingCodeExpiresAt()).isEmpty();
    assertThat(store.pairCalls()).singleElement().satisfies(c -> assertThat(c.accepted()).isTrue());

    HttpResponse<String> replay = post(store, body(code, "tenant-evil", "other", LEDGER));
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).isEqualTo(INVALID_CODE);
    assertThat(store.pairCalls().get(1).loggedReason())
        .isEqualTo("no pairing code is pending generation");
    assertThat(store.tenantId()).isEqualTo(TENANT);
  }

  @Test
  void camelCaseKeysAreAcceptedAndABearerTokenIsIgnored() throws Exception {
    String json =
        "{\"pairingCode\":\""
            + store.generatePairingCode()
            + "\",\"tenantId\":\"t-1\",\"byte8ApiKey\":\"k-1\",\"ledgerBaseUrl\":\"http://l:8080/x/\"}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(store.baseUrl() + "/rest/V1/byte8/setup/pair"))
                    .header("Authorization", "Bearer not.a.token")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(store.tenantId()).isEqualTo("t-1");
    assertThat(store.ledgerBaseUrl()).isEqualTo("http://l:8080/x");
    assertThat(store.authFailures()).isEmpty();
  }

  @Test
  void aTenantOfZeroPairsButReadsAsUnsetSoTheStoreStaysUnconnected() throws Exception {
    HttpResponse<String> r = post(store, body(store.generatePairingCode(), "0", MASTER, LEDGER));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(store.isConnected()).isFalse();
    assertThat(store.tenantId()).isEmpty();
    assertThat(store.ledgerBaseUrl()).isEqualTo(LEDGER);
  }

  @Test
  void maintenanceModeAnswers503AndTheCodeIsNotSpent() throws Exception {
    String code = store.generatePairingCode();
    store.setUnavailable(true);

    HttpResponse<String> r = post(store, body(code, TENANT, MASTER, LEDGER));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(store.pairCalls()).isEmpty();
    assertThat(store.unavailableRefusals()).isEqualTo(1);
    store.setUnavailable(false);
    assertThat(post(store, body(code, TENANT, MASTER, LEDGER)).statusCode()).isEqualTo(200);
  }

  @Test
  void getOnThePairRouteDoesNotMatchAnyRoute() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(store.baseUrl() + "/rest/V1/byte8/setup/pair"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"Request does not match any route.\"}");
  }

  private static String required(String field) {
    return "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
        + "\"parameters\":{\"fieldName\":\""
        + field
        + "\"}}";
  }
}
