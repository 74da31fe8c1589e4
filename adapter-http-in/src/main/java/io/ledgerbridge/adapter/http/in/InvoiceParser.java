package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.canonical.CanonicalInvoice;

/**
 * Turns a canonical invoice document (WIRE §3.1) into the domain record for the admin preview
 * route. The application wires the store adapter's parser, e.g. {@code
 * MagentoAdapter::parseCanonicalInvoice}; this adapter does not know the wire format itself.
 */
@FunctionalInterface
public interface InvoiceParser extends DocumentParser<CanonicalInvoice> {

  /**
   * Parses one canonical invoice.
   *
   * @param canonicalJson the invoice as a JSON object text
   * @throws IllegalArgumentException with a message for a person when the document is not a valid
   *     canonical invoice; the message is returned to the (authenticated) admin caller
   */
  @Override
  CanonicalInvoice parse(String canonicalJson);
}
