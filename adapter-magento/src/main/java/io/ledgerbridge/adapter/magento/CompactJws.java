package io.ledgerbridge.adapter.magento;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Compact HS256 JWS primitives (WIRE §2.3): base64url without padding, strict decoding, and the
 * HMAC over the received {@code header.payload} text. Used by the minter and the verifier so both
 * directions share one encoding.
 */
final class CompactJws {
  /** The only header the store emits and accepts: {@code {"alg":"HS256","typ":"JWT"}}. */
  static final String HS256_HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private CompactJws() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  static String encode(String utf8) {
    return encode(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a base64url segment strictly: URL alphabet only, no padding, no whitespace, and the
   * canonical encoding (unused trailing bits zero). Empty segments are rejected.
   */
  static Optional<byte[]> decodeStrict(String segment) {
    if (segment == null || segment.isEmpty() || segment.length() % 4 == 1) {
      return Optional.empty();
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return Optional.empty();
      }
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(segment);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return ENCODER.encodeToString(bytes).equals(segment) ? Optional.of(bytes) : Optional.empty();
  }

  /** HMAC-SHA256 of the ASCII signing input {@code headerSeg.payloadSeg}. */
  static byte[] signature(byte[] key, String signingInput) {
    return Hkdf.hmac(key, signingInput.getBytes(StandardCharsets.US_ASCII));
  }

  /** Signs {@code payloadJson} under {@code headerJson} exactly as given (no re-serialisation). */
  static String sign(byte[] key, String headerJson, String payloadJson) {
    String signingInput = encode(headerJson) + "." + encode(payloadJson);
    return signingInput + "." + encode(signature(key, signingInput));
  }
}
