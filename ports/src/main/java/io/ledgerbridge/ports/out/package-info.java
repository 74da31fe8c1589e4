/**
 * Driven ports: what the domain needs from the world, named for the capability. Implementations
 * live in the adapters; in-memory fakes and contract suites live in this module's test-jar.
 */
package io.ledgerbridge.ports.out;
