/**
 * Sandbox Sage Business Cloud Accounting v3.1: an in-process HTTP server on a loopback port that
 * behaves like the real API closely enough to exercise the Sage adapter end to end (OAuth: the
 * authorize page with its consent decision, the authorization-code exchange, refresh with rotating
 * refresh tokens, revocation; bearer checks, {@code X-Business}, the {@code $items} paging
 * envelope, the {@code $severity/$dataCode/$message/$source} error envelope, request validation
 * against Sage's official Swagger schemas, Sage's business rules for contacts, sales invoices,
 * sales credit notes, contact payments and contact allocations, outstanding amounts and statuses
 * that follow receipts, refunds and allocations, per-business editions, idempotency and injected
 * faults). {@link io.ledgerbridge.sandbox.sage.SandboxSage} is the only entry point, with its
 * settings ({@link io.ledgerbridge.sandbox.sage.SandboxSageConfig}), {@link
 * io.ledgerbridge.sandbox.sage.Edition}, {@link io.ledgerbridge.sandbox.sage.AuthorizeDecision} and
 * {@link io.ledgerbridge.sandbox.sage.OfficialSchemas}; everything else is package-private. This
 * package must not be used by production wiring except the {@code demo} role, and it must not
 * import any adapter.
 */
package io.ledgerbridge.sandbox.sage;
