package io.ledgerbridge.core.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a worker waits, without counting a failure, when it cannot run a job yet. Transient
 * failures follow the {@link BackoffLadder} instead.
 *
 * @param busyBusinessRetry a job whose Sage business is held by a worker of another process (and
 *     that could not be handed to a holder in this process) is due again after this
 * @param maxParked a job handed to this process's holder of its business goes back to the queue,
 *     due at once, if the holder has not started it within this
 * @param maxPacing the longest a worker waits for the rate governor before one Sage call; past it
 *     the attempt fails transient {@code rate_limited}
 * @param heldRecheck a waiting run (its binding paused or disconnected) is looked at again after
 *     this; it goes on by itself once the binding is active again
 * @param dependencyWait how long a run may wait for another to put what it needs into Sage (a
 *     payment or credit memo whose invoice is not in Sage yet) before it fails {@code not_found}
 */
public record WorkerDelays(
    Duration busyBusinessRetry,
    Duration maxParked,
    Duration maxPacing,
    Duration heldRecheck,
    Duration dependencyWait) {

  /** The first recheck of a run waiting for a dependency. */
  public static final Duration FIRST_DEPENDENCY_RECHECK = Duration.ofSeconds(1);

  /** The longest pause between rechecks of a run waiting for a dependency. */
  public static final Duration MAX_DEPENDENCY_RECHECK = Duration.ofMinutes(5);

  public WorkerDelays {
    requirePositive(busyBusinessRetry, "busyBusinessRetry");
    requirePositive(maxParked, "maxParked");
    requirePositive(maxPacing, "maxPacing");
    requirePositive(heldRecheck, "heldRecheck");
    requirePositive(dependencyWait, "dependencyWait");
  }

  /**
   * 200 ms between tries of a busy business, parked at most 60 s, paced at most 30 s, held runs
   * looked at every 60 s, dependencies waited for 24 h.
   */
  public static WorkerDelays standard() {
    return new WorkerDelays(
        Duration.ofMillis(200),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofHours(24));
  }

  /** These delays with another {@link #heldRecheck()}. */
  public WorkerDelays withHeldRecheck(Duration recheck) {
    return new WorkerDelays(busyBusinessRetry, maxParked, maxPacing, recheck, dependencyWait);
  }

  /** These delays with another {@link #dependencyWait()}. */
  public WorkerDelays withDependencyWait(Duration wait) {
    return new WorkerDelays(busyBusinessRetry, maxParked, maxPacing, heldRecheck, wait);
  }

  /**
   * When a run that has waited {@code waited} for a dependency looks again: a tenth of the time it
   * has waited, between {@link #FIRST_DEPENDENCY_RECHECK} and {@link #MAX_DEPENDENCY_RECHECK}, so
   * an event that arrived a moment before its invoice goes on a second after it, and one waiting
   * for hours costs a look every five minutes.
   */
  public static Duration dependencyRecheck(Duration waited) {
    Duration tenth = waited.isNegative() ? Duration.ZERO : waited.dividedBy(10);
    if (tenth.compareTo(FIRST_DEPENDENCY_RECHECK) < 0) {
      return FIRST_DEPENDENCY_RECHECK;
    }
    return tenth.compareTo(MAX_DEPENDENCY_RECHECK) > 0 ? MAX_DEPENDENCY_RECHECK : tenth;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
