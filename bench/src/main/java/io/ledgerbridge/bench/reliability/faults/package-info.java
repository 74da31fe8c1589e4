/**
 * The reliability suite's fault part (issue 5): a runner that starts the chassis as real child
 * processes (web, several workers, relay) on a fresh PostgreSQL schema and Redis key prefix, both
 * reached through loopback TCP proxies that can cut every connection, points one sandbox store per
 * Sage business at it, raises invoices at a steady rate and applies a schedule of faults while they
 * flow (worker SIGKILLs, Redis and PostgreSQL connection loss, Sage 429/500/503 storms, latency
 * spikes and read timeouts, store maintenance mode and store timeouts). It then waits for every
 * invoice to settle and checks the invariant: every accepted event reached exactly one Sage entity
 * and exactly one terminal status, nothing duplicated, nothing lost. The result is written as
 * {@code faults.md} and {@code faults.json}. Main code so that {@code ledgerbridge reliability
 * faults} runs it from the shaded jar; the CI test runs a short deterministic schedule.
 */
package io.ledgerbridge.bench.reliability.faults;
