package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model/Jwt/Verifier re-implemented: the WIRE §2.5 rules in order, first failure wins, with the
 * WIRE §2.6 reason strings. Includes the jti replay cache ({@code byte8_jti:sha1hex(jti)}, TTL
 * {@code max(1, exp - now)}).
 */
final class InboundVerifier {

  static final String NOT_CONNECTED = "not connected (tenant_id or api_key missing)";
  static final String NOT_BYTE8 =
      "token not addressed to Byte8 (unverified iss/aud peek failed); Magento token handlers 401";
  static final String NOT_HTTPS =
      "inbound JWT rejected — request is not HTTPS and deploy mode is production";
  static final String NO_BEARER = "no Bearer token";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Replay cache: key {@code byte8_jti:<sha1hex(jti)>} to expiry (Unix seconds). */
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  InboundVerdict verifyAndRemember(String token, String tenantId, String apiKey, long now) {
    InboundVerdict verdict = verifyStateless(token, tenantId, apiKey, now);
    if (!(verdict instanceof InboundVerdict.Accepted accepted)) {
      return verdict;
    }
    String key = replayKey(accepted.jti());
    long ttl = Math.max(1, accepted.exp() - now);
    boolean[] replay = {false};
    seen.compute(
        key,
        (k, expiresAt) -> {
          if (expiresAt != null && expiresAt > now) {
            replay[0] = true;
            return expiresAt;
          }
          return now + ttl;
        });
    return replay[0] ? new InboundVerdict.Rejected("jti already seen — replay rejected") : verdict;
  }

  static String replayKey(String jti) {
    return "byte8_jti:" + StoreCrypto.sha1Hex(jti);
  }

  /** Rules 1 to 10 of WIRE §2.5 (everything except the replay cache). */
  static InboundVerdict verifyStateless(String token, String tenantId, String apiKey, long now) {
    if (tenantId == null || tenantId.isEmpty() || apiKey == null || apiKey.isEmpty()) {
      return reject(NOT_CONNECTED);
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return reject("malformed token: expected three dot-separated segments");
    }
    if (parts[0].isEmpty()) {
      return reject("header segment is empty");
    }
    JsonNode header = decodeObject(parts[0]);
    if (header == null) {
      return reject("header segment is not a JSON object");
    }
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual() || !alg.textValue().equals("HS256")) {
      return reject("unsupported alg (only HS256 is accepted)");
    }
    JsonNode typ = header.get("typ");
    if (typ == null || !typ.isTextual() || !typ.textValue().equals("JWT")) {
      return reject("unsupported typ (only JWT is accepted)");
    }
    byte[] expected =
        StoreCrypto.hmacSha256(
            StoreCrypto.inboundSubkey(apiKey),
            (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
    byte[] provided = StoreCrypto.base64UrlDecode(parts[2]);
    if (provided == null || !MessageDigest.isEqual(expected, provided)) {
      return reject("signature mismatch");
    }
    if (parts[1].isEmpty()) {
      return reject("payload segment is empty");
    }
    JsonNode payload = decodeObject(parts[1]);
    if (payload == null) {
      return reject("payload segment is not a JSON object");
    }
    if (!isString(payload.get("iss"), "byte8-ledger")) {
      return reject("iss mismatch");
    }
    if (!isString(payload.get("aud"), "magento")) {
      return reject("aud mismatch");
    }
    if (!isString(payload.get("sub"), tenantId)) {
      return reject("sub does not match stored tenant_id");
    }
    for (String claim : new String[] {"iat", "nbf", "exp"}) {
      JsonNode n = payload.get(claim);
      if (n == null || !(n.isInt() || n.isLong())) {
        return reject(claim + " missing or not an integer");
      }
    }
    JsonNode jti = payload.get("jti");
    if (jti == null || !jti.isTextual() || jti.textValue().isEmpty()) {
      return reject("jti missing or empty");
    }
    long iat = payload.get("iat").longValue();
    long nbf = payload.get("nbf").longValue();
    long exp = payload.get("exp").longValue();
    if (iat > now + 30) {
      return reject("iat is too far in the future (clock skew exceeded)");
    }
    if (nbf > now) {
      return reject("token not yet valid (nbf > now)");
    }
    if (exp <= now) {
      return reject("token expired");
    }
    if (exp - iat > 300) {
      return reject("token TTL exceeds policy ceiling of 300s");
    }
    return new InboundVerdict.Accepted(tenantId, jti.textValue(), iat, nbf, exp);
  }

  /**
   * The pre-check Magento's token-handler plugin does on the UNVERIFIED payload: only tokens with
   * {@code iss == "byte8-ledger"} and {@code aud == "magento"} reach the verifier.
   */
  static boolean claimedByByte8(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length < 2) {
      return false;
    }
    JsonNode payload = decodeObject(parts[1]);
    return payload != null
        && isString(payload.get("iss"), "byte8-ledger")
        && isString(payload.get("aud"), "magento");
  }

  private static boolean isString(JsonNode node, String expected) {
    return node != null && node.isTextual() && node.textValue().equals(expected);
  }

  private static JsonNode decodeObject(String segment) {
    byte[] bytes = StoreCrypto.base64UrlDecode(segment);
    if (bytes == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static InboundVerdict reject(String reason) {
    return new InboundVerdict.Rejected(reason);
  }
}
