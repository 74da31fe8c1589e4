package io.ledgerbridge.core.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The retry schedule for transient failures. After failure number {@code n} (1-based) the job waits
 * {@code steps[min(n, steps.size()) - 1]}; after {@code maxAttempts} failures it dead-letters.
 */
public record BackoffLadder(List<Duration> steps, int maxAttempts) {

  public BackoffLadder {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one step");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** 2 s, 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, then hourly; dead-letter after 12 failures. */
  public static BackoffLadder standard() {
    return new BackoffLadder(
        List.of(
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1)),
        12);
  }

  /** Decides what follows the {@code failures}-th failure (1-based), measured from {@code now}. */
  public RetryDecision afterFailure(int failures, Instant now) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures is 1-based");
    }
    if (failures >= maxAttempts) {
      return new RetryDecision.GiveUp();
    }
    Duration wait = steps.get(Math.min(failures, steps.size()) - 1);
    return new RetryDecision.RetryAt(now.plus(wait));
  }
}
