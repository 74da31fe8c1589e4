package io.ledgerbridge.adapter.magento;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies the store's outbound webhook token (WIRE §2.4): {@code Authorization: Bearer <jws>},
 * HS256 with the HKDF outbound subkey of the tenant's api_key.
 *
 * <p>Checks, first failure wins: Bearer scheme; three strict base64url segments; header a JSON
 * object with {@code alg} exactly {@code HS256} (and {@code typ}, if present, {@code JWT}); payload
 * a JSON object (no duplicate keys) with {@code iss=magento}, {@code aud="byte8-ledger"} as a
 * string, {@code sub} equal to the path tenant, {@code iat}/{@code nbf}/{@code exp} JSON integers
 * each within a day of now (nonsense otherwise, and the bound keeps every difference from
 * overflowing), a non-empty {@code jti}, {@code 0 < exp-iat <= 300}; then the tenant's secrets;
 * then the signature (HMAC-SHA256 over the received header and payload, compared in constant time;
 * the header is already pinned to HS256, so the token never chooses the algorithm). Every failure
 * so far is {@link Rejected} (401). Then the time window: {@code iat} and {@code nbf} not beyond
 * {@code now + skew}, {@code exp + skew > now}; a correctly signed token outside it is {@link
 * ClockSkewed} (503: the store signs each retry afresh). Last the {@code jti} must be used for the
 * first time, so forged, invalid or mistimed tokens never burn a {@code jti}. The claim checks read
 * the raw payload JSON, strictly typed. Reasons are for logs and never contain secrets or the
 * token.
 */
final class MagentoWebhookAuthenticator implements WebhookAuthenticator {
  static final String ISSUER = "magento";
  static final String AUDIENCE = "byte8-ledger";
  static final long MAX_LIFETIME_SECONDS = 300;
  static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
  static final int MAX_TOKEN_LENGTH = 8192;

  /** A time claim further than this from now is nonsense (or an overflow attempt), not skew. */
  static final long MAX_CLAIM_DISTANCE_SECONDS = 86_400;

  private static final String BEARER = "Bearer ";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final BindingRepository bindings;
  private final ReplayGuard replayGuard;
  private final Clock clock;
  private final long skewSeconds;
  private final Subkeys subkeys = new Subkeys();

