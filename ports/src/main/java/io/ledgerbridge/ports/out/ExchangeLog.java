package io.ledgerbridge.ports.out;

/**
 * Where a gateway adapter reports each HTTP exchange it makes for a sync attempt, so the console
 * can show what was asked of the store and of Sage and what came back (successful answers too). A
 * {@link AccountingGateway.SageConnection} and a {@link StoreGateway.StoreEndpoint} carry the log
 * of the attempt they were made for; anything else carries {@link #NONE}.
 *
 * <p>An adapter reports the URL without credentials and the bodies as sent and received; it never
 * reports headers (the {@code Authorization} header and its token stay in the adapter) nor the
 * calls that obtain tokens. Scrubbing of the binding's secrets and the size cap happen where the
 * log is kept, not in the adapter. Reporting must be cheap and must not throw.
 */
@FunctionalInterface
public interface ExchangeLog {

  /** Keeps nothing. */
  ExchangeLog NONE = exchange -> {};

  /** The {@link Exchange#system()} of a call to the store. */
  String STORE = "store";

  /** The {@link Exchange#system()} of a call to Sage. */
  String SAGE = "sage";

  void record(Exchange exchange);

  /**
   * One HTTP request and its answer.
   *
   * @param system {@link #STORE} or {@link #SAGE}
   * @param operation the adapter's name for the call ({@code fetch_invoice}, {@code
   *     create_sales_invoice}, ...)
   * @param method HTTP method
   * @param url scheme, host, path and query; no user info
   * @param httpStatus the answer's status; null when no answer came (I/O failure, timeout)
   * @param durationMillis from sending the request to having read the answer
   * @param requestBody what was sent, or null (a GET)
   * @param responseBody what came back, or null when nothing did
   */
  record Exchange(
      String system,
      String operation,
      String method,
      String url,
      Integer httpStatus,
      long durationMillis,
      String requestBody,
      String responseBody) {}
}
