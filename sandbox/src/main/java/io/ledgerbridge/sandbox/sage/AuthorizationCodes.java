package io.ledgerbridge.sandbox.sage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Authorisation codes of the code flow (SAGE.md §1.2, §1.3): {@code <CC>/<32 hex>} with the
 * country's region prefix, single use, valid 60 seconds on the sandbox clock, bound to the client,
 * the {@code redirect_uri} of the authorize request and, with PKCE, to its code challenge. Codes
 * come from a {@link SecureRandom}, even when the sandbox runs with a fixed seed.
 */
final class AuthorizationCodes {

  static final Duration CODE_TTL = Duration.ofSeconds(60);

  /** RFC 7636 §4.1/§4.2: 43 to 128 unreserved characters. */
  static final Pattern PKCE_VALUE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /**
   * What a code stands for; {@code codeChallenge} and {@code codeChallengeMethod} are null without
   * PKCE.
   */
  record CodeGrant(
      String clientId,
      String redirectUri,
      String scope,
      String country,
      String codeChallenge,
      String codeChallengeMethod,
      Instant expiresAt) {}

  /** The outcome of presenting a code at the token endpoint. */
  sealed interface Redemption {
    /** The code is good: issue tokens of the family named by the code. */
    record Redeemed(CodeGrant grant) implements Redemption {}

    /** The code is unknown, expired, another client's, or its redirect or verifier is wrong. */
    record Rejected(String description) implements Redemption {}

    /** The client presented a code it had already redeemed (RFC 6749 §4.1.2). */
    record Replayed(String family) implements Redemption {}
  }

  private final Clock clock;
  private final SecureRandom secure = new SecureRandom();
  private final Map<String, CodeGrant> pending = new ConcurrentHashMap<>();

  /** Codes already presented, with the client they were issued to. */
  private final Map<String, String> presented = new ConcurrentHashMap<>();

  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger redeemed = new AtomicInteger();

  AuthorizationCodes(Clock clock) {
    this.clock = clock;
  }

  /** A new code for the grant, valid {@link #CODE_TTL} from now. */
  String issue(
      String clientId,
      String redirectUri,
      String scope,
      String country,
      String codeChallenge,
      String codeChallengeMethod) {
    Instant now = clock.instant();
    pending.values().removeIf(g -> !now.isBefore(g.expiresAt()));
    String code = country + "/" + SageJson.newId(secure);
    pending.put(
        code,
        new CodeGrant(
            clientId,
            redirectUri,
            scope,
            country,
            codeChallenge,
            codeChallengeMethod,
            now.plus(CODE_TTL)));
    issued.incrementAndGet();
    return code;
  }

  /**
   * Presents a code: whatever the outcome, the code cannot be presented again. The client is
   * already authenticated.
   */
  Redemption redeem(String code, String clientId, String redirectUri, String codeVerifier) {
    CodeGrant grant = pending.remove(code);
    if (grant == null) {
      String owner = presented.get(code);
      if (owner != null && owner.equals(clientId)) {
        return new Redemption.Replayed(code);
      }
      return new Redemption.Rejected(
          owner == null
              ? "The authorization code is invalid or has expired"
              : "The authorization code was issued to another client");
    }
    presented.put(code, grant.clientId());
    if (!clock.instant().isBefore(grant.expiresAt())) {
      return new Redemption.Rejected("The authorization code has expired");
    }
    if (!grant.clientId().equals(clientId)) {
      return new Redemption.Rejected("The authorization code was issued to another client");
    }
    if (!grant.redirectUri().equals(redirectUri)) {
      return new Redemption.Rejected(
          "redirect_uri does not match the one of the authorization request");
    }
    if (grant.codeChallenge() != null) {
      if (codeVerifier == null || !PKCE_VALUE.matcher(codeVerifier).matches()) {
        return new Redemption.Rejected("code_verifier is missing or malformed");
      }
      String expected =
          "S256".equals(grant.codeChallengeMethod()) ? s256(codeVerifier) : codeVerifier;
      if (!MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
        return new Redemption.Rejected("code_verifier does not match the code_challenge");
      }
    }
    redeemed.incrementAndGet();
    return new Redemption.Redeemed(grant);
  }

  int issuedCount() {
    return issued.get();
  }

  int redeemedCount() {
    return redeemed.get();
  }

  /** {@code BASE64URL(SHA256(ASCII(verifier)))} without padding (RFC 7636 §4.2). */
  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
