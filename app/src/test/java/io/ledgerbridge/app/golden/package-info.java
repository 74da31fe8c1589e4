/**
 * Golden-file tests of translation and routing: each directory under {@code
 * src/test/resources/golden} holds a canonical invoice (WIRE §3), optionally a policy override and
 * a context (business, cross-references), and the expected dry-run preview with the exact Sage
 * request bodies. The preview runs the worker's own planner ({@code PreviewInvoiceService}) and the
 * real Sage adapter's renderer; every request body is also checked against Sage's official request
 * schema. Nothing here talks to a network.
 */
package io.ledgerbridge.app.golden;
