package io.ledgerbridge.app.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints store webhook tokens as the connector's Signer does (WIRE §2.2 to §2.4), deriving the
 * outbound subkey once so that the driver's own CPU cost per request stays small.
 */
final class StoreSigner {
  private static final String HEADER =
      b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private final byte[] subkey;
  private final String tenant;

  StoreSigner(String apiKey, String tenant) {
    byte[] prk = hmac(new byte[32], apiKey.getBytes(StandardCharsets.UTF_8));
    this.subkey = hmac(prk, "byte8-magento-outbound-v1\u0001".getBytes(StandardCharsets.US_ASCII));
    this.tenant = tenant;
  }

  String token(long iat, String jti) {
    String claims =
        "{\"iss\":\"magento\",\"sub\":\"" + tenant + "\",\"aud\":\"byte8-ledger\",\"iat\":" + iat
            + ",\"nbf\":" + iat + ",\"exp\":" + (iat + 60) + ",\"jti\":\"" + jti + "\"}";
    String input = HEADER + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
    return input + "." + b64(hmac(subkey, input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
