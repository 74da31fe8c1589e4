package io.ledgerbridge.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved version of a binding's policy, without the policy itself: a line of its history.
 *
 * @param version 1 for the first saved version
 * @param savedAt when it was saved
 */
public record PolicyVersionSummary(int version, Instant savedAt) {
  public PolicyVersionSummary {
    if (version < 1) {
      throw new IllegalArgumentException("a saved version is 1 or more: " + version);
    }
    Objects.requireNonNull(savedAt, "savedAt");
  }
}
