/**
 * Bindings: which store talks to which Sage business, and the secrets that go with it. Secrets are
 * values here; encryption at rest is the persistence adapter's job. Nothing here performs I/O.
 */
package io.ledgerbridge.core.binding;
