package io.ledgerbridge.sandbox.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * The store's {@code byte8/*} configuration rows (WIRE §0): tenant id, api key (the HKDF master)
 * and ledger base URL, plus the pending pairing code's SHA-256 and issue time. Every reader takes
 * one {@link Credentials} snapshot, so a request or a delivery never mixes an old tenant with a new
 * key. The module keeps two copies of tenant and key (client and sage) written in lock-step; here
 * they are one.
 *
 * <p>The three writers are the admin "Generate pairing code" button ({@link #issuePairingCode}),
 * the {@code /setup/pair} service ({@link #pair}) and the admin "Disconnect" button ({@link
 * #disconnect}), each as the module's controller or model does it.
 */
final class StoreConnection {

  /** {@code SageConfigInterface::PAIRING_CODE_TTL_SECONDS}. */
  static final long PAIRING_CODE_TTL_SECONDS = 1800;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One consistent read of the connection rows. {@code tenantId} and {@code apiKey} are null when
   * unset (the module reads an empty row as null); {@code baseUrl} is null when unknown.
   */
  record Credentials(String tenantId, String apiKey, String baseUrl) {
    /** {@code isConnected()}: tenant id and api key both present. The base URL is not part. */
    boolean connected() {
      return tenantId != null && apiKey != null;
    }
  }

  /** How a {@code /setup/pair} attempt ended once its inputs were well-formed. */
  enum PairOutcome {
    PAIRED(null),
    NO_CODE_PENDING("no pairing code is pending generation"),
    EXPIRED("pairing code expired (age exceeds 30min TTL)"),
    MISMATCH("pairing code mismatch");

    private final String logged;

    PairOutcome(String logged) {
      this.logged = logged;
    }

    /** What the module logs for a rejection ({@code Byte8: /setup/pair rejected — ...}). */
    String logged() {
      return logged;
    }
  }

  private String tenantId;
  private String apiKey;
  private String baseUrl;
  private String pairingCodeHash;
  private Long pairingCodeIssuedAt;

  StoreConnection(String tenantId, String apiKey, String baseUrl) {
    this.tenantId = emptyToNull(tenantId);
    this.apiKey = emptyToNull(apiKey);
    this.baseUrl = normaliseBase(baseUrl);
  }

  /**
   * The rows as the module reads them: {@code getTenantId()} is {@code $value ? (string) $value :
   * null}, so by PHP truthiness a stored tenant {@code "0"} reads as unset; an empty api key reads
   * as unset.
   */
  synchronized Credentials credentials() {
    return new Credentials("0".equals(tenantId) ? null : tenantId, apiKey, baseUrl);
  }

  synchronized void setBaseUrl(String url) {
    this.baseUrl = normaliseBase(url);
  }

  /**
   * {@code PairingCode/Generate}: 16 CSPRNG bytes as 32 lowercase hex characters; only the SHA-256
   * hex of the code and the issue time (Unix seconds) are kept, overwriting any earlier code, which
   * stops working at once.
   *
   * @return the plaintext code, which the store does not keep
   */
  String issuePairingCode(Instant now) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String code = StoreCrypto.hex(bytes);
    synchronized (this) {
      pairingCodeHash = sha256Hex(code);
      pairingCodeIssuedAt = now.getEpochSecond();
    }
    return code;
  }

  /** When the pending pairing code was issued, if one is stored (expired or not). */
  synchronized Optional<Instant> pairingCodeIssuedAt() {
    return pairingCodeIssuedAt == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(pairingCodeIssuedAt));
  }

  /**
   * {@code Model/Setup/Pair} after its input checks: no code pending, then expired ({@code now -
   * issued_at > 1800}, so exactly 1800 still passes), then a constant-time comparison of the stored
   * hash with {@code sha256hex(code)}. On success it writes the tenant, key and base URL and
   * deletes the code so it cannot be used again. Check and write happen under one lock.
   */
  synchronized PairOutcome pair(
      String pairingCode, String newTenantId, String newApiKey, String newBaseUrl, Instant now) {
    if (pairingCodeHash == null || pairingCodeIssuedAt == null) {
      return PairOutcome.NO_CODE_PENDING;
    }
    if (now.getEpochSecond() - pairingCodeIssuedAt > PAIRING_CODE_TTL_SECONDS) {
      return PairOutcome.EXPIRED;
    }
    if (!MessageDigest.isEqual(
        pairingCodeHash.getBytes(StandardCharsets.US_ASCII),
        sha256Hex(pairingCode).getBytes(StandardCharsets.US_ASCII))) {
      return PairOutcome.MISMATCH;
    }
    tenantId = newTenantId;
    apiKey = newApiKey;
    baseUrl = newBaseUrl;
    pairingCodeHash = null;
    pairingCodeIssuedAt = null;
    return PairOutcome.PAIRED;
  }

  /**
   * The local half of {@code Connection/Disconnect}: deletes tenant id, api key and the pending
   * pairing code. The ledger base URL is kept, as the module keeps {@code byte8/client/base_url}.
   */
  synchronized void disconnect() {
    tenantId = null;
    apiKey = null;
    pairingCodeHash = null;
    pairingCodeIssuedAt = null;
  }

  /** What the store page shows of the connection at {@code now} (never the pairing code). */
  synchronized StorePage.Connection pageView(Instant now) {
    Credentials c = credentials();
    return new StorePage.Connection(
        c.connected() ? c.tenantId() : null, c.baseUrl(), pairingCodeIssuedAt(), now);
  }

  static String sha256Hex(String text) {
    try {
      return StoreCrypto.hex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** A configured base URL: trimmed, trailing {@code /} removed, null when nothing is left. */
  static String normaliseBase(String url) {
    if (url == null) {
      return null;
    }
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.isEmpty() ? null : u;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
