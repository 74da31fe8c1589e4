/**
 * The Sage Business Cloud Accounting v3.1 adapter: an OkHttp + Jackson implementation of {@code
 * AccountingGateway} with the OAuth refresh-token grant (rotation persisted through {@code
 * TokenVault} as a compare-and-set, refreshes serialised per tenant), request rendering in Sage's
 * wire shape (wrapper objects, decimals as plain strings, {@code idempotency_id}), the
 * reference-data GETs followed through every {@code $next} page, and the classification of every
 * failure into a transient or permanent gateway exception at this edge. {@link
 * io.ledgerbridge.adapter.sage.SageAdapter} is the only public type; nothing here retries a POST
 * except the single retry after an access-token renewal on 401, and nothing here logs or reports
 * tokens or client secrets.
 */
package io.ledgerbridge.adapter.sage;
