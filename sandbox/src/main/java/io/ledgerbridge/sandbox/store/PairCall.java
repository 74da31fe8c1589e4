package io.ledgerbridge.sandbox.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One POST /rest/V1/byte8/setup/pair that reached the store: the raw request body, the HTTP status
 * and body the store answered, and, for a refused pairing code, what the module logs instead of
 * telling the caller ({@code no pairing code is pending generation}, {@code pairing code expired
 * (age exceeds 30min TTL)} or {@code pairing code mismatch}; null otherwise). The three 401s share
 * one body on the wire, so {@code loggedReason} is how a test tells them apart.
 */
public record PairCall(
    Instant receivedAt,
    String rawBody,
    int responseStatus,
    String responseBody,
    String loggedReason) {

  public PairCall {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(responseBody, "responseBody");
  }

  /** The store was paired by this call (200, body {@code []}). */
  public boolean accepted() {
    return responseStatus == 200;
  }
}
