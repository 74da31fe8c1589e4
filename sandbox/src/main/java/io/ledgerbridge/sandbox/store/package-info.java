/**
 * Sandbox Magento store: an in-process, loopback-only HTTP server that speaks the Byte8 connector
 * module's wire (WIRE.md) exactly, written independently of {@code adapter-magento}. It serves the
 * canonical invoice, payment, credit memo, customer and product GETs and ping with inbound-JWT
 * verification (HKDF, base64url and HS256 are hand-written here on purpose, as an interoperability
 * cross-check), accepts the sync-state callback, keeps an outbox ({@code invoice.created}, {@code
 * invoice.paid}, {@code creditmemo.created}, {@code customer.upserted}, {@code product.upserted})
 * that drains to the ledger webhook with freshly minted outbound tokens, and renders a small HTML
 * page with the connection and each invoice's and credit memo's sync status. It is paired the
 * module's way (WIRE §7: a pairing code from the admin button, then the anonymous {@code POST
 * setup/pair} delivering tenant id, api key and ledger URL) and can disconnect (WIRE §7.4), or be
 * started already paired for tests that do not care. The only public entry point is {@link
 * io.ledgerbridge.sandbox.store.SandboxStore}; the value records it returns are public, the
 * machinery is package-private. Nothing here may be used by production wiring, and nothing here may
 * import an adapter or a JWT library.
 */
package io.ledgerbridge.sandbox.store;
