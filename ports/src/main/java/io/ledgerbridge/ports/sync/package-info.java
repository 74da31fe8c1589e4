/**
 * What each store event does, one handler per event ({@link
 * io.ledgerbridge.ports.sync.SyncEventHandler}): fetch the canonical entity from the store, decide
 * with the policy, translate with {@code core}, post to Sage and return the outcome as a value
 * ({@link io.ledgerbridge.ports.sync.SyncOutcome}). The collaborators handlers share live here too:
 * the planners the dry-run preview reuses, and {@link io.ledgerbridge.ports.sync.ContactResolver}.
 * Handlers never touch the run, its job, the lease or the status push: the worker ({@code
 * ports.service.SyncJobProcessor}) does.
 */
package io.ledgerbridge.ports.sync;
