/**
 * Outbox and job rules: job kinds, the job status machine, the backoff ladder with its retry
 * decision, and the worker's delays that do not count as failures ({@link
 * io.ledgerbridge.core.outbox.WorkerDelays}). How jobs are stored and claimed is a port; the rules
 * for what happens after a failure or while a job cannot run live here.
 */
package io.ledgerbridge.core.outbox;
