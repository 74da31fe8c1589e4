package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.ports.out.ExchangeLog;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The exchange log of one sync attempt: the gateways report each call to it (through the attempt's
 * {@code SageConnection} and {@code StoreEndpoint}), and the recorder turns what it kept into rows
 * stored with the attempt, in one batch, in the attempt's transaction.
 *
 * <p>Rows are scrubbed of the binding's secrets and then cut to {@link #MAX_BODY_CHARS} per body
 * (marked truncated). In memory a body is kept up to {@link #KEPT_CHARS} before scrubbing, so one
 * huge answer costs no more than that; a cut there lies beyond the stored cap, so a secret split by
 * it is never stored. At most {@link #MAX_EXCHANGES} exchanges are kept per attempt (the rest are
 * counted in {@link #dropped()}). One attempt runs on one thread, but reporting is synchronised so
 * a gateway that calls from another thread stays safe.
 */
final class AttemptExchanges implements ExchangeLog {

  /** Longest body stored, in characters (64 Ki). */
  static final int MAX_BODY_CHARS = 64 * 1024;

  /** Longest body kept in memory before scrubbing. */
  static final int KEPT_CHARS = 4 * MAX_BODY_CHARS;

  /** Most exchanges kept for one attempt. */
  static final int MAX_EXCHANGES = 200;

  /** Longest URL stored. */
  static final int MAX_URL_CHARS = 2048;

  private final List<Exchange> kept = new ArrayList<>();
  private int dropped;

  @Override
  public synchronized void record(Exchange exchange) {
    if (exchange == null) {
      return;
    }
    if (kept.size() >= MAX_EXCHANGES) {
      dropped++;
      return;
    }
    kept.add(
        new Exchange(
            exchange.system(),
            exchange.operation(),
            exchange.method(),
            exchange.url(),
            exchange.httpStatus(),
            exchange.durationMillis(),
            keep(exchange.requestBody()),
            keep(exchange.responseBody())));
  }

  /** Exchanges reported beyond {@link #MAX_EXCHANGES}. */
  synchronized int dropped() {
    return dropped;
  }

  synchronized boolean isEmpty() {
    return kept.isEmpty();
  }

  /** The rows of the attempt {@code (runId, attemptNo, startedAt)}, scrubbed and capped. */
  synchronized List<SyncExchange> rows(
      UUID runId, int attemptNo, Instant startedAt, SecretScrubber scrubber) {
    List<SyncExchange> rows = new ArrayList<>(kept.size());
    int seq = 0;
    for (Exchange e : kept) {
      Body request = Body.of(scrubber.scrub(e.requestBody()));
      Body response = Body.of(scrubber.scrub(e.responseBody()));
      String url = scrubber.scrub(e.url() == null ? "" : e.url());
      rows.add(
          new SyncExchange(
              runId,
              attemptNo,
              startedAt,
              ++seq,
              text(e.system(), 16),
              text(e.operation(), 64),
              text(e.method(), 16),
              text(url, MAX_URL_CHARS),
              e.httpStatus(),
              Math.max(0, e.durationMillis()),
              request.text(),
              request.truncated(),
              response.text(),
              response.truncated()));
    }
    return rows;
  }

  private static String keep(String body) {
    return body == null || body.length() <= KEPT_CHARS ? body : body.substring(0, KEPT_CHARS + 1);
  }

  private static String text(String value, int max) {
    String v = value == null ? "" : value;
    return v.length() <= max ? v : v.substring(0, max);
  }

  /** A body as stored: at most {@link #MAX_BODY_CHARS}, and whether it was cut. */
  record Body(String text, boolean truncated) {
    static Body of(String scrubbed) {
      if (scrubbed == null || scrubbed.length() <= MAX_BODY_CHARS) {
        return new Body(scrubbed, false);
      }
      int end = MAX_BODY_CHARS;
      if (Character.isHighSurrogate(scrubbed.charAt(end - 1))) {
        end--; // never split a surrogate pair
      }
      return new Body(scrubbed.substring(0, end), true);
    }
  }
}
