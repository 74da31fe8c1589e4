/**
 * In-memory fakes of the driven ports and a settable clock, for tests of services and as the
 * reference behaviour the contract suites pin down. Thread-safe; no real rollback.
 */
package io.ledgerbridge.testkit.fake;
