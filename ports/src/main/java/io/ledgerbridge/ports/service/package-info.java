/**
 * Use-case services: they implement {@code ports.in} by combining the pure rules of {@code core}
 * with the driven ports of {@code ports.out}. No technology here: no SQL, no HTTP, no JSON. Threads
 * are created by the composition root; the worker loop here only runs on them.
 */
package io.ledgerbridge.ports.service;
