/**
 * The load driver: {@code ledgerbridge bench accept|e2e|backlog}. Each scenario starts what it
 * needs in this process (the chassis on the chosen substrate, sandbox store and Sage on loopback),
 * drives it with a bounded number of requests or jobs, and writes a JSON and a Markdown result
 * under {@code bench/results/}. Latencies are measured from the intended send time (open loop), so
 * a stalled server is not hidden by a stalled client. Nothing here runs in the test suite.
 */
package io.ledgerbridge.bench.load;
