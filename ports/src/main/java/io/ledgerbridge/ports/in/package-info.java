/** Use-case ports: what the outside world (HTTP, CLI, workers) may ask of the application. */
package io.ledgerbridge.ports.in;
