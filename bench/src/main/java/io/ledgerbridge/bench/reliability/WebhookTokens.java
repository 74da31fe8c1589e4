package io.ledgerbridge.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints store webhook tokens byte for byte (WIRE §2.2, §2.3, §2.4), and deliberately broken
 * variants of them: the header and claims are raw JSON text, so a claim can be a float, a string or
 * missing, and any key and HMAC algorithm can sign. JDK only, independent of the adapter under
 * test.
 */
public final class WebhookTokens {
  public static final String OUTBOUND_INFO = "byte8-magento-outbound-v1";
  public static final String INBOUND_INFO = "byte8-magento-inbound-v1";

  /** The header the store emits, exactly (WIRE §2.3). */
  public static final String STORE_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private WebhookTokens() {}

  /** HKDF-SHA256 (empty salt, L = 32) of the master key with the outbound info. */
  public static byte[] outboundKey(String apiKey) {
    return hkdf(apiKey, OUTBOUND_INFO);
  }

  /** HKDF-SHA256 of the master key with the inbound info (the wrong key for webhooks). */
  public static byte[] inboundKey(String apiKey) {
    return hkdf(apiKey, INBOUND_INFO);
  }

  static byte[] hkdf(String apiKey, String info) {
    Objects.requireNonNull(apiKey, "apiKey");
    byte[] prk = hmac("HmacSHA256", new byte[32], apiKey.getBytes(StandardCharsets.UTF_8));
    byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
    byte[] msg = new byte[infoBytes.length + 1];
    System.arraycopy(infoBytes, 0, msg, 0, infoBytes.length);
    msg[infoBytes.length] = 1;
    return hmac("HmacSHA256", prk, msg);
  }

  /** Base64url without padding of the UTF-8 bytes of {@code text}. */
  public static String segment(String text) {
    return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String base64Url(byte[] bytes) {
    return B64URL.encodeToString(bytes);
  }

  /** {@code header.payload.signature}, signed with HMAC-SHA256 under {@code key}. */
  public static String sign(String headerJson, String payloadJson, byte[] key) {
    return sign(headerJson, payloadJson, key, "HmacSHA256");
  }

  /** Same with any JDK HMAC algorithm ({@code HmacSHA512} for an honest HS512 token). */
  public static String sign(
      String headerJson, String payloadJson, byte[] key, String macAlgorithm) {
    String input = segment(headerJson) + "." + segment(payloadJson);
    byte[] sig = hmac(macAlgorithm, key, input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64URL.encodeToString(sig);
  }

  static byte[] hmac(String algorithm, byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
    }
  }

  /** JSON string literal of {@code text}, quotes included. */
  public static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Claims as raw JSON literals in insertion order. {@link #store} gives what the store emits:
   * {@code iss, sub, aud, iat, nbf=iat, exp=iat+60, jti}.
   */
  public static final class Claims {
    private final Map<String, String> raw = new LinkedHashMap<>();

    private Claims() {}

    public static Claims store(String tenant, long iat, String jti) {
      return new Claims()
          .text("iss", "magento")
          .text("sub", tenant)
          .text("aud", "byte8-ledger")
          .raw("iat", Long.toString(iat))
          .raw("nbf", Long.toString(iat))
          .raw("exp", Long.toString(iat + 60))
          .text("jti", jti);
    }

    public static Claims empty() {
      return new Claims();
    }

    /** Sets {@code name} to a raw JSON literal ({@code 1.7e9}, {@code true}, {@code ["a"]}). */
    public Claims raw(String name, String jsonLiteral) {
      raw.put(name, jsonLiteral);
      return this;
    }

    public Claims text(String name, String value) {
      return raw(name, quote(value));
    }

    public Claims number(String name, long value) {
      return raw(name, Long.toString(value));
    }

    public Claims remove(String name) {
      raw.remove(name);
      return this;
    }

    public String toJson() {
      StringBuilder b = new StringBuilder("{");
      raw.forEach(
          (k, v) -> {
            if (b.length() > 1) {
              b.append(',');
            }
            b.append(quote(k)).append(':').append(v);
          });
      return b.append('}').toString();
    }
  }
}