  MagentoWebhookAuthenticator(
      BindingRepository bindings, ReplayGuard replayGuard, Clock clock, Duration skew) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(skew, "skew");
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("clock skew must be between 0 and 10 minutes: " + skew);
    }
    this.skewSeconds = skew.toSeconds();
  }

  @Override
  public AuthResult authenticate(String pathTenantId, String authorizationHeader) {
    if (pathTenantId == null || pathTenantId.isBlank()) {
      return reject("missing tenant in path");
    }
    Optional<String> bearer = bearerToken(authorizationHeader);
    if (bearer.isEmpty()) {
      return reject("missing or malformed Bearer authorization");
    }
    String token = bearer.get();
    if (token.length() > MAX_TOKEN_LENGTH) {
      return reject("token too long");
    }
    String[] segments = token.split("\\.", -1);
    if (segments.length != 3) {
      return reject("malformed token: expected three dot-separated segments");
    }
    Optional<JsonNode> header = jsonObject(segments[0]);
    if (header.isEmpty()) {
      return reject("header segment is not a base64url JSON object");
    }
    JsonNode alg = header.get().get("alg");
    if (alg == null || !alg.isTextual() || !"HS256".equals(alg.textValue())) {
      return reject("unsupported alg (only HS256 is accepted)");
    }
    JsonNode typ = header.get().get("typ");
    if (typ != null && !(typ.isTextual() && "JWT".equals(typ.textValue()))) {
      return reject("unsupported typ (only JWT is accepted)");
    }
    if (header.get().has("crit")) {
      return reject("unsupported crit header");
    }
    Optional<JsonNode> payload = jsonObject(segments[1]);
    if (payload.isEmpty()) {
      return reject("payload segment is not a base64url JSON object");
    }
    Optional<byte[]> signature = CompactJws.decodeStrict(segments[2]);
    if (signature.isEmpty() || signature.get().length != Hkdf.HASH_LEN) {
      return reject("signature segment is malformed");
    }

    JsonNode claims = payload.get();
    if (!textEquals(claims.get("iss"), ISSUER)) {
      return reject("iss mismatch");
    }
    if (!textEquals(claims.get("aud"), AUDIENCE)) {
      return reject("aud mismatch");
    }
    if (!textEquals(claims.get("sub"), pathTenantId)) {
      return reject("sub does not match path tenant");
    }
    OptionalLong iat = integer(claims.get("iat"));
    if (iat.isEmpty()) {
      return reject("iat missing or not an integer");
    }
    OptionalLong nbf = integer(claims.get("nbf"));
    if (nbf.isEmpty()) {
      return reject("nbf missing or not an integer");
    }
    OptionalLong exp = integer(claims.get("exp"));
    if (exp.isEmpty()) {
      return reject("exp missing or not an integer");
    }
    JsonNode jti = claims.get("jti");
    if (jti == null || !jti.isTextual() || jti.textValue().isEmpty()) {
      return reject("jti missing or empty");
    }
    long now = clock.instant().getEpochSecond();
    for (long t : new long[] {iat.getAsLong(), nbf.getAsLong(), exp.getAsLong()}) {
      if (Math.abs(t - now) > MAX_CLAIM_DISTANCE_SECONDS) {
        return reject("a time claim is more than a day from now");
      }
    }
    // within a day of now on both sides, so these differences cannot overflow
    if (exp.getAsLong() <= iat.getAsLong()) {
      return reject("exp is not after iat");
    }
    if (exp.getAsLong() - iat.getAsLong() > MAX_LIFETIME_SECONDS) {
      return reject("token lifetime exceeds policy ceiling of " + MAX_LIFETIME_SECONDS + "s");
    }
    Optional<BindingSecrets> secrets = bindings.secrets(pathTenantId);
    if (secrets.isEmpty()) {
      return reject("unknown tenant or binding without secrets");
    }
    Optional<String> signatureProblem =
        verifySignature(segments, signature.get(), subkeys.outbound(secrets.get().apiKey()));
    if (signatureProblem.isPresent() && secrets.get().nextApiKey() != null) {
      // a re-pair offered the store a new key and has not confirmed it yet: the store may be
      // signing with it already, and none of its events may be refused meanwhile
      Optional<String> withOffered =
          verifySignature(segments, signature.get(), subkeys.outbound(secrets.get().nextApiKey()));
      if (withOffered.isEmpty()) {
        signatureProblem = withOffered;
      }
    }
    if (signatureProblem.isPresent()) {
      return reject(signatureProblem.get());
    }
    // signed by the tenant's key: a time window we do not share is a clock problem, not forgery
    if (iat.getAsLong() > now + skewSeconds) {
      return skewed("iat is too far in the future", iat.getAsLong() - now);
    }
    if (nbf.getAsLong() > now + skewSeconds) {
      return skewed("token not yet valid (nbf > now)", iat.getAsLong() - now);
    }
    if (exp.getAsLong() + skewSeconds <= now) {
      return skewed("token expired", iat.getAsLong() - now);
    }
    Instant forgetAfter = Instant.ofEpochSecond(exp.getAsLong() + skewSeconds);
    if (!replayGuard.firstUse("webhook:" + pathTenantId, jti.textValue(), forgetAfter)) {
      return reject("jti already seen: replay rejected");
    }
    return new Authenticated(pathTenantId, jti.textValue());
  }

  /**
   * The HS256 signature check (RFC 7515 §5.2): HMAC-SHA256 with the key over the first two segments
   * exactly as received ({@link CompactJws#signature}, as the minter signs), compared in constant
   * time with the decoded third. The header was pinned to HS256 above, so the algorithm is never
   * the token's choice.
   */
  private static Optional<String> verifySignature(
      String[] segments, byte[] signature, byte[] outboundKey) {
    if (outboundKey.length < Hkdf.HASH_LEN) {
      return Optional.of("key shorter than HS256 requires");
    }
    byte[] expected = CompactJws.signature(outboundKey, segments[0] + "." + segments[1]);
    return MessageDigest.isEqual(expected, signature)
        ? Optional.empty()
        : Optional.of("signature mismatch");
  }

  static Optional<String> bearerToken(String authorizationHeader) {
    if (authorizationHeader == null) {
      return Optional.empty();
    }
    String value = authorizationHeader.strip();
    if (value.length() <= BEARER.length()
        || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = value.substring(BEARER.length());
    for (int i = 0; i < token.length(); i++) {
      if (Character.isWhitespace(token.charAt(i)) || Character.isISOControl(token.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(token);
  }

  private static Optional<JsonNode> jsonObject(String segment) {
    Optional<byte[]> bytes = CompactJws.decodeStrict(segment);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(new String(bytes.get(), StandardCharsets.UTF_8));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean textEquals(JsonNode node, String expected) {
    return node != null && node.isTextual() && expected.equals(node.textValue());
  }

  /** A JSON integer literal that fits a long; floats, exponents and strings do not count. */
  private static OptionalLong integer(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(node.longValue());
  }

  private static AuthResult reject(String reason) {
    return new Rejected(reason);
  }

  private static AuthResult skewed(String reason, long skewSeconds) {
    return new ClockSkewed(reason, skewSeconds);
  }
}
