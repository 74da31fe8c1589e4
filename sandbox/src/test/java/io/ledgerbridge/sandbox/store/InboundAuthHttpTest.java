package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every WIRE §2.5 rule, exercised over real HTTP against GET /rest/V1/byte8/ping. */
class InboundAuthHttpTest {

  static final String UNAUTHORIZED =
      "{\"message\":\"The consumer isn't authorized to access %resources.\","
          + "\"parameters\":{\"resources\":\"Byte8_Client::byte8_webapi\"}}";
  private static final String HS256_JWT = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final AtomicInteger JTI = new AtomicInteger();

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxStore store;

  @BeforeEach
  void start() {
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void wireVectorTokenIsAcceptedAtItsIatThenRejectedAsReplay() throws Exception {
    HttpResponse<String> first = ping(store, "Bearer " + WireVectors.INBOUND_TOKEN);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("[true,\"tenant-123\",\"2026-01-01T00:00:00+00:00\"]");
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");

    HttpResponse<String> replay = ping(store, "Bearer " + WireVectors.INBOUND_TOKEN);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).isEqualTo(UNAUTHORIZED);
    assertThat(store.authFailures()).containsExactly("jti already seen — replay rejected");
  }

  @Test
  void bearerSchemeIsCaseInsensitiveAndTokenWhitespaceIsTrimmed() throws Exception {
    assertThat(ping(store, "bEaReR " + good() + "  ").statusCode()).isEqualTo(200);
  }

