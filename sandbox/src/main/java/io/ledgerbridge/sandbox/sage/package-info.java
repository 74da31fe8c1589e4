/**
 * Sandbox Sage Business Cloud Accounting v3.1: an in-process HTTP server on a loopback port that
 * behaves like the real API closely enough to exercise the Sage adapter end to end (OAuth refresh
 * with rotating refresh tokens, bearer checks, {@code X-Business}, the {@code $items} paging
 * envelope, the {@code $severity/$dataCode/$message/$source} error envelope, request validation
 * against Sage's official Swagger schemas, Sage's business rules for contacts and sales invoices,
 * idempotency and injected faults). {@link io.ledgerbridge.sandbox.sage.SandboxSage} is the only
 * entry point; everything else is package-private. This package must not be used by production
 * wiring except the {@code demo} role, and it must not import any adapter.
 */
package io.ledgerbridge.sandbox.sage;
