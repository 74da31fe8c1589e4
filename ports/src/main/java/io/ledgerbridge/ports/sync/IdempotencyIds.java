package io.ledgerbridge.ports.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Sage {@code idempotency_id}s derived from the run, so that every retry of one run sends the same
 * id and Sage returns the first result instead of creating a second document (SAGE §2.0).
 */
public final class IdempotencyIds {
  private IdempotencyIds() {}

  /** 32 lowercase hex characters of SHA-256({@code purpose}:{@code runId}). */
  public static String forRun(String purpose, UUID runId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((purpose + ":" + runId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