  @Test
  void missingAuthorizationIsUnauthorized() throws Exception {
    assertThat(ping(store, null).statusCode()).isEqualTo(401);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NO_BEARER);
  }

  @Test
  void tokensNotClaimingByte8IssuerAndAudienceNeverReachTheVerifier() throws Exception {
    String outbound = SandboxStore.outboundToken(MASTER, TENANT, IAT, "x-1");
    assertThat(ping(store, "Bearer " + outbound).statusCode()).isEqualTo(401);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NOT_BYTE8);
  }

  @Test
  void notConnectedStoreRejectsEveryToken() throws Exception {
    try (SandboxStore unpaired =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, "")
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build())) {
      assertThat(ping(unpaired, "Bearer " + good()).statusCode()).isEqualTo(401);
      assertThat(unpaired.authFailures()).containsExactly(InboundVerifier.NOT_CONNECTED);
    }
  }

  @Test
  void productionModeRejectsPlainHttp() throws Exception {
    try (SandboxStore prod =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .productionMode(true)
                .build())) {
      assertThat(ping(prod, "Bearer " + good()).statusCode()).isEqualTo(401);
      assertThat(prod.authFailures()).containsExactly(InboundVerifier.NOT_HTTPS);
    }
  }

  static Stream<Arguments> rejectedOverHttp() {
    String p = claims("\"tenant-123\"", IAT, IAT, IAT + 300, "\"j-bad\"");
    String signed = sign(HS256_JWT, p);
    String[] s = signed.split("\\.");
    return Stream.of(
        Arguments.of(signed + ".x", "malformed token: expected three dot-separated segments"),
        Arguments.of(s[0] + "." + s[1], "malformed token: expected three dot-separated segments"),
        Arguments.of("." + s[1] + "." + s[2], "header segment is empty"),
        Arguments.of(sign("[\"HS256\",\"JWT\"]", p), "header segment is not a JSON object"),
        Arguments.of("!!." + s[1] + "." + s[2], "header segment is not a JSON object"),
        Arguments.of(
            sign("{\"alg\":\"none\",\"typ\":\"JWT\"}", p),
            "unsupported alg (only HS256 is accepted)"),
        Arguments.of(
            sign("{\"alg\":\"hs256\",\"typ\":\"JWT\"}", p),
            "unsupported alg (only HS256 is accepted)"),
        Arguments.of(sign("{\"alg\":\"HS256\"}", p), "unsupported typ (only JWT is accepted)"),
        Arguments.of(
            sign("{\"alg\":\"HS256\",\"typ\":\"jwt\"}", p),
            "unsupported typ (only JWT is accepted)"),
        Arguments.of(
            StoreCrypto.sign(SandboxStore.outboundSubkey(MASTER), HS256_JWT, p),
            "signature mismatch"),
        Arguments.of(s[0] + "." + s[1] + "." + s[2].substring(1), "signature mismatch"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-999\"", IAT, IAT, IAT + 300, "\"j-s\"")),
            "sub does not match stored tenant_id"),
        Arguments.of(
            sign(HS256_JWT, claims("123", IAT, IAT, IAT + 300, "\"j-s2\"")),
            "sub does not match stored tenant_id"),
        Arguments.of(
            sign(HS256_JWT, rawClaims("1.7e9", "" + IAT, "" + (IAT + 300), "\"j-f\"")),
            "iat missing or not an integer"),
        Arguments.of(
            sign(HS256_JWT, rawClaims("1767225600.0", "" + IAT, "" + (IAT + 300), "\"j-f2\"")),
            "iat missing or not an integer"),
        Arguments.of(
            sign(HS256_JWT, rawClaims("" + IAT, "\"1767225600\"", "" + (IAT + 300), "\"j-f3\"")),
            "nbf missing or not an integer"),
        Arguments.of(
            sign(HS256_JWT, rawClaims("" + IAT, "" + IAT, null, "\"j-f4\"")),
            "exp missing or not an integer"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT, IAT, IAT + 300, "\"\"")),
            "jti missing or empty"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT, IAT, IAT + 300, "42")),
            "jti missing or empty"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT, IAT, IAT + 300, null)),
            "jti missing or empty"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT + 31, IAT, IAT + 120, "\"j-t1\"")),
            "iat is too far in the future (clock skew exceeded)"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT, IAT + 1, IAT + 120, "\"j-t2\"")),
            "token not yet valid (nbf > now)"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT - 60, IAT - 60, IAT, "\"j-t3\"")),
            "token expired"),
        Arguments.of(
            sign(HS256_JWT, claims("\"tenant-123\"", IAT - 1, IAT - 1, IAT + 300, "\"j-t4\"")),
            "token TTL exceeds policy ceiling of 300s"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("rejectedOverHttp")
  void eachVerifierRuleRejectsWithTheGeneric401(String token, String reason) throws Exception {
    HttpResponse<String> r = ping(store, "Bearer " + token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(UNAUTHORIZED);
    assertThat(store.authFailures()).containsExactly(reason);
  }

  @Test
  void boundaryTimesAreAccepted() throws Exception {
    // iat exactly now+30 (nbf now), and exp - iat exactly 300.
    assertThat(
            ping(
                    store,
                    "Bearer "
                        + sign(
                            HS256_JWT,
                            claims("\"tenant-123\"", IAT + 30, IAT, IAT + 90, "\"j-b1\"")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            ping(
                    store,
                    "Bearer "
                        + sign(
                            HS256_JWT,
                            claims("\"tenant-123\"", IAT - 299, IAT - 299, IAT + 1, "\"j-b2\"")))
                .statusCode())
        .isEqualTo(200);
    assertThat(store.authFailures()).isEmpty();
  }

  @Test
  void payloadIssAndAudRulesHoldInTheVerifierItself() {
    Instant now = Instant.ofEpochSecond(IAT);
    String payloadArray = sign(HS256_JWT, "[1,2]");
    assertThat(SandboxStore.verifyInbound(payloadArray, TENANT, MASTER, now))
        .isEqualTo(new InboundVerdict.Rejected("payload segment is not a JSON object"));
    String[] parts = good().split("\\.");
    String emptyPayload =
        parts[0]
            + ".."
            + StoreCrypto.base64Url(
                StoreCrypto.hmacSha256(
                    SandboxStore.inboundSubkey(MASTER),
                    (parts[0] + ".").getBytes(StandardCharsets.UTF_8)));
    assertThat(SandboxStore.verifyInbound(emptyPayload, TENANT, MASTER, now))
        .isEqualTo(new InboundVerdict.Rejected("payload segment is empty"));
    String wrongIss =
        sign(
            HS256_JWT,
            "{\"iss\":\"magento\",\"sub\":\"tenant-123\",\"aud\":\"magento\","
                + "\"iat\":1767225600,\"nbf\":1767225600,\"exp\":1767225660,\"jti\":\"a\"}");
    assertThat(SandboxStore.verifyInbound(wrongIss, TENANT, MASTER, now))
        .isEqualTo(new InboundVerdict.Rejected("iss mismatch"));
    String arrayAud =
        sign(
            HS256_JWT,
            "{\"iss\":\"byte8-ledger\",\"sub\":\"tenant-123\",\"aud\":[\"magento\"],"
                + "\"iat\":1767225600,\"nbf\":1767225600,\"exp\":1767225660,\"jti\":\"a\"}");
    assertThat(SandboxStore.verifyInbound(arrayAud, TENANT, MASTER, now))
        .isEqualTo(new InboundVerdict.Rejected("aud mismatch"));
  }

  // ------------------------------------------------------------------ helpers

  static String good() {
    return sign(
        HS256_JWT,
        claims("\"tenant-123\"", IAT, IAT, IAT + 300, "\"good-" + JTI.incrementAndGet() + "\""));
  }

  static String sign(String header, String payload) {
    return StoreCrypto.sign(SandboxStore.inboundSubkey(MASTER), header, payload);
  }

  static String claims(String subLiteral, long iat, long nbf, long exp, String jtiLiteral) {
    return "{\"iss\":\"byte8-ledger\",\"sub\":"
        + subLiteral
        + ",\"aud\":\"magento\",\"iat\":"
        + iat
        + ",\"nbf\":"
        + nbf
        + ",\"exp\":"
        + exp
        + (jtiLiteral == null ? "" : ",\"jti\":" + jtiLiteral)
        + "}";
  }

  static String rawClaims(String iat, String nbf, String exp, String jti) {
    StringBuilder sb =
        new StringBuilder(
            "{\"iss\":\"byte8-ledger\",\"sub\":\"tenant-123\"," + "\"aud\":\"magento\"");
    sb.append(",\"iat\":").append(iat).append(",\"nbf\":").append(nbf);
    if (exp != null) {
      sb.append(",\"exp\":").append(exp);
    }
    return sb.append(",\"jti\":").append(jti).append('}').toString();
  }

  HttpResponse<String> ping(SandboxStore target, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.baseUrl() + "/rest/V1/byte8/ping"))
            .header("Accept", "application/json")
            .GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
