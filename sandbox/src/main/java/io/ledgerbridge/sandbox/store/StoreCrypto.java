package io.ledgerbridge.sandbox.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-written WIRE §2.2/§2.3 primitives: HKDF-SHA256 (empty salt = 32 zero bytes, L = 32),
 * unpadded base64url, HS256 and sha1hex. Deliberately independent of any JWT library.
 */
final class StoreCrypto {

  static final String OUTBOUND_INFO = "byte8-magento-outbound-v1";
  static final String INBOUND_INFO = "byte8-magento-inbound-v1";
  static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private StoreCrypto() {}

  static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** PRK = HMAC(0x00*32, IKM); OKM = HMAC(PRK, info || 0x01). */
  static byte[] hkdfPrk(String masterKey) {
    return hmacSha256(new byte[32], masterKey.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hkdf(String masterKey, String info) {
    byte[] prk = hkdfPrk(masterKey);
    byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
    byte[] t1Input = new byte[infoBytes.length + 1];
    System.arraycopy(infoBytes, 0, t1Input, 0, infoBytes.length);
    t1Input[infoBytes.length] = 0x01;
    return hmacSha256(prk, t1Input);
  }

  static byte[] outboundSubkey(String masterKey) {
    return hkdf(masterKey, OUTBOUND_INFO);
  }

  static byte[] inboundSubkey(String masterKey) {
    return hkdf(masterKey, INBOUND_INFO);
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Strict-alphabet base64url decode with optional padding. Returns null when the text is not valid
   * base64url.
   */
  static byte[] base64UrlDecode(String text) {
    String s = text;
    while (s.endsWith("=")) {
      s = s.substring(0, s.length() - 1);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return null;
      }
    }
    if (s.length() % 4 == 1) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Compact HS256 JWS over the given header and claims JSON texts. */
  static String sign(byte[] subkey, String headerJson, String claimsJson) {
    String signingInput =
        base64Url(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
    byte[] sig = hmacSha256(subkey, signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + base64Url(sig);
  }

  /** Claims exactly as Model/Jwt/Signer emits them (WIRE §2.4), JSON_UNESCAPED_SLASHES. */
  static String outboundClaims(String tenantId, long iat, String jti) {
    return claims("magento", tenantId, "byte8-ledger", iat, iat, iat + 60, jti);
  }

  static String claims(
      String iss, String sub, String aud, long iat, long nbf, long exp, String jti) {
    PhpJson j = PhpJson.unescapedSlashes();
    j.beginObject();
    j.name("iss").value(iss);
    j.name("sub").value(sub);
    j.name("aud").value(aud);
    j.name("iat").value(iat);
    j.name("nbf").value(nbf);
    j.name("exp").value(exp);
    j.name("jti").value(jti);
    j.endObject();
    return j.toString();
  }

  static String outboundToken(String masterKey, String tenantId, long iat, String jti) {
    return sign(outboundSubkey(masterKey), HEADER_JSON, outboundClaims(tenantId, iat, jti));
  }

  static String inboundToken(String masterKey, String tenantId, long iat, long exp, String jti) {
    return sign(
        inboundSubkey(masterKey),
        HEADER_JSON,
        claims("byte8-ledger", tenantId, "magento", iat, iat, exp, jti));
  }

  static String sha1Hex(String text) {
    try {
      return hex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }
}
