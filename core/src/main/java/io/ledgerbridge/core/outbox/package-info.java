/**
 * Outbox and job rules: job kinds and statuses, the backoff ladder and the retry decision. How jobs
 * are stored and claimed is a port; the rules for what happens after a failure live here.
 */
package io.ledgerbridge.core.outbox;
