/**
 * JMH micro-benchmarks of the chassis's hot paths: webhook JWT verification, canonical invoice
 * parsing, policy evaluation, translation and Sage request rendering. They run from the shaded
 * {@code bench/target/benchmarks.jar}, never from the test suite; in-memory fakes stand in for the
 * binding repository, replay guard and token vault so only the code under measurement runs.
 */
package io.ledgerbridge.bench.jmh;
