/**
 * Fault-injection integration tests of the chassis as separate operating-system processes: the
 * {@code web}, {@code worker}, {@code relay} and {@code serve} roles are started as child JVMs by
 * {@link io.ledgerbridge.bench.reliability.faults.ChassisChildren} (shared with the {@code
 * reliability faults} runner) against a fresh PostgreSQL schema (and a per-test Redis key prefix),
 * with the sandbox Sage and sandbox store in the test JVM. The tests kill workers with SIGKILL at
 * chosen moments, take Redis, PostgreSQL, the store and Sage away for a while, and then check the
 * one invariant that matters: every accepted event ends with exactly one Sage entity and exactly
 * one terminal status in the store.
 */
package io.ledgerbridge.bench.faults;
