/**
 * Failure vocabulary shared by every adapter: the error classes of the product and the sealed
 * transient/permanent gateway exception. Adapters classify; only the job queue decides to retry.
 */
package io.ledgerbridge.core.failure;
