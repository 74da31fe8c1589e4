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
 */
public record WorkerDelays(
    Duration busyBusinessRetry, Duration maxParked, Duration maxPacing, Duration heldRecheck) {

  public WorkerDelays {
    requirePositive(busyBusinessRetry, "busyBusinessRetry");
    requirePositive(maxParked, "maxParked");
    requirePositive(maxPacing, "maxPacing");
    requirePositive(heldRecheck, "heldRecheck");
  }

  /**
   * 200 ms between tries of a busy business, parked at most 60 s, paced at most 30 s, held runs
   * looked at every 60 s.
   */
  public static WorkerDelays standard() {
    return new WorkerDelays(
        Duration.ofMillis(200),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60));
  }

  /** These delays with another {@link #heldRecheck()}. */
  public WorkerDelays withHeldRecheck(Duration recheck) {
    return new WorkerDelays(busyBusinessRetry, maxParked, maxPacing, recheck);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
