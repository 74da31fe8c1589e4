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
 */
public record WorkerDelays(Duration busyBusinessRetry, Duration maxParked, Duration maxPacing) {

  public WorkerDelays {
    requirePositive(busyBusinessRetry, "busyBusinessRetry");
    requirePositive(maxParked, "maxParked");
    requirePositive(maxPacing, "maxPacing");
  }

  /** 200 ms between tries of a busy business, parked at most 60 s, paced at most 30 s. */
  public static WorkerDelays standard() {
    return new WorkerDelays(Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
