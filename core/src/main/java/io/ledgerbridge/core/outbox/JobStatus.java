package io.ledgerbridge.core.outbox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Status of an outbox job row. The transition table below is the single source of truth; {@code
 * docs/state-machines.md} draws it and a test keeps the two in step. A job stays {@code PENDING}
 * while it waits, is claimed, is deferred or waits for a retry ({@code PENDING -> PENDING}); an
 * operator re-queues a dead letter.
 */
public enum JobStatus {
  PENDING,
  SUCCEEDED,
  DEAD_LETTERED;

  private static final Map<JobStatus, Set<JobStatus>> ALLOWED =
      Map.of(
          PENDING, EnumSet.of(PENDING, SUCCEEDED, DEAD_LETTERED),
          SUCCEEDED, EnumSet.noneOf(JobStatus.class),
          DEAD_LETTERED, EnumSet.of(PENDING));

  public boolean canTransitionTo(JobStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  public Set<JobStatus> successors() {
    Set<JobStatus> s = ALLOWED.get(this);
    return s.isEmpty() ? EnumSet.noneOf(JobStatus.class) : EnumSet.copyOf(s);
  }

  public boolean isTerminal() {
    return this == SUCCEEDED;
  }

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
