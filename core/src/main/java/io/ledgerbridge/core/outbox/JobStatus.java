package io.ledgerbridge.core.outbox;

import java.util.Locale;

/** Status of an outbox job row. */
public enum JobStatus {
  PENDING,
  SUCCEEDED,
  DEAD_LETTERED;

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
