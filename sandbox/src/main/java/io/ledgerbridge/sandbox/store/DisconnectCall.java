package io.ledgerbridge.sandbox.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the admin Disconnect button's ledger notification ({@code ByteClient::disconnect}, WIRE §1B
 * L4) did: the request the store sent and what came back.
 *
 * @param at the store clock's time of the call
 * @param url {@code {ledger_base_url}/v1/tenant/disconnect}; null when no request was sent because
 *     no ledger base URL is known
 * @param requestHeaders the headers the store set, in order ({@code Authorization}, {@code
 *     Content-Type}, {@code Idempotency-Key}, {@code Accept}); empty when nothing was sent
 * @param requestBody the 2 bytes {@code {}}, or empty when nothing was sent
 * @param responseStatus the ledger's HTTP status; null when there was no answer (network error,
 *     timeout, nothing sent)
 * @param responseBody the ledger's body ({@code ""} when none)
 * @param failure null when the ledger acknowledged (2xx); otherwise the warning the module logs
 *     ({@code Byte8 rejected request to <url> with HTTP <code>.}, {@code Byte8 returned HTTP <code>
 *     from <url>; will retry.}, {@code Network error publishing to Byte8 (<url>): <error>} or
 *     {@code Byte8 client base_url is not configured.})
 */
public record DisconnectCall(
    Instant at,
    String url,
    Map<String, String> requestHeaders,
    String requestBody,
    Integer responseStatus,
    String responseBody,
    String failure) {

  public DisconnectCall {
    Objects.requireNonNull(at, "at");
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    Objects.requireNonNull(requestBody, "requestBody");
    Objects.requireNonNull(responseBody, "responseBody");
  }

  /** The ledger answered 2xx: {@code ByteClient::disconnect} returned true. */
  public boolean acknowledged() {
    return failure == null;
  }

  /** One request header by name, case-insensitively; null when not sent. */
  public String header(String name) {
    for (Map.Entry<String, String> e : requestHeaders.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
