/**
 * Abstract contract suites, one per driven port. Every implementation (in-memory fake, H2,
 * PostgreSQL, Redis) extends the suite and supplies its subject from a factory method.
 */
package io.ledgerbridge.testkit.contract;
