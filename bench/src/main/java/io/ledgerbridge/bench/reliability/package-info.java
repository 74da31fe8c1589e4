/**
 * The reliability suite's hostile-input part (issue 5): a catalogue of malformed, forged and
 * oversized webhook deliveries, each with the status WIRE §2.4, §5 and §6.3 call for (the store
 * dead-letters every 4xx, so a 4xx is right only for a deterministic problem, and bad input must
 * never get a 5xx), and a runner that fires them at a chassis over real HTTP and writes a Markdown
 * and JSON report. Main code so that a command-line entry point can run it against any chassis; the
 * CI test runs it against an embedded one.
 */
package io.ledgerbridge.bench.reliability;
