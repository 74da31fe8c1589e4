package io.ledgerbridge.core.outbox;

import java.util.Locale;

/**
 * What a queued job does: run the sync for a run, or push the run's terminal status to the store.
 */
public enum JobKind {
  SYNC,
  PUSH;

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobKind fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
