package io.ledgerbridge.adapter.magento;

import static io.ledgerbridge.adapter.magento.StoreTokens.HEADER;
import static io.ledgerbridge.adapter.magento.StoreTokens.IAT;
import static io.ledgerbridge.adapter.magento.StoreTokens.MASTER_KEY;
import static io.ledgerbridge.adapter.magento.StoreTokens.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.WebhookAuthenticator;
import io.ledgerbridge.ports.out.WebhookAuthenticator.AuthResult;
import io.ledgerbridge.ports.out.WebhookAuthenticator.Authenticated;
import io.ledgerbridge.ports.out.WebhookAuthenticator.Rejected;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryReplayGuard;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagentoWebhookAuthenticatorTest {
  private static final String WIRE_OUTBOUND_TOKEN =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWdlbnRvIiwic3ViIjoidGVuYW50LTEyMyIsImF1ZCI6ImJ5dGU4LWxlZGdlciIsImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjU2NjAsImp0aSI6IjBiNmM3ZjZlLTJmNGEtNGM4ZS05ZDNiLTFhMmIzYzRkNWU2ZiJ9.Btijb4cfbiyV85QFcl-l09C6dnDDyovuclwxZMm59wc";
  private static final String OTHER_TENANT = "tenant-999";
  private static final String OTHER_KEY = "byte8_lk_other_secret";

  private MutableClock clock;
  private InMemoryReplayGuard replayGuard;
  private InMemoryBindingRepository bindings;
  private WebhookAuthenticator authenticator;

  @BeforeEach
  void setUp() {
    clock = MutableClock.atEpochSecond(IAT);
    replayGuard = new InMemoryReplayGuard(clock);
    bindings =
        new InMemoryBindingRepository()
            .with(TENANT, MASTER_KEY)
            .with(OTHER_TENANT, OTHER_KEY)
            .withoutSecrets("tenant-half");
    authenticator = MagentoAdapter.webhookAuthenticator(bindings, replayGuard, clock);
  }

  @Test
  void acceptsTheWireEndToEndOutboundTokenAtItsIssueTime() {
    AuthResult result = authenticator.authenticate(TENANT, "Bearer " + WIRE_OUTBOUND_TOKEN);

    assertThat(result).isEqualTo(new Authenticated(TENANT, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f"));
    assertThat(replayGuard.expiryOf("webhook:" + TENANT, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f"))
        .isEqualTo(Instant.ofEpochSecond(IAT + 60 + 60));
  }

  @Test
  void acceptsLowercaseSchemeAndSurroundingWhitespace() {
    assertThat(authenticator.authenticate(TENANT, "  bearer " + token("j-1") + " \t"))
        .isInstanceOf(Authenticated.class);
    assertThat(authenticator.authenticate(TENANT, "BEARER " + token("j-2")))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void acceptsAStoreClockAheadWithinTheSkew() {
    clock.setEpochSecond(IAT - 60);

    assertThat(authenticator.authenticate(TENANT, bearer(token("j-ahead"))))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void acceptsATokenUntilExpiryPlusSkew() {
    clock.setEpochSecond(IAT + 60 + 59);

    assertThat(authenticator.authenticate(TENANT, bearer(token("j-late"))))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void rejectsATokenSignedWithTheWrongKey() {
    String forged =
        StoreTokens.signedWith(new byte[32], HEADER, StoreTokens.claims(TENANT, IAT, "j"));

    assertRejected(authenticator.authenticate(TENANT, bearer(forged)), "signature mismatch");
  }

  @Test
  void rejectsATokenSignedWithTheInboundSubkeyInsteadOfTheOutbound() {
    String wrongDirection =
        StoreTokens.signedWith(
            StoreTokens.INBOUND_SUBKEY, HEADER, StoreTokens.claims(TENANT, IAT, "j"));

    assertRejected(
        authenticator.authenticate(TENANT, bearer(wrongDirection)), "signature mismatch");
  }

  @Test
  void rejectsATokenForThisTenantSignedWithAnotherTenantsKey() {
    String forged =
        StoreTokens.signedWith(
            Hkdf.subkey(OTHER_KEY, Hkdf.OUTBOUND_INFO),
            HEADER,
            StoreTokens.claims(TENANT, IAT, "j"));

    assertRejected(authenticator.authenticate(TENANT, bearer(forged)), "signature mismatch");
  }

  @Test
  void rejectsAnotherTenantsGenuineTokenPresentedOnThisTenantsPath() {
    String otherTenantsToken =
        StoreTokens.signedWith(
            Hkdf.subkey(OTHER_KEY, Hkdf.OUTBOUND_INFO),
            HEADER,
            StoreTokens.claims(OTHER_TENANT, IAT, "j"));

    assertRejected(
        authenticator.authenticate(TENANT, bearer(otherTenantsToken)),
        "sub does not match path tenant");
    assertThat(authenticator.authenticate(OTHER_TENANT, bearer(otherTenantsToken)))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void rejectsSubOtherThanThePathTenantEvenWhenSignedWithThePathTenantsKey() {
    String token = StoreTokens.signed(HEADER, StoreTokens.claims(OTHER_TENANT, IAT, "j"));

    assertRejected(
        authenticator.authenticate(TENANT, bearer(token)), "sub does not match path tenant");
  }

  @Test
  void rejectsUnknownTenantAndBindingWithoutSecrets() {
    String unknown = StoreTokens.outbound("tenant-unknown", IAT, "j");
    String half = StoreTokens.outbound("tenant-half", IAT, "j");

    assertRejected(authenticator.authenticate("tenant-unknown", bearer(unknown)), "unknown tenant");
    assertRejected(authenticator.authenticate("tenant-half", bearer(half)), "unknown tenant");
    assertRejected(authenticator.authenticate(" ", bearer(token("j"))), "missing tenant");
    assertRejected(authenticator.authenticate(null, bearer(token("j"))), "missing tenant");
  }

  @Test
  void rejectsAlgNoneEvenWithAnEmptySignature() {
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String unsigned =
        CompactJws.encode(header)
            + "."
            + CompactJws.encode(StoreTokens.claims(TENANT, IAT, "j"))
            + ".";

    assertRejected(authenticator.authenticate(TENANT, bearer(unsigned)), "unsupported alg");
    assertRejected(
        authenticator.authenticate(
            TENANT, bearer(StoreTokens.signed(header, StoreTokens.claims(TENANT, IAT, "j")))),
        "unsupported alg");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
        "{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
        "{\"alg\":[\"HS256\"],\"typ\":\"JWT\"}",
        "{\"typ\":\"JWT\"}"
      })
  void rejectsAnyHeaderAlgOtherThanHs256(String header) {
    String token = StoreTokens.signed(header, StoreTokens.claims(TENANT, IAT, "j"));

    assertRejected(authenticator.authenticate(TENANT, bearer(token)), "unsupported alg");
  }

  @Test
  void rejectsHeadersThatAreNotObjectsOrCarryOddTypOrCrit() {
    assertRejected(
        authenticator.authenticate(
            TENANT,
            bearer(StoreTokens.signed("[\"HS256\"]", StoreTokens.claims(TENANT, IAT, "j")))),
        "header segment");
    assertRejected(
        authenticator.authenticate(
            TENANT,
            bearer(
                StoreTokens.signed(
                    "{\"alg\":\"HS256\",\"typ\":\"JWE\"}", StoreTokens.claims(TENANT, IAT, "j")))),
        "unsupported typ");
    assertRejected(
        authenticator.authenticate(
            TENANT,
            bearer(
                StoreTokens.signed(
                    "{\"alg\":\"HS256\",\"alg\":\"none\"}", StoreTokens.claims(TENANT, IAT, "j")))),
        "header segment");
    assertRejected(
        authenticator.authenticate(
            TENANT,
            bearer(
                StoreTokens.signed(
                    "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
                    StoreTokens.claims(TENANT, IAT, "j")))),
        "crit");
  }

  @Test
  void acceptsAHeaderWithoutTyp() {
    String token = StoreTokens.signed("{\"alg\":\"HS256\"}", StoreTokens.claims(TENANT, IAT, "j"));

    assertThat(authenticator.authenticate(TENANT, bearer(token))).isInstanceOf(Authenticated.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "sub", "aud", "iat", "nbf", "exp", "jti"})
  void rejectsATokenMissingAClaim(String claim) {
    String claims =
        StoreTokens.claims(TENANT, IAT, "j")
            .replaceFirst("\"" + claim + "\":(\"[^\"]*\"|\\d+),?", "");
    claims = claims.replace(",}", "}");

    AuthResult result =
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, claims)));

    assertThat(result).isInstanceOf(Rejected.class);
  }

  @Test
  void rejectsWrongIssuerAndAudience() {
    String wrongIss =
        StoreTokens.claims(TENANT, IAT, "j").replace("\"magento\"", "\"byte8-ledger\"");
    String arrayAud =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"aud\":\"byte8-ledger\"", "\"aud\":[\"byte8-ledger\"]");
    String wrongAud =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"aud\":\"byte8-ledger\"", "\"aud\":\"magento\"");

    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, wrongIss))),
        "iss mismatch");
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, arrayAud))),
        "aud mismatch");
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, wrongAud))),
        "aud mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1767225600\"", "1.7672256E9", "1767225600.0", "true", "null"})
  void rejectsIatThatIsNotAJsonInteger(String iat) {
    String claims =
        StoreTokens.claims(TENANT, IAT, "j").replace("\"iat\":" + IAT, "\"iat\":" + iat);

    AuthResult result =
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, claims)));

    assertRejected(result, "iat missing or not an integer");
  }

  @Test
  void rejectsFloatExpAndStringNbf() {
    String floatExp =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"exp\":" + (IAT + 60), "\"exp\":1.76722566e9");
    String stringNbf =
        StoreTokens.claims(TENANT, IAT, "j").replace("\"nbf\":" + IAT, "\"nbf\":\"" + IAT + "\"");

    assertThat(authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, floatExp))))
        .isInstanceOf(Rejected.class);
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, stringNbf))),
        "nbf missing or not an integer");
  }

  @Test
  void rejectsEmptyOrNonStringJti() {
    String empty = StoreTokens.claims(TENANT, IAT, "");
    String number = StoreTokens.claims(TENANT, IAT, "x").replace("\"jti\":\"x\"", "\"jti\":42");

    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, empty))),
        "jti missing");
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, number))),
        "jti missing");
  }

  @Test
  void aCorrectlySignedExpiredTokenIsAClockProblemNotARejection() {
    clock.setEpochSecond(IAT + 60 + 60);

    assertSkewed(authenticator.authenticate(TENANT, bearer(token("j"))), "expired", -120);
  }

  @Test
  void aCorrectlySignedTokenIssuedBeyondTheAllowedSkewIsAClockProblem() {
    clock.setEpochSecond(IAT - 61);

    assertSkewed(authenticator.authenticate(TENANT, bearer(token("j"))), "iat", 61);
  }

  @Test
  void aCorrectlySignedTokenNotYetValidIsAClockProblem() {
    String claims =
        StoreTokens.claims(TENANT, IAT, "j").replace("\"nbf\":" + IAT, "\"nbf\":" + (IAT + 61));

    assertSkewed(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, claims))),
        "not yet valid",
        0);
  }

  @Test
  void honoursAConfiguredSkewOfZero() {
    WebhookAuthenticator strict =
        MagentoAdapter.webhookAuthenticator(bindings, replayGuard, clock, Duration.ZERO);
    clock.setEpochSecond(IAT - 1);

    assertSkewed(
        strict.authenticate(TENANT, bearer(token("j"))), "iat is too far in the future", 1);
  }

  @Test
  void aBadSignatureIsRejectedEvenWhenTheTimesAreAlsoWrong() {
    clock.setEpochSecond(IAT + 3600);
    String claims = StoreTokens.claims(TENANT, IAT, "j");
    String forged = StoreTokens.signedWith(new byte[32], HEADER, claims);

    assertRejected(authenticator.authenticate(TENANT, bearer(forged)), "signature");
  }

  @Test
  void aClockProblemDoesNotBurnTheJtiSoTheRetryOfTheSameTokenIsNotAReplay() {
    clock.setEpochSecond(IAT + 60 + 60);
    String token = token("same-jti");
    assertSkewed(authenticator.authenticate(TENANT, bearer(token)), "expired", -120);

    clock.setEpochSecond(IAT);
    assertThat(authenticator.authenticate(TENANT, bearer(token)))
        .isInstanceOf(WebhookAuthenticator.Authenticated.class);
    assertRejected(authenticator.authenticate(TENANT, bearer(token)), "replay");
  }

  @Test
  void rejectsTimeClaimsMoreThanADayFromNowWithoutOverflowing() {
    String overflow =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"iat\":" + IAT, "\"iat\":" + Long.MIN_VALUE)
            .replace("\"exp\":" + (IAT + 60), "\"exp\":" + (Long.MIN_VALUE + 200));
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, overflow))),
        "more than a day");

    String wrapped =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"iat\":" + IAT, "\"iat\":" + Long.MIN_VALUE)
            .replace("\"exp\":" + (IAT + 60), "\"exp\":" + (IAT + 60));
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, wrapped))),
        "more than a day");

    String farFuture =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"exp\":" + (IAT + 60), "\"exp\":" + (IAT + 90_000));
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, farFuture))),
        "more than a day");
  }

  @Test
  void rejectsALifetimeAboveThreeHundredSeconds() {
    String claims =
        StoreTokens.claims(TENANT, IAT, "j")
            .replace("\"exp\":" + (IAT + 60), "\"exp\":" + (IAT + 301));

    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, claims))),
        "lifetime exceeds");
  }

  @Test
  void rejectsAReplayedJtiButNotTheSameJtiForAnotherTenant() {
    assertThat(authenticator.authenticate(TENANT, bearer(token("same"))))
        .isInstanceOf(Authenticated.class);

    assertRejected(authenticator.authenticate(TENANT, bearer(token("same"))), "replay");

    String other =
        StoreTokens.signedWith(
            Hkdf.subkey(OTHER_KEY, Hkdf.OUTBOUND_INFO),
            HEADER,
            StoreTokens.claims(OTHER_TENANT, IAT, "same"));
    assertThat(authenticator.authenticate(OTHER_TENANT, bearer(other)))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void doesNotBurnTheJtiOfARejectedToken() {
    String forged =
        StoreTokens.signedWith(new byte[32], HEADER, StoreTokens.claims(TENANT, IAT, "j"));
    authenticator.authenticate(TENANT, bearer(forged));

    assertThat(replayGuard.size()).isZero();
    assertThat(authenticator.authenticate(TENANT, bearer(token("j"))))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void rejectsTruncatedPaddedAndExtraSegments() {
    String good = token("j");
    String[] parts = good.split("\\.");

    assertRejected(authenticator.authenticate(TENANT, bearer(parts[0] + "." + parts[1])), "three");
    assertRejected(authenticator.authenticate(TENANT, bearer(good + ".x")), "three");
    assertRejected(
        authenticator.authenticate(
            TENANT, bearer(parts[0] + "." + parts[1] + "." + parts[2] + "=")),
        "signature segment");
    assertRejected(
        authenticator.authenticate(
            TENANT, bearer(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40))),
        "signature segment");
    assertRejected(
        authenticator.authenticate(TENANT, bearer(parts[0] + "==." + parts[1] + "." + parts[2])),
        "header segment");
    assertRejected(
        authenticator.authenticate(
            TENANT,
            bearer(parts[0] + "." + parts[1].substring(0, parts[1].length() - 3) + "." + parts[2])),
        "payload segment");
    assertRejected(authenticator.authenticate(TENANT, bearer("..")), "header segment");
  }

  @Test
  void rejectsASignatureWithANonCanonicalLastCharacter() {
    String good = token("j");
    // the 43rd character carries 2 unused bits; flipping them keeps the decoded bytes
    char last = good.charAt(good.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String malleated = good.substring(0, good.length() - 1) + twin;

    assertRejected(authenticator.authenticate(TENANT, bearer(malleated)), "signature segment");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Token abc.def.ghi",
        "Bearer  abc.def.ghi",
        "Bearerabc.def.ghi",
        "garbage",
        "Bearer not a token"
      })
  void rejectsMissingOrMalformedAuthorization(String header) {
    assertThat(authenticator.authenticate(TENANT, header)).isInstanceOf(Rejected.class);
  }

  @Test
  void rejectsNullAuthorizationAndGarbageTokens() {
    assertRejected(authenticator.authenticate(TENANT, null), "Bearer");
    assertRejected(authenticator.authenticate(TENANT, "Bearer a.b.c"), "header segment");
    assertRejected(
        authenticator.authenticate(TENANT, "Bearer " + "A".repeat(9000)), "token too long");
    String notJson = CompactJws.encode("not json") + ".e30." + CompactJws.encode(new byte[32]);
    assertRejected(authenticator.authenticate(TENANT, bearer(notJson)), "header segment");
  }

  @Test
  void rejectsPayloadWithTrailingGarbageOrDuplicateClaims() {
    String trailing = StoreTokens.claims(TENANT, IAT, "j") + "{}";
    String duplicateSub =
        StoreTokens.claims(TENANT, IAT, "j").replace("{", "{\"sub\":\"" + OTHER_TENANT + "\",");

    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, trailing))),
        "payload segment");
    assertRejected(
        authenticator.authenticate(TENANT, bearer(StoreTokens.signed(HEADER, duplicateSub))),
        "payload segment");
  }

  @Test
  void reasonsNeverContainTheTokenOrKeyMaterial() {
    String token =
        StoreTokens.signedWith(new byte[32], HEADER, StoreTokens.claims(TENANT, IAT, "j"));
    Rejected rejected = (Rejected) authenticator.authenticate(TENANT, bearer(token));

    assertThat(rejected.reason())
        .doesNotContain(token.split("\\.")[2])
        .doesNotContain(MASTER_KEY)
        .doesNotContain(new String(StoreTokens.OUTBOUND_SUBKEY, StandardCharsets.ISO_8859_1));
  }

  private static String token(String jti) {
    return StoreTokens.outbound(TENANT, IAT, jti);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static void assertSkewed(AuthResult result, String reasonFragment, long skew) {
    assertThat(result).isInstanceOf(WebhookAuthenticator.ClockSkewed.class);
    assertThat(((WebhookAuthenticator.ClockSkewed) result).reason()).contains(reasonFragment);
    assertThat(((WebhookAuthenticator.ClockSkewed) result).skewSeconds()).isEqualTo(skew);
  }

  private static void assertRejected(AuthResult result, String reasonFragment) {
    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).contains(reasonFragment);
  }
}
