package io.ledgerbridge.ports.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short tamper-proof tokens for the connect flows (the link that starts a Sage connection, the
 * OAuth {@code state}, the business-choice token): a purpose, fields, a random nonce and an expiry,
 * signed with HMAC-SHA256 under a key derived from the installation's secret key. The purpose is
 * signed too, so a token minted for one use is refused for another. Single use, where wanted, is
 * the caller's business (a replay guard on the nonce).
 *
 * <p>Format: {@code base64url(purpose) . base64url(field)* . nonce . expiryEpochSecond . mac}.
 */
public final class SignedTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAX_TOKEN_CHARS = 8192;

  private final byte[] key;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param secretKey the installation's secret key; the signing key is derived from it, so the
   *     secret key itself never signs anything readable
   */
  public SignedTokens(byte[] secretKey, Clock clock) {
    Objects.requireNonNull(secretKey, "secretKey");
    if (secretKey.length < 16) {
      throw new IllegalArgumentException("secret key is shorter than 16 bytes");
    }
    this.key =
        hmac(secretKey, "ledgerbridge connect-flow tokens v1".getBytes(StandardCharsets.UTF_8));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A verified token: its fields, nonce and expiry. */
  public record Verified(List<String> fields, String nonce, Instant expiresAt) {}

  /** A new token for {@code purpose} carrying {@code fields}, valid for {@code validity}. */
  public String mint(String purpose, Duration validity, String... fields) {
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    long expiry = clock.instant().plus(validity).getEpochSecond();
    StringBuilder body = new StringBuilder(encode(purpose));
    for (String f : fields) {
      body.append('.').append(encode(Objects.requireNonNull(f, "field")));
    }
    body.append('.').append(nonce).append('.').append(expiry);
    return body
        + "."
        + B64.encodeToString(hmac(key, body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The token's content if it is well formed, signed by this installation for {@code purpose},
   * carries {@code fieldCount} fields and has not expired; empty otherwise.
   */
  public Optional<Verified> verify(String token, String purpose, int fieldCount) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != fieldCount + 4) {
      return Optional.empty();
    }
    int macAt = parts.length - 1;
    String body = token.substring(0, token.length() - parts[macAt].length() - 1);
    // compared as text with the one canonical spelling of the MAC: a decoder would also accept
    // other spellings of it (padding, or different unused low bits in the last character)
    byte[] expected =
        B64.encodeToString(hmac(key, body.getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.US_ASCII);
    byte[] given = parts[macAt].getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    try {
      if (!decode(parts[0]).equals(purpose)) {
        return Optional.empty();
      }
      List<String> fields = new ArrayList<>();
      for (int i = 1; i <= fieldCount; i++) {
        fields.add(decode(parts[i]));
      }
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[macAt - 1]));
      if (!clock.instant().isBefore(expiresAt)) {
        return Optional.empty();
      }
      return Optional.of(new Verified(List.copyOf(fields), parts[macAt - 2], expiresAt));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String encode(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return new String(B64D.decode(s), StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
