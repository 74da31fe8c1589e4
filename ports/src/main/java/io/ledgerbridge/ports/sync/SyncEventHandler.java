package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.syncrun.EventType;

/**
 * Syncs one kind of store event. Called by the worker with the run started, the binding's Sage
 * business held and the policy the event was accepted under; returns what happened as a value.
 * Remote failures may be returned as {@link SyncOutcome.Failed} or thrown as {@link
 * io.ledgerbridge.core.failure.GatewayException}s; the worker records both the same way.
 */
public interface SyncEventHandler {

  /** The store event this handler syncs. */
  EventType event();

  SyncOutcome handle(SyncContext context);
}
