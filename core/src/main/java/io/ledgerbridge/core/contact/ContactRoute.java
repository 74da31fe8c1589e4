package io.ledgerbridge.core.contact;

import java.util.Objects;

/**
 * Which Sage contact an invoice is posted to under B2C consolidation ({@link ContactRouting}): the
 * buyer's own per-currency contact, or the fallback contact of its currency. {@code reason} is a
 * stable code naming the routing step that decided.
 */
public sealed interface ContactRoute permits ContactRoute.Individual, ContactRoute.Fallback {

  String reason();

  /** The buyer's own contact (keyed by {@link ContactKeying}). */
  record Individual(String reason) implements ContactRoute {
    public Individual {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The consolidated fallback contact of the invoice currency. */
  record Fallback(ContactKey key, String reason) implements ContactRoute {
    public Fallback {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
