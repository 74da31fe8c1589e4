package io.ledgerbridge.adapter.http.in;

/**
 * Turns a canonical store document (WIRE §3: an invoice, the payment of an invoice, a credit memo)
 * into its domain record, for the admin preview route. The application wires the store adapter's
 * parsers (e.g. {@code MagentoAdapter::parseCanonicalPayment}); this adapter does not know the wire
 * format itself.
 *
 * @param <T> the domain record
 */
@FunctionalInterface
public interface DocumentParser<T> {

  /**
   * @param canonicalJson the document as a JSON object text
   * @throws IllegalArgumentException with a message for a person when the document is not valid;
   *     the message is returned to the (authenticated) admin caller
   */
  T parse(String canonicalJson);
}
