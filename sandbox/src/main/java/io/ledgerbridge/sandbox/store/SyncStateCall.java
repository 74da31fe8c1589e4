package io.ledgerbridge.sandbox.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One POST /rest/V1/byte8/sync-state that reached the store (authorised or not): the raw request
 * body, the HTTP status the store answered and the response body.
 */
public record SyncStateCall(
    Instant receivedAt, String rawBody, int responseStatus, String responseBody) {

  public SyncStateCall {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(responseBody, "responseBody");
  }

  public boolean accepted() {
    return responseStatus == 200;
  }
}
