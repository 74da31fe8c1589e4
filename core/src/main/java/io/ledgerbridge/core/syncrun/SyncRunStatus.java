package io.ledgerbridge.core.syncrun;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * States of a sync run. The transition table below is the single source of truth; {@code
 * docs/state-machines.md} draws it and a test keeps the two in step.
 */
public enum SyncRunStatus {
  QUEUED,
  RUNNING,
  RETRY_SCHEDULED,
  /**
   * Held without counting a failure: the run cannot go on yet (its binding is paused or
   * disconnected) and is looked at again later.
   */
  WAITING,
  SUCCEEDED,
  SKIPPED_BY_POLICY,
  FAILED;

  private static final Map<SyncRunStatus, Set<SyncRunStatus>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(RUNNING, FAILED, WAITING),
          RUNNING, EnumSet.of(SUCCEEDED, SKIPPED_BY_POLICY, FAILED, RETRY_SCHEDULED, WAITING),
          RETRY_SCHEDULED, EnumSet.of(RUNNING, FAILED, WAITING),
          WAITING, EnumSet.of(RUNNING, FAILED),
          SUCCEEDED, EnumSet.noneOf(SyncRunStatus.class),
          SKIPPED_BY_POLICY, EnumSet.noneOf(SyncRunStatus.class),
          FAILED, EnumSet.of(QUEUED));

  public boolean canTransitionTo(SyncRunStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  public Set<SyncRunStatus> successors() {
    Set<SyncRunStatus> s = ALLOWED.get(this);
    return s.isEmpty() ? EnumSet.noneOf(SyncRunStatus.class) : EnumSet.copyOf(s);
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == SKIPPED_BY_POLICY || this == FAILED;
  }

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SyncRunStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
