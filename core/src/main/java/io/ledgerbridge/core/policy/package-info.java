/**
 * Sync policy: the merchant's knobs, their defaults, and the small named rules that decide whether a
 * document is posted or skipped (with a stable reason code). Pure functions; no I/O, no clock reads
 * (the caller passes the instant to compare against).
 */
package io.ledgerbridge.core.policy;
