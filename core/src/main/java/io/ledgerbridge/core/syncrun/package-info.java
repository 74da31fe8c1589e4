/**
 * The sync run: one accepted store event, its state machine (enum + transition table + one guarded
 * mutator) and the event types of the store wire. No persistence, no clock reads.
 */
package io.ledgerbridge.core.syncrun;
