package io.ledgerbridge.adapter.magento;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) as the store uses it (WIRE §2.2): salt of 32 zero bytes, output length 32,
 * IKM the UTF-8 bytes of the master api_key.
 */
final class Hkdf {
  static final String OUTBOUND_INFO = "byte8-magento-outbound-v1";
  static final String INBOUND_INFO = "byte8-magento-inbound-v1";
  static final int HASH_LEN = 32;

  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /** {@code PRK = HMAC-SHA256(salt, ikm)}; an empty salt means 32 zero bytes. */
  static byte[] extract(byte[] salt, byte[] ikm) {
    byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
    return hmac(s, ikm);
  }

  /** {@code OKM = T(1) || T(2) ...} truncated to {@code length} bytes. */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("invalid HKDF output length " + length);
    }
    byte[] okm = new byte[length];
    byte[] previous = new byte[0];
    int offset = 0;
    for (int counter = 1; offset < length; counter++) {
      byte[] input = new byte[previous.length + info.length + 1];
      System.arraycopy(previous, 0, input, 0, previous.length);
      System.arraycopy(info, 0, input, previous.length, info.length);
      input[input.length - 1] = (byte) counter;
      previous = hmac(prk, input);
      int n = Math.min(previous.length, length - offset);
      System.arraycopy(previous, 0, okm, offset, n);
      offset += n;
    }
    Arrays.fill(previous, (byte) 0);
    return okm;
  }

  /** The store's subkey for {@code info} derived from the master {@code apiKey}. */
  static byte[] subkey(String apiKey, String info) {
    Objects.requireNonNull(apiKey, "apiKey");
    byte[] prk = extract(null, apiKey.getBytes(StandardCharsets.UTF_8));
    try {
      return expand(prk, info.getBytes(StandardCharsets.US_ASCII), HASH_LEN);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
